package org.humanchat.ui.internal;

import org.eclipse.e4.ui.model.application.MApplication;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.e4.ui.model.application.ui.basic.MPartStack;
import org.eclipse.e4.ui.workbench.modeling.EModelService;
import org.eclipse.e4.ui.workbench.modeling.EPartService;
import org.eclipse.e4.ui.workbench.modeling.EPartService.PartState;
import org.humanchat.ui.ConversationOpener;

/**
 * Opens conversation editors: one part per conversation, created from the conversation part descriptor and keyed by
 * the conversation's id, brought to the front when it is open already.
 */
public final class ConversationEditors implements ConversationOpener {

    public static final String EDITOR_STACK = "org.humanchat.desk.stack.editors";

    private final EPartService partService;
    private final EModelService modelService;
    private final MApplication application;

    public ConversationEditors(EPartService partService, EModelService modelService, MApplication application) {
        this.partService = partService;
        this.modelService = modelService;
        this.application = application;
    }

    @Override
    public void open(long conversationId) {
        String key = Long.toString(conversationId);
        for (MPart part : partService.getParts()) {
            if (ConversationPart.DESCRIPTOR.equals(part.getElementId())
                    && key.equals(part.getPersistedState().get(ConversationPart.CONVERSATION_ID))) {
                partService.showPart(part, PartState.ACTIVATE);
                return;
            }
        }
        MPart part = partService.createPart(ConversationPart.DESCRIPTOR);
        part.getPersistedState().put(ConversationPart.CONVERSATION_ID, key);
        part.setLabel("Conversation " + key);
        MPartStack stack = (MPartStack) modelService.find(EDITOR_STACK, application);
        if (stack != null) {
            stack.getChildren().add(part);
        }
        partService.showPart(part, PartState.ACTIVATE);
    }
}
