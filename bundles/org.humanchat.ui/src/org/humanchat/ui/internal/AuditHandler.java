package org.humanchat.ui.internal;

import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.ui.model.application.MApplication;
import org.eclipse.e4.ui.workbench.modeling.EModelService;
import org.eclipse.e4.ui.workbench.modeling.EPartService;

/** Shows the Audit view (Ctrl+Shift+L) beside the conversations, creating it the first time. */
public final class AuditHandler {

    @Execute
    public void execute(EPartService parts, EModelService models, MApplication application) {
        Handlers.showBesideConversations(AuditPart.DESCRIPTOR, parts, models, application);
    }
}
