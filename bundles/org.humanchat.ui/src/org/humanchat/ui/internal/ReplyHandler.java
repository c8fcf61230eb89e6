package org.humanchat.ui.internal;

import org.eclipse.e4.core.di.annotations.CanExecute;
import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.e4.ui.services.IServiceConstants;

import jakarta.inject.Named;

/** Puts the keyboard focus in the active editor's composer (Ctrl+R). */
public final class ReplyHandler {

    @CanExecute
    public boolean canExecute(@Optional @Named(IServiceConstants.ACTIVE_PART) MPart active) {
        return Handlers.conversation(active) != null;
    }

    @Execute
    public void execute(@Named(IServiceConstants.ACTIVE_PART) MPart active) {
        ConversationPart part = Handlers.conversation(active);
        if (part != null) {
            part.focus();
        }
    }
}
