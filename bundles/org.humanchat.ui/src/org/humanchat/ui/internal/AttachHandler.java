package org.humanchat.ui.internal;

/** Attaches files to the reply in the active conversation editor (Ctrl+Shift+F). */
public final class AttachHandler extends ConversationEditorHandler {

    @Override
    void act(ConversationPart part) {
        part.chooseFiles();
    }
}
