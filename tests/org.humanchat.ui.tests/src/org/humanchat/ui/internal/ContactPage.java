package org.humanchat.ui.internal;

import org.eclipse.jface.fieldassist.ControlDecoration;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;
import org.humanchat.api.model.Agent;

/** The User Properties view as an agent uses it: the contact's fields and their problems, Save, the conversations. */
final class ContactPage {

    private final DeskUi ui;
    private final Composite area;
    private final ContactPart part = new ContactPart();

    ContactPage(DeskUi ui) {
        this.ui = ui;
        this.area = ui.area();
        part.create(area);
    }

    ContactPage signIn(Agent agent) {
        part.sessionReady(ui.sessionOf(agent));
        return this;
    }

    /** The agent selects a conversation or an inbox row, as the workbench hands the selection over. */
    void select(Object selection) {
        part.selectionChanged(selection);
    }

    /** Hands a domain event to the part, as the workbench's event broker does. */
    void deliver(org.osgi.service.event.Event event) {
        part.conversationChanged(event);
    }

    private <T extends Control> T find(String key, Class<T> type) {
        return WidgetKeys.find(area, key, type).orElseThrow(() -> new AssertionError("No widget " + key));
    }

    Text field(String key) {
        return find("contact." + key, Text.class);
    }

    /** The problem shown next to a field, or null. */
    String problemOf(String key) {
        ControlDecoration decoration = (ControlDecoration) field(key).getData(ContactPart.DECORATION);
        return decoration.isVisible() ? decoration.getDescriptionText() : null;
    }

    boolean canSave() {
        return find("contact.save", Button.class).isEnabled();
    }

    void save() {
        Widgets.click(find("contact.save", Button.class));
    }

    String feedbackText() {
        return find("contact.feedback", Label.class).getText();
    }

    /** The contact's conversations, one a line. */
    String conversationsText() {
        return String.join("\n", find("contact.conversations", org.eclipse.swt.widgets.List.class).getItems());
    }
}
