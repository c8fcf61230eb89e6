package org.humanchat.ui.internal;

import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.ui.model.application.MApplication;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.e4.ui.model.application.ui.basic.MPartStack;
import org.eclipse.e4.ui.workbench.modeling.EModelService;
import org.eclipse.e4.ui.workbench.modeling.EPartService;
import org.eclipse.e4.ui.workbench.modeling.EPartService.PartState;

/** Shows the Audit view (Ctrl+Shift+L) beside the conversations, creating it the first time. */
public final class AuditHandler {

    @Execute
    public void execute(EPartService parts, EModelService models, MApplication application) {
        MPart part = parts.findPart(AuditPart.DESCRIPTOR);
        if (part == null) {
            part = parts.createPart(AuditPart.DESCRIPTOR);
            MPartStack stack = (MPartStack) models.find(ConversationEditors.EDITOR_STACK, application);
            if (stack != null) {
                stack.getChildren().add(part);
            }
        }
        parts.showPart(part, PartState.ACTIVATE);
    }
}
