package org.humanchat.ui.internal;

import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.ui.workbench.modeling.EPartService;

import jakarta.inject.Named;

/** Opens the next (Alt+Down) or previous (Alt+Up) conversation of the inbox; parameter "delta" is +1 or -1. */
public final class NextConversationHandler {

    public static final String DELTA = "org.humanchat.ui.commandparameter.delta";

    @Execute
    public void execute(EPartService parts, @Optional @Named(DELTA) String delta) {
        InboxPart inbox = Handlers.inbox(parts);
        if (inbox != null) {
            inbox.move("-1".equals(delta) ? -1 : 1);
        }
    }
}
