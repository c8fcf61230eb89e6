package org.humanchat.api.service;

/** A request the rules refuse; the message is written for the person who made it. */
public class HumanChatException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public HumanChatException(String message) {
        super(message);
    }

    public HumanChatException(String message, Throwable cause) {
        super(message, cause);
    }
}
