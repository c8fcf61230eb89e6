package org.humanchat.ui.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The User Properties view: follows the selection, validates as the agent types, saves with feedback. */
class ContactPartTest {

    @TempDir
    Path folder;
    DeskUi ui;
    ContactPage contact;

    @BeforeEach
    void open() {
        ui = new DeskUi(folder);
        contact = new ContactPage(ui).signIn(ui.desk.ana);
    }

    @AfterEach
    void close() {
        ui.close();
    }

    @Test
    void followsTheSelectionValidatesAsYouTypeAndSaves() {
        var desk = ui.desk;
        long id = desk.userWrites(desk.whatsapp, "+4915100000001", "Hi").conversationId();
        var conversation = desk.conversations.find(id).orElseThrow();
        contact.select(conversation);
        ui.waitUntil("the contact is shown", () -> contact.field("name").isEnabled());
        assertFalse(contact.canSave(), "nothing changed yet");

        contact.field("email").setText("maria@");
        contact.field("phone").setText("0151 234");
        ui.waitUntil("problems are marked", () -> contact.problemOf("email") != null);
        assertTrue(contact.problemOf("phone").contains("international"));
        assertFalse(contact.canSave());

        contact.field("name").setText("Maria Lopez");
        contact.field("email").setText("maria@example.com");
        contact.field("phone").setText("+49 151 2345 6789");
        ui.waitUntil("all is well", () -> contact.problemOf("email") == null && contact.canSave());
        assertNull(contact.problemOf("phone"));

        contact.save();
        ui.waitUntil("it is saved", () -> contact.feedbackText().equals("Saved."));
        var saved = desk.contacts.find(conversation.contactId()).orElseThrow();
        assertEquals("Maria Lopez", saved.name());
        assertEquals("+4915123456789", saved.phone());
        assertFalse(contact.canSave());
    }

    @Test
    void theContactsConversationsFollowChanges() {
        var desk = ui.desk;
        desk.events.deliverTo(contact::deliver);
        long id = desk.userWrites(desk.whatsapp, "+4915100000002", "Hi").conversationId();
        contact.select(desk.conversations.find(id).orElseThrow());
        ui.waitUntil("the conversation is listed as open", () -> contact.conversationsText().contains("open"));

        desk.conversations.resolve(id, desk.ana.id());

        ui.waitUntil("it is listed as resolved", () -> contact.conversationsText().contains("resolved"));
    }
}
