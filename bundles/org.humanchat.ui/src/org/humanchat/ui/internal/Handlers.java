package org.humanchat.ui.internal;

import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.e4.ui.workbench.modeling.EPartService;

/** Finds the parts the desk's handlers act on. */
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
}
