package org.humanchat.ui.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.humanchat.api.model.AgentRole;
import org.humanchat.api.model.InboundResult;
import org.humanchat.api.service.AuditChange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Audit view on the real rules and an H2 database: every kind of change shows up, filtered; agents see none. */
class AuditPartTest {

    @TempDir
    Path folder;
    DeskUi ui;
    AuditPage audit;

    private void open(boolean asAdmin) {
        ui = new DeskUi(folder);
        audit = new AuditPage(ui);
        ui.desk.events.deliverTo(audit::deliver);
        audit.signIn(asAdmin ? ui.desk.ana : ui.desk.bob, ui.desk.audit);
    }

    @AfterEach
    void close() {
        ui.close();
    }

    /** What the connector administration records (the admin bundle calls the same service; see ConnectorAuditTest). */
    private void connectorChanges() {
        long ana = ui.desk.ana.id();
        ui.desk.audit.record(ana, new AuditChange("connector.install", "connectorBundle", "org.example.sms", "SMS",
                "", "1.0.0 from sms.jar"));
        ui.desk.audit.record(ana, new AuditChange("connectorInstance.create", "connectorInstance", "sms~1", "SMS",
                "", "sender=Shop, apiKey=(secret set)"));
        ui.desk.audit.record(ana, new AuditChange("connectorInstance.delete", "connectorInstance", "sms~1", "SMS",
                "sender=Shop, apiKey=(secret set)", ""));
    }

    @Test
    void anAdminSeesEachKindOfChangeNewestFirstAsItHappens() {
        open(true);
        ui.waitUntil("the desk's set-up is listed", () -> audit.column(AuditPage.ACTION).contains("agent.create"));

        long ana = ui.desk.ana.id();
        long env = ui.desk.production.id();
        var d = ui.desk.directory;
        d.setHumanChatEnabled(env, false, ana);
        d.renameEnvironment(env, "live", ana);
        d.setFallbackText(env, "We are closed.", ana);
        d.setBusinessHours(env, "Mon-Fri 09:00-17:00", "UTC", "Back at nine.", ana);
        var sms = d.createChannel(env, "sms", "SMS", ana);
        d.setDefaultBrain(sms.id(), ui.desk.rules.id(), ana);
        d.createBrain(env, "FAQ", "rules", ana);
        d.createAgent("Cleo", "cleo@example.com", AgentRole.AGENT, ana);
        InboundResult hello = ui.desk.userWrites(ui.desk.whatsapp, "+4915100000001", "Hello");
        ui.desk.conversations.tag(hello.conversationId(), "vip", ana);
        d.renameTag("vip", "gold", ana);
        d.deleteTag("gold", ana);
        var thanks = d.saveQuickResponse(env, "thanks", "Thank you!", ana);
        d.deleteQuickResponse(thanks.id(), ana);
        String token = d.issueApiToken(ana, ana);
        connectorChanges();

        Set<String> expected = new TreeSet<>(List.of("environment.humanChat", "environment.rename",
                "environment.fallbackText", "environment.businessHours", "channel.create", "channel.defaultBrain",
                "brain.create", "agent.create", "tag.rename", "tag.delete", "quickResponse.create",
                "quickResponse.delete", "agent.apiToken", "connector.install", "connectorInstance.create",
                "connectorInstance.delete", "environment.create"));
        ui.waitUntil("every change is listed", () -> audit.column(AuditPage.ACTION).containsAll(expected)
                && audit.column(AuditPage.ACTION).get(0).equals("connectorInstance.delete"));

        List<String> actions = audit.column(AuditPage.ACTION);
        int humanChat = actions.indexOf("environment.humanChat");
        assertEquals("Ana", audit.column(AuditPage.WHO).get(humanChat));
        assertEquals("on", audit.column(AuditPage.BEFORE).get(humanChat));
        assertEquals("off", audit.column(AuditPage.AFTER).get(humanChat));
        assertTrue(audit.column(AuditPage.SUBJECT).get(humanChat).startsWith("environment production"),
                audit.column(AuditPage.SUBJECT).get(humanChat));
        int rename = actions.indexOf("environment.rename");
        assertEquals(List.of("production", "live"), List.of(audit.column(AuditPage.BEFORE).get(rename),
                audit.column(AuditPage.AFTER).get(rename)));
        assertTrue(actions.indexOf("quickResponse.delete") < actions.indexOf("quickResponse.create"),
                "newest first: " + actions);
        assertEquals("system", audit.column(AuditPage.WHO).get(actions.size() - 1), "the first admin, by the system");
        for (int column = AuditPage.WHEN; column <= AuditPage.AFTER; column++) {
            for (String text : audit.column(column)) {
                assertFalse(text.contains(token.substring(3)), "the API token is in the view: " + text);
            }
        }
        assertTrue(audit.message().contains("changes, newest first"), audit.message());
    }

