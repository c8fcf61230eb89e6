package org.humanchat.ui.internal;

/** Puts the keyboard focus in the active editor's composer (Ctrl+R). */
public final class ReplyHandler extends ConversationEditorHandler {

    @Override
    void act(ConversationPart part) {
        part.focus();
    }
}
