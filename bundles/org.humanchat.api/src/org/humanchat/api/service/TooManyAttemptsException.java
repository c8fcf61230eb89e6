package org.humanchat.api.service;

import java.time.Duration;

/**
 * Too many failed sign-ins for this account or from this address lately: the next attempt is taken after
 * {@link #retryAfter()}, and the delay grows with each further failure. HTTP: 429 with {@code Retry-After}.
 */
public class TooManyAttemptsException extends SignInRefusedException {

    private static final long serialVersionUID = 1L;

    private final Duration retryAfter;

    public TooManyAttemptsException(Duration retryAfter) {
        super("Too many failed sign-ins: try again in " + words(retryAfter) + ".");
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }

    /** Whole seconds, at least one: for {@code Retry-After}. */
    public long retryAfterSeconds() {
        return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
    }

    private static String words(Duration wait) {
        long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
        if (seconds < 90) {
            return seconds + (seconds == 1 ? " second" : " seconds");
        }
        long minutes = (seconds + 59) / 60;
        return minutes + " minutes";
    }
}
