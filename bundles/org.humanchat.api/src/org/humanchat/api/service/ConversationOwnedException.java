package org.humanchat.api.service;

/** Another agent owns the conversation; the caller may take it over explicitly. */
public class ConversationOwnedException extends HumanChatException {

    private static final long serialVersionUID = 1L;

    private final long conversationId;
    private final long ownerId;
    private final String ownerName;

    public ConversationOwnedException(long conversationId, long ownerId, String ownerName) {
        super(ownerName + " is handling this conversation. Take it over to answer it.");
        this.conversationId = conversationId;
        this.ownerId = ownerId;
        this.ownerName = ownerName;
    }

    public long conversationId() {
        return conversationId;
    }

    public long ownerId() {
        return ownerId;
    }

    public String ownerName() {
        return ownerName;
    }
}
