package org.humanchat.ui.internal;

/** Edits the tags of the conversation in the active editor (Ctrl+T). */
public final class TagHandler extends ConversationEditorHandler {

    @Override
    void act(ConversationPart part) {
        part.editTags();
    }
}
