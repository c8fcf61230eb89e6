package org.humanchat.ui.internal;

import org.eclipse.e4.ui.model.application.MApplication;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.e4.ui.model.application.ui.basic.MPartStack;
import org.eclipse.e4.ui.workbench.modeling.EModelService;
import org.eclipse.e4.ui.workbench.modeling.EPartService;
import org.eclipse.e4.ui.workbench.modeling.EPartService.PartState;

/** Finds and shows the parts the desk's handlers act on. */
final class Handlers {

    private Handlers() {
    }

    static ConversationPart conversation(MPart active) {
        return active != null && active.getObject() instanceof ConversationPart part ? part : null;
    }

    static InboxPart inbox(EPartService parts) {
        MPart part = parts.findPart(InboxPart.ID);
        return part != null && part.getObject() instanceof InboxPart inbox ? inbox : null;
    }

    /** Shows the view {@code descriptor} beside the conversations, creating it there the first time. */
    static void showBesideConversations(String descriptor, EPartService parts, EModelService models,
            MApplication application) {
        MPart part = parts.findPart(descriptor);
        if (part == null) {
            part = parts.createPart(descriptor);
            MPartStack stack = (MPartStack) models.find(ConversationEditors.EDITOR_STACK, application);
            if (stack != null) {
                stack.getChildren().add(part);
            }
        }
        parts.showPart(part, PartState.ACTIVATE);
    }
}
