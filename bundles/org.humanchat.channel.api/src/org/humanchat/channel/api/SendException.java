package org.humanchat.channel.api;

import java.time.Duration;

/**
 * A message the platform did not take. {@link #retryable()} failures (timeouts, refused connections, 5xx, 429) are
 * tried again later, after {@link #retryAfter()} when the platform said how long to wait; the others fail at once,
 * with the message shown to the agent.
 */
public class SendException extends Exception {

    private static final long serialVersionUID = 1L;

    private final boolean retryable;
    private final Duration retryAfter;

    public SendException(String message, boolean retryable, Duration retryAfter, Throwable cause) {
        super(message, cause);
        this.retryable = retryable;
        this.retryAfter = retryAfter;
    }

    public static SendException permanent(String message) {
        return new SendException(message, false, null, null);
    }

    public static SendException transientFailure(String message, Throwable cause) {
        return new SendException(message, true, null, cause);
    }

    public boolean retryable() {
        return retryable;
    }

    /** How long the platform asked to wait, or {@code null}. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
