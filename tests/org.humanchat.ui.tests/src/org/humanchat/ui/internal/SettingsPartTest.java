package org.humanchat.ui.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Text;
import org.humanchat.api.model.Environment;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The settings as an admin and as an agent use them. */
class SettingsPartTest {

    @TempDir
    Path folder;
    DeskUi ui;
    SettingsPart settings;

    private void open(boolean asAdmin) {
        ui = new DeskUi(folder);
        settings = new SettingsPart();
        settings.create(ui.area());
        ui.desk.events.deliverTo(settings::setupChanged);
        settings.sessionReady(ui.sessionOf(asAdmin ? ui.desk.ana : ui.desk.bob));
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
        Text shortcut = WidgetTree.controls(settings.content()).stream().filter(Text.class::isInstance)
                .map(Text.class::cast).filter(t -> t.getMessage().isEmpty() && t.getText().isEmpty()).findFirst()
                .orElseThrow();
        shortcut.setText("thanks");
        Text text = WidgetTree.controls(settings.content()).stream().filter(Text.class::isInstance)
                .map(Text.class::cast).filter(t -> t.getMessage().startsWith("{contact}")).findFirst().orElseThrow();
        text.setText("Thanks {contact}!");
        Widgets.click(Widgets.button(settings.content(), "Save quick response"));
        ui.waitUntil("it is stored", () -> ui.desk.directory.quickResponses(ui.desk.production.id()).stream()
                .anyMatch(q -> q.shortcut().equals("thanks")));
    }

    @Test
    void badBusinessHoursAreRefusedWithTheReason() {
        open(true);
        Text hours = WidgetTree.controls(settings.content()).stream().filter(Text.class::isInstance)
                .map(Text.class::cast).filter(t -> t.getMessage().startsWith("Mon-Fri")).findFirst().orElseThrow();
        hours.setText("Weekdays 9 to 5");
        Widgets.click(Widgets.button(settings.content(), "Save environment"));
        ui.waitUntil("the reason is shown", () -> settings.feedbackText().contains("Expected days"));
        assertTrue(production().businessHours().isAlwaysOpen());
    }

    @Test
    void agentsSeeTheSettingsReadOnly() {
        open(false);
        for (Button button : Widgets.all(settings.content(), Button.class)) {
            assertFalse(button.isEnabled(), button.getText() + " must be disabled for agents");
        }
        assertEquals("Only admins change the set-up; you see it read-only.", settings.feedbackText());
    }

    @Test
    void anAdminEditsTheRulesBrainAndItIsStoredWhereTheBrainReadsIt() throws Exception {
        open(true);
        var context = org.osgi.framework.FrameworkUtil.getBundle(SettingsPartTest.class).getBundleContext();
        var tracker = new org.osgi.util.tracker.ServiceTracker<org.osgi.service.cm.ConfigurationAdmin,
                org.osgi.service.cm.ConfigurationAdmin>(context, org.osgi.service.cm.ConfigurationAdmin.class, null);
        tracker.open();
        var admin = tracker.waitForService(20_000);
        settings.configurationAdminReady(admin);
        ui.waitUntil("the Brain is offered", () -> settings.feedbackText().contains("Rules is not running"));

        Text faq = WidgetTree.controls(settings.content()).stream().filter(Text.class::isInstance)
                .map(Text.class::cast).filter(t -> t.getMessage().startsWith("one per line")).findFirst().orElseThrow();
        faq.setText("refund|money back => Refunds take 5 days.\nhours => 9 to 5.");
        Widgets.click(Widgets.button(settings.content(), "Save Brain"));
        ui.waitUntil("it is saved", () -> settings.feedbackText().startsWith("Saved: Rules"));

        var stored = admin.listConfigurations("(&(service.factoryPid=org.humanchat.brain.rules)(humanchat.brain.id="
                + ui.desk.rules.id() + "))");
        try {
            assertEquals(1, stored.length);
            assertEquals(java.util.List.of("refund|money back => Refunds take 5 days.", "hours => 9 to 5."),
                    java.util.Arrays.asList((String[]) stored[0].getProperties().get("faq")));
        } finally {
            for (var c : stored) {
                c.delete();
            }
            tracker.close();
        }
    }

