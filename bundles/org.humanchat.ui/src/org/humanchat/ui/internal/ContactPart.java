package org.humanchat.ui.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.core.di.extensions.EventTopic;
import org.eclipse.e4.ui.services.IServiceConstants;
import org.eclipse.jface.fieldassist.ControlDecoration;
import org.eclipse.jface.fieldassist.FieldDecorationRegistry;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;
import org.humanchat.api.event.DirectoryEvents;
import org.humanchat.api.model.Contact;
import org.humanchat.api.model.ContactUpdate;
import org.humanchat.api.model.Conversation;
import org.humanchat.api.model.InboxRow;
import org.humanchat.api.service.ValidationException;
import org.humanchat.ui.DeskSession;
import org.osgi.service.event.Event;

import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/**
 * The end user of the selected conversation (inbox row or editor): name, email, address and phone, checked as the
 * agent types with the same rules the core applies, saved with clear feedback; below, where the contact writes from
 * and their other conversations.
 */
public final class ContactPart {

    public static final String ID = "org.humanchat.ui.part.contact";
    /** The data key under which a field holds the decoration that shows its problem. */
    static final String DECORATION = ControlDecoration.class.getName();

    private final Map<String, Text> fields = new LinkedHashMap<>();
    private final Map<String, ControlDecoration> decorations = new LinkedHashMap<>();
    private Label heading;
    private Button save;
    private Label feedback;
    private Label identities;
    private org.eclipse.swt.widgets.List others;

    private volatile DeskSession session;
    private Contact contact;
    private Loaded lastLoaded;
    private boolean showing;

    @PostConstruct
    public void create(Composite parent) {
        GridLayoutFactory.fillDefaults().numColumns(2).margins(10, 8).spacing(8, 6).applyTo(parent);
        heading = new Label(parent, SWT.WRAP);
        heading.setText("Select a conversation to see its contact.");
        GridDataFactory.fillDefaults().span(2, 1).grab(true, false).applyTo(heading);
        field(parent, "name", "Name");
        field(parent, "email", "Email");
        field(parent, "address", "Address");
        field(parent, "phone", "Phone");
        save = WidgetKeys.name(new Button(parent, SWT.PUSH), "contact.save");
        save.setText("Save");
        save.setEnabled(false);
        save.addListener(SWT.Selection, e -> save());
        GridDataFactory.swtDefaults().span(2, 1).align(SWT.END, SWT.CENTER).applyTo(save);
        feedback = WidgetKeys.name(new Label(parent, SWT.WRAP), "contact.feedback");
        GridDataFactory.fillDefaults().span(2, 1).grab(true, false).hint(150, SWT.DEFAULT).applyTo(feedback);
        Label channels = new Label(parent, SWT.NONE);
        channels.setText("Writes from");
        channels.setFont(org.eclipse.jface.resource.JFaceResources.getBannerFont());
        GridDataFactory.fillDefaults().span(2, 1).indent(0, 8).applyTo(channels);
        identities = new Label(parent, SWT.WRAP);
        GridDataFactory.fillDefaults().span(2, 1).grab(true, false).applyTo(identities);
        Label conversations = new Label(parent, SWT.NONE);
        conversations.setText("Conversations");
        conversations.setFont(org.eclipse.jface.resource.JFaceResources.getBannerFont());
        GridDataFactory.fillDefaults().span(2, 1).indent(0, 8).applyTo(conversations);
        others = WidgetKeys.name(new org.eclipse.swt.widgets.List(parent, SWT.BORDER | SWT.V_SCROLL),
                "contact.conversations");
        GridDataFactory.fillDefaults().span(2, 1).grab(true, true).hint(SWT.DEFAULT, 80).applyTo(others);
        setEnabled(false);
    }

    private void field(Composite parent, String key, String label) {
        new Label(parent, SWT.NONE).setText(label);
        Text text = WidgetKeys.name(new Text(parent, SWT.BORDER | SWT.SINGLE), "contact." + key);
        GridDataFactory.fillDefaults().grab(true, false).indent(8, 0).applyTo(text);
        ControlDecoration decoration = new ControlDecoration(text, SWT.LEFT | SWT.CENTER);
        decoration.setImage(FieldDecorationRegistry.getDefault().getFieldDecoration(FieldDecorationRegistry.DEC_ERROR)
                .getImage());
        decoration.hide();
        text.setData(DECORATION, decoration); // where the field's problem is shown, for screen readers and robots
        text.addListener(SWT.Modify, e -> validate());
        text.addListener(SWT.DefaultSelection, e -> {
            if (save.isEnabled()) {
                save();
            }
        });
        fields.put(key, text);
        decorations.put(key, decoration);
    }

    @Inject
    @Optional
    public void sessionReady(DeskSession readySession) {
        this.session = readySession;
    }

    /** Follows the selection: an inbox row or a conversation. */
    @Inject
    @Optional
    public void selectionChanged(@Named(IServiceConstants.ACTIVE_SELECTION) Object selection) {
        long contactId = switch (selection) {
            case InboxRow row -> row.conversation().contactId();
            case Conversation conversation -> conversation.contactId();
            case null, default -> 0;
        };
        if (contactId != 0 && heading != null && !heading.isDisposed()) {
            load(contactId);
        }
    }

