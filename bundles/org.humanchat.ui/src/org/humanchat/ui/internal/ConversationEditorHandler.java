package org.humanchat.ui.internal;

import org.eclipse.e4.core.di.annotations.CanExecute;
import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.e4.ui.services.IServiceConstants;

import jakarta.inject.Named;

/** A command on the conversation in the active editor; enabled only while a conversation editor is active. */
abstract class ConversationEditorHandler {

    @CanExecute
    public boolean canExecute(@Optional @Named(IServiceConstants.ACTIVE_PART) MPart active) {
        return Handlers.conversation(active) != null;
    }

    @Execute
    public void execute(@Named(IServiceConstants.ACTIVE_PART) MPart active) {
        ConversationPart part = Handlers.conversation(active);
        if (part != null) {
            act(part);
        }
    }

    abstract void act(ConversationPart part);
}
