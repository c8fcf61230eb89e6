package org.humanchat.api.service;

/**
 * More is waiting to be stored than the store takes: nothing of this request was stored, and the same request a
 * little later will be taken (a channel answers 503 with Retry-After, so that the platform delivers it again).
 */
public class BusyException extends HumanChatException {

    private static final long serialVersionUID = 1L;

    public BusyException(String message) {
        super(message);
    }
}
