package org.humanchat.ui.internal;

/** Resolves or reopens the conversation in the active editor (Ctrl+Shift+R). */
public final class ResolveHandler extends ConversationEditorHandler {

    @Override
    void act(ConversationPart part) {
        part.toggleResolved();
    }
}
