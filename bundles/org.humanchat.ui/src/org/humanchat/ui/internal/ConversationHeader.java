package org.humanchat.ui.internal;

import java.util.Map;

import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.resource.JFaceResources;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.humanchat.api.model.Assignee;
import org.humanchat.api.model.Conversation;

/**
 * The top of a conversation editor: the contact's name; channel, environment, status, assignee and tags; and the
 * buttons acting on the conversation (Resolve or Reopen, Assign..., Tags..., Send again).
 */
final class ConversationHeader {

    /** What the header's buttons do. */
    interface Actions {
        void toggleResolved();

        void assign();

        void editTags();

        void retryFailed();
    }

    private final Composite header;
    private final Label title;
    private final Label details;
    private final Button resolve;
    private final Button retry;

    ConversationHeader(Composite parent, Actions actions) {
        header = new Composite(parent, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(5).applyTo(header);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(header);
        Composite names = new Composite(header, SWT.NONE);
        GridLayoutFactory.fillDefaults().spacing(0, 2).applyTo(names);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(names);
        title = WidgetKeys.name(new Label(names, SWT.NONE), "conversation.title");
        title.setFont(JFaceResources.getHeaderFont());
        GridDataFactory.fillDefaults().grab(true, false).applyTo(title);
        details = WidgetKeys.name(new Label(names, SWT.WRAP), "conversation.details");
        GridDataFactory.fillDefaults().grab(true, false).hint(200, SWT.DEFAULT).applyTo(details);
        resolve = Controls.button(header, "Resolve", actions::toggleResolved);
        Controls.button(header, "Assign\u2026", actions::assign);
        Controls.button(header, "Tags\u2026", actions::editTags);
        retry = Controls.button(header, "Send again", actions::retryFailed);
        retry.setToolTipText("Send the messages that could not be delivered again");
        retry.setEnabled(false);
    }

    /** @param names "AGENT:id" and "BRAIN:id" to names */
    void show(Conversation conversation, String contactName, String channel, String environment,
            Map<String, String> names) {
        title.setText(contactName);
        details.setText(channel + "  \u00b7  " + environment + "  \u00b7  " + describe(conversation, names));
        resolve.setText(conversation.isOpen() ? "Resolve" : "Reopen");
        // name and details changed size: lay them out again up to the part (the details may wrap)
        header.getParent().layout(new Control[] { title, details });
    }

    /** Some shown messages could not be delivered: they can be sent again. */
    void undelivered(boolean any) {
        retry.setEnabled(any);
    }

    private static String describe(Conversation c, Map<String, String> names) {
        String who = switch (c.assignee()) {
            case Assignee.Nobody n -> "waiting for a human";
            case Assignee.ToAgent a -> "with " + names.getOrDefault("AGENT:" + a.agentId(), "an agent");
            case Assignee.ToBrain b -> "with " + names.getOrDefault("BRAIN:" + b.brainId(), "a Brain");
        };
        return (c.isOpen() ? "Open, " + who : "Resolved")
                + (c.tags().isEmpty() ? "" : "  \u00b7  tags: " + String.join(", ", c.tags().stream().sorted().toList()));
    }
}
