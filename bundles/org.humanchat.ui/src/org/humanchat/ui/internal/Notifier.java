package org.humanchat.ui.internal;

import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.core.di.extensions.EventTopic;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.humanchat.api.event.ConversationEvents;
import org.humanchat.api.model.Assignee;
import org.humanchat.api.model.AuthorKind;
import org.humanchat.ui.DeskSession;
import org.osgi.service.event.Event;

import jakarta.inject.Inject;

/**
 * Tells the agent, with a small note in the corner of the window (and a beep if wished), when a conversation starts
 * waiting for a human or a message arrives in one of the agent's conversations; while another application is in
 * front, with a notification of the desktop instead, where it has a notification service. A model add-on: it lives
 * as long as the desk.
 */
public final class Notifier {

    static final int SHOWN_MS = 5_000;

    private volatile DeskSession session;
    private final DeskPreferences preferences;
    private final DesktopNotifications desktop;
    private Shell note;
    /** Notes shown so far; for tests. */
    int shown;

    public Notifier() {
        this(new DeskPreferences(), DesktopNotifications.fromPath());
    }

    Notifier(DeskPreferences preferences) {
        this(preferences, new DesktopNotifications(java.util.Optional.empty()));
    }

    Notifier(DeskPreferences preferences, DesktopNotifications desktop) {
        this.preferences = preferences;
        this.desktop = desktop;
    }

    @Inject
    @Optional
    public void sessionReady(DeskSession readySession) {
        this.session = readySession;
    }

    @Inject
    @Optional
    public void conversationChanged(@EventTopic(ConversationEvents.ALL) Event event) {
        DeskSession current = session;
        if (current == null || !preferences.notifications()) {
            return;
        }
        String text = noteFor(event, current.agent().id());
        Display display = Display.getDefault();
        if (text != null && !display.isDisposed()) {
            display.asyncExec(() -> show(display, text));
        }
    }

    /** What to tell agent {@code me} about an event, or null when it is none of theirs. */
    static String noteFor(Event event, long me) {
        String topic = event.getTopic();
        String kind = String.valueOf(event.getProperty(ConversationEvents.ASSIGNEE_KIND));
        Object assignee = event.getProperty(ConversationEvents.ASSIGNEE_ID);
        boolean waiting = Assignee.Kind.NOBODY.name().equals(kind) && "OPEN".equals(event.getProperty(
                ConversationEvents.STATUS));
        if (waiting && (ConversationEvents.HANDED_OVER.equals(topic) || ConversationEvents.CREATED.equals(topic)
                || ConversationEvents.REOPENED.equals(topic))) {
            return "A conversation is waiting for a human";
        }
        if (ConversationEvents.MESSAGE_ADDED.equals(topic)
                && AuthorKind.END_USER.name().equals(event.getProperty(ConversationEvents.AUTHOR_KIND))
                && Assignee.Kind.AGENT.name().equals(kind) && assignee instanceof Long id && id == me) {
            return "New message in one of your conversations";
        }
        return null;
    }

    private void show(Display display, String text) {
        if (note != null && !note.isDisposed()) {
            note.dispose();
        }
        Shell parent = display.getActiveShell();
        if (parent == null && desktop.available()) {
            // The agent works in another window: the desktop's own notification reaches them there.
            desktop.send(text);
            shown++;
            if (preferences.sound()) {
                display.beep();
            }
            return;
        }
        note = new Shell(display, SWT.NO_TRIM | SWT.ON_TOP | SWT.TOOL);
        note.setData("org.humanchat.notification", Boolean.TRUE);
        GridLayoutFactory.fillDefaults().margins(14, 10).applyTo(note);
        note.setBackground(display.getSystemColor(SWT.COLOR_INFO_BACKGROUND));
        Label label = new Label(note, SWT.NONE);
        label.setText(text);
        label.setBackground(note.getBackground());
        GridDataFactory.fillDefaults().applyTo(label);
        note.pack();
        Rectangle area = parent != null ? parent.getBounds() : display.getPrimaryMonitor().getClientArea();
        note.setLocation(area.x + area.width - note.getSize().x - 16, area.y + area.height - note.getSize().y - 40);
        note.setVisible(true);
        shown++;
        if (preferences.sound()) {
            display.beep();
        }
        Shell shown = note;
        display.timerExec(SHOWN_MS, () -> {
            if (!shown.isDisposed()) {
                shown.dispose();
            }
        });
    }
}
