package org.humanchat.ui;

/** Opens a conversation's editor, or brings it to the front when it is open already. */
@FunctionalInterface
public interface ConversationOpener {

    void open(long conversationId);
}
