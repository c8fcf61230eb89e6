package org.humanchat.api.service;

/**
 * The database cannot do the work just now: it is not open yet, the connection is lost, or it refused the work for
 * a reason of its own (not a rule of Human Chat). Nothing of the request was stored; the same request later may be
 * taken. The endpoint answers it 503 with Retry-After, so that a platform delivers its message again.
 */
public class StoreUnavailableException extends HumanChatException {

    private static final long serialVersionUID = 1L;

    public StoreUnavailableException(String message) {
        super(message);
    }

    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
