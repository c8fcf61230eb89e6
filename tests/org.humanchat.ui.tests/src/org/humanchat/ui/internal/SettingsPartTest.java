package org.humanchat.ui.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Text;
import org.humanchat.api.connector.ConnectorInstance;
import org.humanchat.api.event.DirectoryEvents;
import org.humanchat.api.model.Environment;
import org.humanchat.api.model.InboxTab;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.service.event.Event;

/** The settings as an admin and as an agent use them. */
class SettingsPartTest {

    @TempDir
    Path folder;
    DeskUi ui;
    SettingsPage settings;
    FakeConnectors connectors = new FakeConnectors();

    private void open(boolean asAdmin) {
        ui = new DeskUi(folder);
        settings = new SettingsPage(ui);
        ui.desk.events.deliverTo(settings::deliver);
        settings.signIn(asAdmin ? ui.desk.ana : ui.desk.bob);
        ui.waitUntil("the settings are loaded", () -> !settings.humanChatChangedText().isEmpty());
    }

    @AfterEach
    void close() {
        ui.close();
    }

    private Environment production() {
        return ui.desk.directory.environment(ui.desk.production.id()).orElseThrow();
    }

    @Test
    void anAdminSwitchesHumanChatOffAndTheChangeIsRecorded() {
        open(true);
        assertTrue(settings.humanChatShown());

        settings.toggleHumanChat();

        ui.waitUntil("Human Chat is off", () -> !production().humanChatEnabled()
                && settings.humanChatChangedText().startsWith("Switched off by Ana"));
        assertFalse(settings.humanChatShown());
    }

    @Test
    void anAdminAddsAQuickResponse() {
        open(true);
        settings.field("settings.quickResponse.shortcut").setText("thanks");
        Text text = settings.field("settings.quickResponse.text");
        assertTrue(text.getMessage().startsWith("{contact}"), "the variables are explained");
        text.setText("Thanks {contact}!");
        settings.click("Save quick response");
        ui.waitUntil("it is stored", () -> ui.desk.directory.quickResponses(ui.desk.production.id()).stream()
                .anyMatch(q -> q.shortcut().equals("thanks")));
    }

    @Test
    void badBusinessHoursAreRefusedWithTheReason() {
        open(true);
        Text hours = settings.field("settings.businessHours");
        assertTrue(hours.getMessage().startsWith("Mon-Fri"), "an example is given");
        hours.setText("Weekdays 9 to 5");
        settings.click("Save environment");
        ui.waitUntil("the reason is shown", () -> settings.feedbackText().contains("Expected days"));
        assertTrue(production().businessHours().isAlwaysOpen());
    }

    @Test
    void agentsSeeTheSettingsReadOnly() {
        open(false);
        List<String> shown = settings.buttons().stream().map(Button::getText).toList();
        // Every button an admin uses is shown (an agent sees the set-up), and none does anything for an agent.
        for (String expected : List.of("New\u2026", "Human Chat (agents take over)", "Save environment",
                "Save quick response", "Delete", "Brain Settings\u2026", "Rename tag", "Delete tag", "Add agent")) {
            assertTrue(shown.contains(expected), "no button \"" + expected + "\" in " + shown);
        }
        for (Button button : settings.buttons()) {
            assertFalse(button.isEnabled(), button.getText() + " must be disabled for agents");
        }
        assertEquals("Only admins change the set-up; you see it read-only.", settings.feedbackText());
    }