    @Test
    void theFiltersNarrowTheLogByAgentActionAndText() {
        open(true);
        long env = ui.desk.production.id();
        ui.desk.directory.setHumanChatEnabled(env, false, ui.desk.ana.id());
        ui.desk.audit.record(ui.desk.bob.id(), new AuditChange("signIn.succeeded", "account",
                Long.toString(ui.desk.bob.id()), "Bob", "", "signed in"));
        ui.waitUntil("the entries and the filters' choices are there",
                () -> audit.column(AuditPage.ACTION).contains("signIn.succeeded")
                        && audit.actionsOffered().contains("environment.*"));

        audit.chooseAgent("Bob");
        ui.waitUntil("only Bob's", () -> audit.column(AuditPage.ACTION).equals(List.of("signIn.succeeded")));

        audit.chooseAgent("Anybody");
        audit.chooseAction("environment.*");
        ui.waitUntil("only environment changes", () -> audit.column(AuditPage.ACTION)
                .equals(List.of("environment.humanChat", "environment.create")));

        audit.chooseAction("All actions");
        audit.search("whatsapp");
        ui.waitUntil("only what names WhatsApp", () -> audit.column(AuditPage.ACTION)
                .equals(List.of("channel.create")));
        assertTrue(audit.column(AuditPage.SUBJECT).get(0).contains("WhatsApp"));

        audit.search("nothing like this");
        ui.waitUntil("nothing", () -> audit.rows() == 0 && audit.message().startsWith("Nothing recorded"));
    }

    @Test
    void theTimeFilterShowsOnlyWhatWasDoneSince() {
        open(true);
        ui.desk.store.write(tx -> tx.audit().append(new org.humanchat.api.service.AuditEntry(0,
                java.time.Instant.now().minus(java.time.Duration.ofDays(3)), ui.desk.ana.id(), "Ana",
                "agent.rename", "agent", "7", "Old Name", "Old Name", "New Name")));
        audit.chooseTime("Any time"); // read again: the entry was written behind the rules' back, no event says so
        ui.waitUntil("the old entry is listed", () -> audit.column(AuditPage.ACTION).contains("agent.rename"));

        audit.chooseTime("Last hour");
        ui.waitUntil("only the last hour's", () -> !audit.column(AuditPage.ACTION).contains("agent.rename")
                && audit.rows() > 0);

        audit.chooseTime("Last 7 days");
        ui.waitUntil("three days ago is in the last week", () -> audit.column(AuditPage.ACTION)
                .contains("agent.rename"));
    }

    @Test
    void olderEntriesAreLoadedAtTheEndOfTheTable() {
        ui = new DeskUi(folder);
        for (int i = 1; i <= AuditPages.PAGE + 30; i++) {
            ui.desk.audit.record(ui.desk.ana.id(), new AuditChange("test.step", "test", "" + i, "step " + i, "", ""));
        }
        audit = new AuditPage(ui);
        audit.signIn(ui.desk.ana, ui.desk.audit);
        ui.waitUntil("the first page is shown", () -> audit.rows() == AuditPages.PAGE);
        assertTrue(audit.loadMore().isEnabled());

        audit.column(AuditPage.ACTION); // the last row is drawn: the next page is asked for
        int all = AuditPages.PAGE + 30 + 7; // and the desk's own set-up
        ui.waitUntil("the rest is loaded", () -> audit.rows() == all);
        assertFalse(audit.loadMore().isEnabled(), "nothing more to load");
        List<String> subjects = audit.column(AuditPage.SUBJECT);
        assertEquals("test step " + (AuditPages.PAGE + 30) + " (" + (AuditPages.PAGE + 30) + ")", subjects.get(0));
        List<String> steps = subjects.stream().filter(t -> t.startsWith("test step")).toList();
        assertEquals(AuditPages.PAGE + 30, Set.copyOf(steps).size(), "each step once: " + steps);
    }

    @Test
    void anAgentIsToldOnlyAdminsSeeTheLogAndSeesNoData() {
        open(false);
        ui.waitUntil("the message is shown", () -> audit.message().equals(AuditPart.ONLY_ADMINS));
        ui.desk.directory.setHumanChatEnabled(ui.desk.production.id(), false, ui.desk.ana.id());
        ui.waitUntil("the change was announced", () -> true);

        assertEquals(AuditPart.ONLY_ADMINS, audit.message());
        assertEquals(0, audit.rows());
        assertFalse(audit.table().isVisible());
        assertFalse(audit.filtersEnabled());
        assertFalse(audit.loadMore().isEnabled());
    }
}
