package org.humanchat.api.service;

/** The acting agent may not do this: an admin's action asked of an agent. */
public class PermissionDeniedException extends HumanChatException {

    private static final long serialVersionUID = 1L;

    public PermissionDeniedException(String message) {
        super(message);
    }
}
