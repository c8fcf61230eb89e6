package org.humanchat.ui.internal;

/** Sends the active conversation's undelivered messages again. */
public final class RetryHandler extends ConversationEditorHandler {

    @Override
    void act(ConversationPart part) {
        part.retryFailed();
    }
}
