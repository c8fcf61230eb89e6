package org.humanchat.ui.internal;

/** Assigns the conversation in the active editor to an agent, a Brain or nobody (Ctrl+Shift+A). */
public final class AssignHandler extends ConversationEditorHandler {

    @Override
    void act(ConversationPart part) {
        part.assign();
    }
}
