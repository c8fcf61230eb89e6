package org.humanchat.core.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;

import org.humanchat.api.model.AgentRole;
import org.humanchat.api.model.InboundResult;
import org.humanchat.api.service.AuditChange;
import org.humanchat.api.service.AuditEntry;
import org.humanchat.api.service.AuditQuery;
import org.humanchat.api.service.AuditService;
import org.humanchat.api.service.PermissionDeniedException;
import org.humanchat.api.service.ValidationException;
import org.humanchat.persistence.internal.DatabaseSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The audit log against a real database; subclasses choose which. Every set-up change the rules make is recorded
 * in its own transaction with who, when (the rules' clock), what, before and after; refused changes record nothing;
 * no secret is written; admins read it a page at a time, filtered.
 */
abstract class AuditContract {

    /** A clock the test moves: entries are stamped with it, never with the wall clock. */
    static final class SteppingClock extends Clock {
        Instant now = Instant.parse("2026-03-02T09:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    final SteppingClock clock = new SteppingClock();
    Desk desk;

    abstract DatabaseSettings database();

    @BeforeEach
    void openDesk() {
        desk = new Desk(database(), clock);
    }

    @AfterEach
    void closeDesk() {
        if (desk != null) {
            desk.close();
        }
    }

    private List<AuditEntry> all() {
        return desk.audit.entries(AuditQuery.newest(AuditQuery.MAX_LIMIT), desk.ana.id());
    }

    private AuditEntry latest(String action) {
        return all().stream().filter(e -> e.action().equals(action)).findFirst()
                .orElseThrow(() -> new AssertionError("No " + action + " in " + all()));
    }

    private void assertEntry(AuditEntry entry, String who, String kind, String name, String before, String after) {
        assertEquals(who, entry.agentName(), entry.toString());
        assertEquals(kind, entry.subjectKind(), entry.toString());
        assertEquals(name, entry.subjectName(), entry.toString());
        assertEquals(before, entry.before(), entry.toString());
        assertEquals(after, entry.after(), entry.toString());
    }

    @Test
    void theSetUpOfTheDeskIsRecordedOldestLast() {
        List<String> actions = all().stream().map(AuditEntry::action).toList();
        assertEquals(List.of("channel.create", "channel.defaultBrain", "channel.create", "brain.create",
                "environment.create", "agent.create", "agent.create"), actions);
        AuditEntry firstAdmin = all().get(6);
        assertEquals(0, firstAdmin.agentId(), "nobody made the first admin: the system did");
        assertEntry(firstAdmin, AuditEntry.SYSTEM, "agent", "Ana", "", "Ana <ana@example.com>, admin (the first admin)");
        assertEntry(all().get(5), "Ana", "agent", "Bob", "", "Bob <bob@example.com>, agent");
        assertEquals(desk.ana.id(), all().get(5).agentId());
        assertEntry(latest("channel.defaultBrain"), "Ana", "channel", "Web chat", "no Brain", "Rules");
        assertEntry(latest("brain.create"), "Ana", "brain", "Rules", "", "rules Brain in production");
        assertEquals(Long.toString(desk.webchat.id()), latest("channel.defaultBrain").subjectId());
    }

    @Test
    void environmentChangesAreRecordedWithBeforeAndAfter() {
        long env = desk.production.id();
        clock.now = Instant.parse("2026-03-02T10:15:00Z");
        desk.directory.setHumanChatEnabled(env, false, desk.ana.id());
        assertEntry(latest("environment.humanChat"), "Ana", "environment", "production", "on", "off");
        assertEquals(clock.now, latest("environment.humanChat").at(), "stamped with the rules' clock");

        desk.directory.renameEnvironment(env, "live", desk.ana.id());
        assertEntry(latest("environment.rename"), "Ana", "environment", "live", "production", "live");

        desk.directory.setFallbackText(env, "We are closed.", desk.ana.id());
        assertEntry(latest("environment.fallbackText"), "Ana", "environment", "live",
                "Thanks for your message. Our team is not available in this chat right now.", "We are closed.");

        desk.directory.setBusinessHours(env, "Mon-Fri 09:00-17:00", "Europe/Berlin", "Back at nine.", desk.ana.id());
        assertEntry(latest("environment.businessHours"), "Ana", "environment", "live",
                "always; out of hours: " + desk.production.outOfHoursText(),
                "Mon-Fri 09:00-17:00 (Europe/Berlin); out of hours: Back at nine.");

        desk.directory.setHumanChatEnabled(env, false, desk.ana.id());
        assertEquals(1, all().stream().filter(e -> e.action().equals("environment.humanChat")).count(),
                "switching off what is off changes nothing and records nothing");
    }

    @Test
    void tagsQuickResponsesAndTokensAreRecordedDeletionsIncluded() {
        long env = desk.production.id();
        InboundResult a = desk.userWrites(desk.whatsapp, "+4915100000001", "Hi");
        desk.conversations.tag(a.conversationId(), "vip", desk.ana.id());

        desk.directory.renameTag("vip", "gold", desk.ana.id());
        assertEntry(latest("tag.rename"), "Ana", "tag", "vip", "vip", "gold (on 1 conversations)");
        desk.directory.deleteTag("gold", desk.ana.id());
        assertEntry(latest("tag.delete"), "Ana", "tag", "gold", "gold (on 1 conversations)", "");

        var thanks = desk.directory.saveQuickResponse(env, "thanks", "Thank you!", desk.ana.id());
        assertEntry(latest("quickResponse.create"), "Ana", "quickResponse", "/thanks", "", "Thank you!");
        desk.directory.saveQuickResponse(env, "thanks", "Thank you, {contact}!", desk.ana.id());
        assertEntry(latest("quickResponse.update"), "Ana", "quickResponse", "/thanks", "Thank you!",
                "Thank you, {contact}!");
        desk.directory.deleteQuickResponse(thanks.id(), desk.ana.id());
        assertEntry(latest("quickResponse.delete"), "Ana", "quickResponse", "/thanks", "Thank you, {contact}!", "");
        assertEquals(Long.toString(thanks.id()), latest("quickResponse.delete").subjectId());
    }

    @Test
    void anApiTokenIsRecordedAsIssuedButNeverWritten() throws Exception {
        String token = desk.directory.issueApiToken(desk.bob.id(), desk.ana.id());

        assertEntry(latest("agent.apiToken"), "Ana", "agent", "Bob", "",
                "new API token \"Admin API\" issued");
        String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(token.getBytes(StandardCharsets.UTF_8)));
        for (AuditEntry entry : all()) {
            for (String secret : List.of(token, token.substring(3), hash)) {
                assertFalse(entry.toString().contains(secret), "a secret in the log: " + entry);
            }
        }
    }

    @Test
    void aRefusedOrInvalidChangeRecordsNothing() {
        var staging = desk.directory.createEnvironment("staging", desk.ana.id());
        long stagingBrain = desk.directory.createBrain(staging.id(), "Staging rules", "rules", desk.ana.id()).id();
        List<AuditEntry> before = all();
        long env = desk.production.id();

        assertThrows(PermissionDeniedException.class,
                () -> desk.directory.setHumanChatEnabled(env, false, desk.bob.id()));
        assertThrows(PermissionDeniedException.class, () -> desk.directory.renameTag("a", "b", desk.bob.id()));
        assertThrows(ValidationException.class,
                () -> desk.directory.setBusinessHours(env, "Weekdays 9 to 5", "UTC", "", desk.ana.id()));
        assertThrows(ValidationException.class, () -> desk.directory.renameEnvironment(env, "", desk.ana.id()));
        assertThrows(ValidationException.class,
                () -> desk.directory.setDefaultBrain(desk.whatsapp.id(), stagingBrain, desk.ana.id()));
        assertThrows(ValidationException.class,
                () -> desk.directory.createAgent("Bob again", "bob@example.com", AgentRole.AGENT, desk.ana.id()));

        assertEquals(before, all());
        assertTrue(desk.directory.environment(env).orElseThrow().humanChatEnabled(), "the refused change was not made");
    }

    @Test
    void anEntryIsWrittenInTheTransactionOfItsChangeAndGoesWithItsRollback() {
        int before = all().size();
        assertThrows(IllegalStateException.class, () -> desk.store.write(tx -> {
            tx.audit().append(new AuditEntry(0, clock.now, desk.ana.id(), "Ana", "environment.rename", "environment",
                    "1", "x", "a", "b"));
            throw new IllegalStateException("the change fails after its entry was written");
        }));
        assertEquals(before, all().size());
    }

    @Test
    void onlyAdminsReadTheLog() {
        PermissionDeniedException refused = assertThrows(PermissionDeniedException.class,
                () -> desk.audit.entries(AuditQuery.newest(10), desk.bob.id()));
        assertEquals("Only an admin can see the audit log; Bob is an agent.", refused.getMessage());
        assertThrows(PermissionDeniedException.class, () -> desk.audit.actions(desk.bob.id()));
    }

    @Test
    void componentsRecordTheirChangesAndEachEntryIsAnnounced() {
        desk.events.clear();
        AuditEntry entry = desk.audit.record(desk.ana.id(), new AuditChange("connector.install", "connectorBundle",
                "org.example.sms", "SMS", "", "1.0.0 from sms.jar"));
        AuditEntry failedSignIn = desk.audit.record(0, new AuditChange("signIn.failed", "account", "",
                "nobody@example.com", "", "unknown email"));

        assertEquals(List.of(failedSignIn, entry), all().subList(0, 2));
        assertEquals("Ana", entry.agentName());
        assertEquals(AuditEntry.SYSTEM, failedSignIn.agentName());
        assertEquals(List.of(AuditService.RECORDED, AuditService.RECORDED),
                desk.events.events.stream().map(e -> e.getTopic()).toList());
        assertEquals(entry.id(), desk.events.events.get(0).getProperty(AuditService.ENTRY_ID));
        assertEquals("connector.install", desk.events.events.get(0).getProperty(AuditService.ACTION));
        assertTrue(desk.audit.actions(desk.ana.id()).containsAll(List.of("connector.install", "signIn.failed",
                "agent.create")));
    }

    @Test
    void pagesAreNewestFirstAndFollowEachOtherByKey() {
        for (int i = 1; i <= 7; i++) {
            desk.audit.record(desk.ana.id(), new AuditChange("test.step", "test", "" + i, "step " + i, "", ""));
        }
        AuditQuery steps = AuditQuery.newest(3).actionStartingWith("test.");
        List<AuditEntry> first = desk.audit.entries(steps, desk.ana.id());
        List<AuditEntry> second = desk.audit.entries(steps.after(first.get(2).id()), desk.ana.id());
        List<AuditEntry> third = desk.audit.entries(steps.after(second.get(2).id()), desk.ana.id());

        assertEquals(List.of("7", "6", "5"), first.stream().map(AuditEntry::subjectId).toList());
        assertEquals(List.of("4", "3", "2"), second.stream().map(AuditEntry::subjectId).toList());
        assertEquals(List.of("1"), third.stream().map(AuditEntry::subjectId).toList());
    }

    @Test
    void filtersByAgentActionSubjectKindTextAndTime() {
        Instant start = clock.now;
        clock.now = start.plus(Duration.ofHours(1));
        desk.directory.setHumanChatEnabled(desk.production.id(), false, desk.ana.id());
        clock.now = start.plus(Duration.ofHours(2));
        desk.audit.record(desk.bob.id(), new AuditChange("signIn.succeeded", "account", "" + desk.bob.id(), "Bob",
                "", "signed in"));
        clock.now = start.plus(Duration.ofHours(3));
        desk.directory.saveQuickResponse(desk.production.id(), "refund", "Refunds take 5% of 10_days",
                desk.ana.id());

        AuditQuery q = AuditQuery.newest(100);
        assertEquals(List.of("signIn.succeeded"), actions(q.byAgent(desk.bob.id())));
        assertEquals(List.of("environment.humanChat", "environment.create"),
                actions(q.actionStartingWith("environment.")));
        assertEquals(List.of("environment.humanChat", "environment.create"), actions(q.ofSubjectKind("environment")));
        assertEquals(List.of("quickResponse.create"), actions(q.containing("REFUNDS")), "ignoring case");
        assertEquals(List.of("quickResponse.create"), actions(q.containing("5% of 10_")), "% and _ are plain text");
        assertEquals(List.of(), actions(q.containing("5%_of")));
        assertEquals(List.of("channel.defaultBrain", "channel.create"), actions(q.containing("web chat")),
                "in the subject's name");
        assertEquals(List.of("channel.defaultBrain"), actions(q.containing("web chat").actionStartingWith(
                "channel.default")));
        assertEquals(List.of("signIn.succeeded", "environment.humanChat"),
                actions(q.between(start.plus(Duration.ofMinutes(30)), start.plus(Duration.ofHours(3)))));
        assertEquals(List.of("environment.humanChat"),
                actions(q.between(start.plus(Duration.ofMinutes(30)), start.plus(Duration.ofHours(3)))
                        .ofSubjectKind("environment").byAgent(desk.ana.id())));
    }

    private List<String> actions(AuditQuery query) {
        return desk.audit.entries(query, desk.ana.id()).stream().map(AuditEntry::action).toList();
    }
}
