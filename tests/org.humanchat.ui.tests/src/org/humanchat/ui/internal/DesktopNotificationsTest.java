package org.humanchat.ui.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.eclipse.core.runtime.preferences.InstanceScope;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.humanchat.core.tests.Databases;
import org.humanchat.core.tests.Desk;
import org.humanchat.persistence.internal.FileAttachmentStore;
import org.humanchat.ui.DeskSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * While no window of the desk is in front, the agent hears of a conversation waiting for them through the desktop's
 * notifications (notify-send, with the app's name and the note the desk wrote), and through the desk's own note where
 * the desktop has no notification service. The events come from the real rules; notify-send is a script that keeps
 * what it was given.
 */
class DesktopNotificationsTest {

    @TempDir
    Path folder;
    Desk desk;
    Display display;

    @BeforeEach
    void open() {
        desk = new Desk(Databases.freshH2(folder));
        display = Display.getDefault();
    }

    @AfterEach
    void close() {
        while (display.readAndDispatch()) {
            // run what the notifier queued
        }
        notes().forEach(Shell::dispose);
        desk.close();
    }

    /** A notifier for Ana with this notification service of the desktop, hearing every event of the rules. */
    private Notifier notifierOfAna(DesktopNotifications desktop) {
        DeskPreferences preferences = new DeskPreferences(
                InstanceScope.INSTANCE.getNode("org.humanchat.ui.test." + System.nanoTime()));
        Notifier notifier = new Notifier(preferences, desktop);
        notifier.sessionReady(new DeskSession(desk.ana, desk.conversations, desk.inbox, desk.contacts, desk.directory,
                desk.deliveries, new FileAttachmentStore(folder.resolve("attachments"), 64 * 1024)));
        desk.events.deliverTo(notifier::conversationChanged);
        return notifier;
    }

    /** The desk's own notes open now. */
    private List<Shell> notes() {
        return Arrays.stream(display.getShells())
                .filter(s -> !s.isDisposed() && Boolean.TRUE.equals(s.getData("org.humanchat.notification")))
                .toList();
    }

    /** Runs the event loop until {@code condition} holds; fails after 20 s naming {@code what}. */
    private void waitUntil(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out waiting until " + what);
            }
            if (!display.readAndDispatch()) {
                display.timerExec(10, () -> { });
                display.sleep();
            }
        }
    }

    @Test
    void aConversationWaitingForAHumanIsHandedToNotifySendWithTheDesksNote() throws Exception {
        Path sent = folder.resolve("sent.txt");
        Path script = folder.resolve("notify-send");
        Files.writeString(script, "#!/bin/sh\nprintf '%s\\n' \"$@\" > '" + sent + ".part' && mv '" + sent
                + ".part' '" + sent + "'\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        Notifier notifier = notifierOfAna(new DesktopNotifications(Optional.of(script)));
        assertNull(display.getActiveShell(), "no window of the desk is in front");

        desk.userWrites(desk.whatsapp, "+4915100000001", "Hello? Is anybody there?");

        waitUntil("notify-send was run", () -> Files.exists(sent));
        assertEquals(List.of("--app-name=Human Chat", "--expire-time=5000", "Human Chat",
                "A conversation is waiting for a human"), Files.readAllLines(sent));
        assertEquals(1, notifier.shown);
        assertEquals(List.of(), notes(), "the desktop's notification replaces the desk's own note");
    }

    @Test
    void withoutNotifySendTheDeskShowsItsOwnNote() {
        DesktopNotifications none = new DesktopNotifications(Optional.empty());
        assertFalse(none.available());
        Notifier notifier = notifierOfAna(none);

        desk.userWrites(desk.whatsapp, "+4915100000002", "Hello?");

        waitUntil("the desk's own note is shown", () -> notifier.shown == 1 && notes().size() == 1);
        assertEquals(List.of("A conversation is waiting for a human"), Widgets.all(notes().get(0), Label.class)
                .stream().map(Label::getText).toList());
    }
}
