package org.humanchat.ui.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import java.util.List;

import org.humanchat.api.event.ConversationEvents;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.service.event.Event;

/** Notifications: which events concern the agent, and that a note appears for them. */
class NotifierTest {

    @TempDir
    Path folder;
    DeskUi ui;
    Notifier notifier;

    @BeforeEach
    void open() {
        ui = new DeskUi(folder);
        notifier = new Notifier(new DeskPreferences(
                org.eclipse.core.runtime.preferences.InstanceScope.INSTANCE.getNode("org.humanchat.ui.test." + System.nanoTime())));
        notifier.sessionReady(ui.sessionOf(ui.desk.ana));
        ui.desk.events.deliverTo(notifier::conversationChanged);
    }

    @AfterEach
    void close() {
        // The display outlives the test: a note this test's notifier queued (asyncExec) would otherwise open in the
        // next test's event loop, beside that test's own note, and both would close at the same moment.
        while (ui.display.readAndDispatch()) {
            // run what is queued
        }
        java.util.Arrays.stream(ui.display.getShells())
                .filter(s -> !s.isDisposed() && Boolean.TRUE.equals(s.getData("org.humanchat.notification")))
                .forEach(org.eclipse.swt.widgets.Shell::dispose);
        ui.close();
    }

    /** The note shells open now (not yet closed by their timer). */
    private long notes() {
        return java.util.Arrays.stream(ui.display.getShells())
                .filter(s -> !s.isDisposed() && Boolean.TRUE.equals(s.getData("org.humanchat.notification"))).count();
    }

    @Test
    void aConversationWaitingForAHumanShowsANote() {
        ui.desk.userWrites(ui.desk.whatsapp, "+4915100000001", "Hello?");
        ui.waitUntil("a note appears", () -> notifier.shown == 1 && notes() == 1);
    }

    @Test
    void onlyTheAgentsOwnConversationsNotifyOfNewMessages() {
        var desk = ui.desk;
        long mine = desk.userWrites(desk.webchat, "visitor-1", "Hi").conversationId();
        desk.conversations.reply(mine, desk.ana.id(), "Hello", List.of(), false);
        desk.events.clear();
        desk.userWrites(desk.webchat, "visitor-1", "Thanks");
        Event added = desk.events.events.stream().filter(e -> e.getTopic().equals(ConversationEvents.MESSAGE_ADDED))
                .findFirst().orElseThrow();

        assertEquals("New message in one of your conversations", Notifier.noteFor(added, desk.ana.id()));
        assertNull(Notifier.noteFor(added, desk.bob.id()));
        Event brainConversation = new Event(ConversationEvents.CREATED, java.util.Map.of(
                ConversationEvents.ASSIGNEE_KIND, "BRAIN", ConversationEvents.STATUS, "OPEN"));
        assertNull(Notifier.noteFor(brainConversation, desk.ana.id()), "Brain conversations are not for humans yet");
    }
}