    @Test
    void faqLinesWithoutAnAnswerAreRefused() throws Exception {
        open(true);
        var context = org.osgi.framework.FrameworkUtil.getBundle(SettingsPartTest.class).getBundleContext();
        var tracker = new org.osgi.util.tracker.ServiceTracker<org.osgi.service.cm.ConfigurationAdmin,
                org.osgi.service.cm.ConfigurationAdmin>(context, org.osgi.service.cm.ConfigurationAdmin.class, null);
        tracker.open();
        settings.configurationAdminReady(tracker.waitForService(20_000));
        ui.waitUntil("the Brain is offered", () -> settings.feedbackText().contains("Rules is not running"));
        Text faq = WidgetTree.controls(settings.content()).stream().filter(Text.class::isInstance)
                .map(Text.class::cast).filter(t -> t.getMessage().startsWith("one per line")).findFirst().orElseThrow();
        faq.setText("just a question");
        Widgets.click(Widgets.button(settings.content(), "Save Brain"));
        ui.waitUntil("the reason is shown", () -> settings.feedbackText().contains("needs keywords"));
        tracker.close();
    }

    @Test
    void anAdminChoosesTheBrainOfAChannel() {
        open(true);
        ui.waitUntil("the channels are listed", () -> WidgetTree.controls(settings.content()).stream()
                .anyMatch(c -> c.getData() instanceof org.humanchat.api.model.Channel));
        org.eclipse.swt.widgets.Combo whatsapp = WidgetTree.controls(settings.content()).stream()
                .filter(c -> c.getData() instanceof org.humanchat.api.model.Channel ch && ch.name().equals("WhatsApp"))
                .map(org.eclipse.swt.widgets.Combo.class::cast).findFirst().orElseThrow();
        assertEquals("No Brain: straight to humans", whatsapp.getText());

        whatsapp.select(java.util.Arrays.asList(whatsapp.getItems()).indexOf("Rules"));
        whatsapp.notifyListeners(org.eclipse.swt.SWT.Selection, new org.eclipse.swt.widgets.Event());

        ui.waitUntil("the channel's Brain is stored", () -> ui.desk.directory.channel(ui.desk.whatsapp.id())
                .orElseThrow().defaultBrain().equals(java.util.Optional.of(ui.desk.rules.id())));
        ui.desk.userWrites(ui.desk.whatsapp, "+4915100000099", "Hello");
        assertTrue(ui.desk.inbox.counts(ui.desk.ana.id()).of(org.humanchat.api.model.InboxTab.BRAIN) == 1);
    }

    @Test
    void anAdminRenamesATagOnEveryConversation() {
        open(true);
        var desk = ui.desk;
        long id = desk.userWrites(desk.whatsapp, "+4915100000091", "hi").conversationId();
        desk.conversations.tag(id, "urgnet", desk.ana.id());
        settings.setupChanged(new org.osgi.service.event.Event(org.humanchat.api.event.DirectoryEvents.SETUP_CHANGED,
                java.util.Map.of()));
        org.eclipse.swt.widgets.List tags = settings.tagList();
        ui.waitUntil("the tag is listed", () -> tags.getItemCount() == 1);
        tags.select(0);
        tags.notifyListeners(org.eclipse.swt.SWT.Selection, new org.eclipse.swt.widgets.Event());
        settings.tagRenameField().setText("urgent");
        settings.answerConfirmationsWith(() -> true);

        Widgets.click(Widgets.button(settings.content(), "Rename tag"));

        ui.waitUntil("the conversation has the new tag", () -> desk.conversations.find(id).orElseThrow().tags()
                .equals(java.util.Set.of("urgent")));
        ui.waitUntil("the list shows it", () -> java.util.List.of(tags.getItems()).equals(java.util.List.of("urgent")));
        assertEquals("Done: 1 conversation changed.", settings.feedbackText());
    }
}
