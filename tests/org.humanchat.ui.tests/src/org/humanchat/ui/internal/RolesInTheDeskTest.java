package org.humanchat.ui.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.eclipse.swt.widgets.Button;
import org.humanchat.api.model.Agent;
import org.humanchat.api.model.AgentRole;
import org.humanchat.api.model.Assignee;
import org.humanchat.api.model.AuthorKind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What each role sees when the core refuses it: the desk says why in words, keeps what was typed, and offers the
 * supervisor's part of the settings to supervisors.
 */
class RolesInTheDeskTest {

    @TempDir
    Path folder;
    DeskUi ui;
    Agent sue;

    @BeforeEach
    void open() {
        ui = new DeskUi(folder);
        sue = ui.desk.directory.createAgent("Sue", "sue@example.com", AgentRole.SUPERVISOR, ui.desk.ana.id());
    }

    @AfterEach
    void close() {
        ui.close();
    }

    @Test
    void anAgentIsToldThatAColleaguesConversationIsNotTheirsToTakeAndKeepsTheText() {
        var desk = ui.desk;
        long id = desk.userWrites(desk.whatsapp, "+4915100000031", "Hello").conversationId();
        desk.conversations.reply(id, desk.ana.id(), "Ana here", List.of(), false);
        ConversationPage editor = new ConversationPage(ui);
        ui.desk.events.deliverTo(editor::deliver);
        editor.signIn(desk.bob);
        editor.open(id);

        editor.typeAndPressEnter("Bob here");

        ui.waitUntil("the refusal is said", () -> editor.feedbackText().startsWith("Not sent: "));
        assertEquals("Not sent: Ana is handling this conversation: only a supervisor or an admin can take it over or"
                + " change it.", editor.feedbackText());
        assertEquals("Bob here", editor.composer().getText(), "what Bob typed is kept");
        assertEquals(1, desk.conversations.messages(id, 0, 50).stream()
                .filter(m -> m.authorKind() == AuthorKind.AGENT).count(), "nothing sent");
        assertEquals(Assignee.agent(desk.ana.id()), desk.conversations.find(id).orElseThrow().assignee());
    }

    @Test
    void aSupervisorEditsTheQuickResponsesButNotTheRestOfTheSetUp() {
        SettingsPage settings = new SettingsPage(ui);
        ui.desk.events.deliverTo(settings::deliver);
        settings.signIn(sue);
        ui.waitUntil("the settings are loaded", () -> !settings.feedbackText().isEmpty());

        assertEquals("Only admins change the set-up; you edit the quick responses.", settings.feedbackText());
        List<Button> buttons = settings.buttons();
        assertTrue(buttons.stream().anyMatch(b -> b.getText().equals("Save environment")), "buttons are found");
        assertEquals(List.of("Save quick response", "Delete"), buttons.stream().filter(Button::isEnabled)
                .map(Button::getText).toList(), "only the quick responses' buttons");
        assertFalse(settings.field("settings.businessHours").isEnabled());

        settings.field("settings.quickResponse.shortcut").setText("welcome");
        settings.field("settings.quickResponse.text").setText("Welcome, {contact}!");
        settings.click("Save quick response");
        ui.waitUntil("Sue's quick response is stored", () -> ui.desk.directory.quickResponses(
                ui.desk.production.id()).stream().anyMatch(q -> q.shortcut().equals("welcome")));
    }
}
