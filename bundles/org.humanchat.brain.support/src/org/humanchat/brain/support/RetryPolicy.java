package org.humanchat.brain.support;

import java.time.Duration;

import org.humanchat.brain.api.BrainUnavailableException;

/**
 * How a connector retries a Brain that failed in a way that may pass (timeouts, 5xx, refused connections): up to
 * {@code retries} more attempts, waiting {@code backoff}, then twice that, and so on.
 */
public record RetryPolicy(int retries, Duration backoff) {

    /** One attempt; {@link Failure#retryable()} says whether another attempt may succeed. */
    @FunctionalInterface
    public interface Attempt<T> {
        T run() throws Failure;
    }

    /** A failed attempt. */
    public static final class Failure extends Exception {

        private static final long serialVersionUID = 1L;
        private final boolean retryable;

        public Failure(String message, boolean retryable, Throwable cause) {
            super(message, cause);
            this.retryable = retryable;
        }

        public boolean retryable() {
            return retryable;
        }
    }

    public RetryPolicy {
        if (retries < 0 || backoff.isNegative()) {
            throw new IllegalArgumentException("retries and backoff must not be negative");
        }
    }

    /** Runs the attempt until it succeeds, fails for good, or the retries are spent. */
    public <T> T run(Attempt<T> attempt) throws BrainUnavailableException {
        long wait = backoff.toMillis();
        for (int tried = 0;; tried++) {
            try {
                return attempt.run();
            } catch (Failure failure) {
                if (!failure.retryable() || tried >= retries) {
                    String tries = tried == 0 ? "" : " (after " + (tried + 1) + " attempts)";
                    throw new BrainUnavailableException(failure.getMessage() + tries, failure.getCause());
                }
            }
            try {
                Thread.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new BrainUnavailableException("interrupted while retrying", e);
            }
            wait *= 2;
        }
    }
}
