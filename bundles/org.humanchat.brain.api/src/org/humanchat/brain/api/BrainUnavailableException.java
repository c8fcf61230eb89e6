package org.humanchat.brain.api;

/**
 * The Brain could not answer: it timed out, failed, refused the connection or answered something that is not an
 * answer. The message says which, for agents and logs (never with secrets or message text).
 */
public class BrainUnavailableException extends Exception {

    private static final long serialVersionUID = 1L;

    public BrainUnavailableException(String message) {
        super(message);
    }

    public BrainUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
