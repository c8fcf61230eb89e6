package org.humanchat.ui.internal;

import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.e4.ui.workbench.modeling.EPartService;
import org.eclipse.e4.ui.workbench.modeling.EPartService.PartState;

/** Brings the inbox forward and puts the focus in its search box (Ctrl+F). */
public final class FocusSearchHandler {

    @Execute
    public void execute(EPartService parts) {
        MPart part = parts.findPart(InboxPart.ID);
        if (part != null) {
            parts.showPart(part, PartState.ACTIVATE);
            InboxPart inbox = Handlers.inbox(parts);
            if (inbox != null) {
                inbox.focusSearch();
            }
        }
    }
}
