package org.humanchat.api.service;

/** A file the attachment store refuses: too large, empty, or not what its media type claims. */
public class AttachmentRejectedException extends HumanChatException {

    private static final long serialVersionUID = 1L;

    private final boolean tooLarge;

    public AttachmentRejectedException(String message, boolean tooLarge) {
        super(message);
        this.tooLarge = tooLarge;
    }

    public boolean tooLarge() {
        return tooLarge;
    }
}