    @Test
    void anAdminEditsTheRulesBrainThroughConnectorAdministrationLinkedToTheBrain() {
        open(true);
        settings.connectorAdministration(connectors);
        ui.waitUntil("the Brain is offered", () -> settings.feedbackText().contains("Rules is not running"));

        settings.editRulesBrain("New Rules Brain", form -> {
            Combo brain = (Combo) form.control(ConnectorInstance.BRAIN_LINK);
            assertTrue(brain.getText().startsWith("Rules"), "the Brain chosen in Settings is linked: " + brain.getText());
            ((Text) form.control("faq")).setText("refund|money back => Refunds take 5 days.\nhours => 9 to 5.");
            Widgets.click(Widgets.button(form.getShell(), "Create"));
        });
        ui.waitUntil("it is saved", () -> settings.feedbackText().startsWith("Saved: Rules"));

        assertEquals(List.of("save " + InstanceEditor.RULES_BRAIN), connectors.calls);
        Map<String, String> stored = connectors.saved.values().iterator().next();
        assertEquals(Long.toString(ui.desk.rules.id()), stored.get(ConnectorInstance.BRAIN_LINK));
        assertEquals(List.of("refund|money back => Refunds take 5 days.", "hours => 9 to 5."),
                stored.get("faq").lines().toList());
        ui.waitUntil("the Brain's status is shown", () -> settings.feedbackText().startsWith("Saved: Rules"));
    }

    @Test
    void faqLinesWithoutAnAnswerAreRefused() {
        open(true);
        settings.connectorAdministration(connectors);
        ui.waitUntil("the Brain is offered", () -> settings.feedbackText().contains("Rules is not running"));
        String[] shownAgain = new String[1];
        settings.editRulesBrain("New Rules Brain", form -> {
            ((Text) form.control("faq")).setText("just a question");
            // the refused save opens the form again with the reason: look at it, then give up
            ui.whenDialogOpens("New Rules Brain", shell -> {
                shownAgain[0] = ((ConfigFormDialog) shell.getData()).getErrorMessage();
                Widgets.click(Widgets.button(shell, IDialogConstants.CANCEL_LABEL));
            });
            Widgets.click(Widgets.button(form.getShell(), "Create"));
        });
        ui.waitUntil("the reason is shown", () -> settings.feedbackText().contains("needs keywords")
                && shownAgain[0] != null);
        assertTrue(shownAgain[0].contains("needs keywords"), shownAgain[0]);
        assertTrue(connectors.saved.isEmpty(), "nothing was stored");
    }

    @Test
    void anAdminChoosesTheBrainOfAChannel() {
        open(true);
        ui.waitUntil("the channels are listed", () -> settings.channelBrain("WhatsApp").isPresent());
        Combo whatsapp = settings.channelBrain("WhatsApp").orElseThrow();
        assertEquals("No Brain: straight to humans", whatsapp.getText());

        settings.chooseBrain(whatsapp, "Rules");

        ui.waitUntil("the channel's Brain is stored", () -> ui.desk.directory.channel(ui.desk.whatsapp.id())
                .orElseThrow().defaultBrain().equals(Optional.of(ui.desk.rules.id())));
        ui.desk.userWrites(ui.desk.whatsapp, "+4915100000099", "Hello");
        assertTrue(ui.desk.inbox.counts(ui.desk.ana.id()).of(InboxTab.BRAIN) == 1);
    }

    @Test
    void anAdminRenamesATagOnEveryConversation() {
        open(true);
        var desk = ui.desk;
        long id = desk.userWrites(desk.whatsapp, "+4915100000091", "hi").conversationId();
        desk.conversations.tag(id, "urgnet", desk.ana.id());
        settings.deliver(new Event(DirectoryEvents.SETUP_CHANGED, Map.of()));
        ui.waitUntil("the tag is listed", () -> settings.tagList().getItemCount() == 1);
        settings.selectTag(0);
        settings.field("settings.tags.newName").setText("urgent");
        settings.whenAsked("Rename tag");

        settings.click("Rename tag");

        ui.waitUntil("the conversation has the new tag", () -> desk.conversations.find(id).orElseThrow().tags()
                .equals(Set.of("urgent")));
        ui.waitUntil("the list shows it", () -> List.of(settings.tagList().getItems()).equals(List.of("urgent")));
        assertEquals("Done: 1 conversation changed.", settings.feedbackText());
    }
}