    @Inject
    @Optional
    public void contactChanged(@EventTopic(DirectoryEvents.CONTACT_CHANGED) Event event) {
        Contact shown = contact;
        if (shown != null && Long.valueOf(shown.id()).equals(event.getProperty(DirectoryEvents.CONTACT_ID))
                && !isDirty()) {
            DeskJobs.asyncIfAlive(heading.getDisplay(), heading, () -> load(shown.id()));
        }
    }

    /** A conversation of the shown contact changed (status, new one): its list follows. */
    @Inject
    @Optional
    public void conversationChanged(@EventTopic(org.humanchat.api.event.ConversationEvents.ALL) Event event) {
        Contact shown = contact;
        if (shown != null && Long.valueOf(shown.id()).equals(
                event.getProperty(org.humanchat.api.event.ConversationEvents.CONTACT_ID)) && !isDirty()) {
            DeskJobs.asyncIfAlive(heading.getDisplay(), heading, () -> load(shown.id()));
        }
    }

    private record Loaded(Contact contact, List<Conversation> conversations, Map<Long, String> channels) {
    }

    /** Loads and shows a contact. */
    public void load(long contactId) {
        DeskSession current = session;
        if (current == null) {
            return;
        }
        feedback.setText("");
        DeskJobs.run("Loading contact " + contactId, heading, () -> {
            Contact c = current.contacts().find(contactId).orElseThrow(
                    () -> new IllegalStateException("Contact " + contactId + " does not exist"));
            Map<Long, String> channels = new LinkedHashMap<>();
            current.directory().channels().forEach(ch -> channels.put(ch.id(), ch.name()));
            return new Loaded(c, current.contacts().conversations(contactId, 50), channels);
        }, loaded -> show(loaded), failure -> feedback.setText(failure.getMessage()));
    }

    private void show(Loaded loaded) {
        lastLoaded = loaded;
        contact = loaded.contact();
        showing = true;
        try {
            heading.setText(contact.displayName());
            fields.get("name").setText(contact.name());
            fields.get("email").setText(contact.email());
            fields.get("address").setText(contact.address());
            fields.get("phone").setText(contact.phone());
        } finally {
            showing = false;
        }
        identities.setText(String.join("\n", contact.identities().stream()
                .map(i -> loaded.channels().getOrDefault(i.channelId(), "Channel " + i.channelId()) + ": "
                        + i.externalId())
                .toList()));
        others.setItems(loaded.conversations().stream()
                .map(c -> "#" + c.id() + "  " + (c.isOpen() ? "open" : "resolved") + "  "
                        + Durations.clock(c.lastMessageAt(), java.time.Instant.now()))
                .toArray(String[]::new));
        setEnabled(true);
        validate();
        heading.getParent().layout(true, true);
    }

    private ContactUpdate update() {
        return new ContactUpdate(fields.get("name").getText(), fields.get("email").getText(),
                fields.get("address").getText(), fields.get("phone").getText());
    }

    private boolean isDirty() {
        Contact shown = contact;
        if (shown == null) {
            return false;
        }
        ContactUpdate u = update();
        return !(u.name().equals(shown.name()) && u.email().equals(shown.email())
                && u.address().equals(shown.address()) && u.phone().equals(shown.phone()));
    }

    /** Marks each field the core would refuse, with the reason; Save is possible only when all is well. */
    private void validate() {
        if (showing || save == null) {
            return;
        }
        Map<String, String> problems = update().problems();
        decorations.forEach((key, decoration) -> {
            String problem = problems.get(key);
            if (problem == null) {
                decoration.hide();
            } else {
                decoration.setDescriptionText(problem);
                decoration.show();
            }
        });
        save.setEnabled(contact != null && problems.isEmpty() && isDirty());
        if (!problems.isEmpty()) {
            feedback.setText(String.join("\n", problems.values()));
        } else if (feedback.getText().startsWith("Not ")) {
            feedback.setText("");
        }
        feedback.getParent().layout(true);
    }

    public void save() {
        DeskSession current = session;
        Contact shown = contact;
        if (current == null || shown == null) {
            return;
        }
        ContactUpdate update = update();
        save.setEnabled(false);
        feedback.setText("Saving\u2026");
        DeskJobs.run("Saving contact", heading, () -> current.contacts().update(shown.id(), update,
                current.agent().id()), saved -> {
                    show(new Loaded(saved, lastLoaded.conversations(), lastLoaded.channels()));
                    feedback.setText("Saved.");
                }, failure -> {
                    feedback.setText(failure instanceof ValidationException v
                            ? String.join("\n", v.fieldErrors().values())
                            : "Not saved: " + failure.getMessage());
                    validate();
                });
    }

    private void setEnabled(boolean enabled) {
        fields.values().forEach(t -> t.setEnabled(enabled));
    }
}
