package org.humanchat.api.service;

/** The conversation, contact, agent or other item asked for does not exist. */
public class NotFoundException extends HumanChatException {

    private static final long serialVersionUID = 1L;

    public NotFoundException(String what, long id) {
        super(what + " " + id + " does not exist");
    }

    public NotFoundException(String what, String id) {
        super(what + " " + id + " does not exist");
    }
}
