package org.humanchat.core.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import org.humanchat.api.event.ConversationEvents;
import org.humanchat.api.model.Environment;
import org.humanchat.api.model.InboundMessage;
import org.humanchat.api.model.InboundResult;
import org.humanchat.core.internal.ConversationRules;
import org.humanchat.core.internal.DirectoryRules;
import org.humanchat.persistence.internal.DatabaseSettings;
import org.humanchat.persistence.internal.JpaConversationStore;
import org.humanchat.persistence.internal.RemoteEventRelay;
import org.humanchat.persistence.internal.RemoteEvents;
import org.junit.jupiter.api.Test;
import org.osgi.service.event.Event;

/**
 * Runtimes sharing one PostgreSQL database (desks and a headless server) see each other's changes live: what one
 * commits arrives in the others' EventAdmin, marked remote; nothing comes back to the runtime that made it.
 */
class RemoteEventsTest {

    @Test
    void anotherRuntimesChangesArriveMarkedRemoteAndOwnChangesDoNotComeBack() throws Exception {
        DatabaseSettings database = Databases.freshPostgres();
        JpaConversationStore storeA = new JpaConversationStore(database, "runtime-a");
        JpaConversationStore storeB = new JpaConversationStore(database, "runtime-b");
        RecordingEventAdmin seenByB = new RecordingEventAdmin();
        RemoteEventRelay relayB = new RemoteEventRelay(database, seenByB, "runtime-b");
        try {
            waitUntil("B listens", relayB::listening);
            RecordingEventAdmin eventsA = new RecordingEventAdmin();
            DirectoryRules directoryA = new DirectoryRules(storeA, eventsA);
            var admin = directoryA.ensureFirstAdmin("Admin", "admin@example.com");
            Environment production = directoryA.createEnvironment("production", admin.id());
            long channel = directoryA.createChannel(production.id(), "webhook", "API", admin.id()).id();
            ConversationRules rulesA = new ConversationRules(storeA, eventsA);
            ConversationRules rulesB = new ConversationRules(storeB, new RecordingEventAdmin());

            InboundResult first = rulesA.receive(message(channel, "u-1", "m-1"));
            waitUntil("B sees the message A stored", () -> messageAdded(seenByB, first.messageId()) != null);
            Event added = messageAdded(seenByB, first.messageId());
            assertEquals(first.conversationId(), ((Number) added.getProperty(ConversationEvents.CONVERSATION_ID))
                    .longValue());
            assertEquals(Boolean.TRUE, added.getProperty(ConversationEvents.REMOTE));
            assertEquals("END_USER", added.getProperty(ConversationEvents.AUTHOR_KIND));
            assertTrue(seenByB.events.stream().anyMatch(e -> e.getTopic().equals(ConversationEvents.CREATED)),
                    "the new conversation too");

            InboundResult own = rulesB.receive(message(channel, "u-2", "m-2"));
            InboundResult later = rulesA.receive(message(channel, "u-3", "m-3"));
            // notifications arrive in commit order: once A's later message is there, B's own would be too
            waitUntil("B sees A's later message", () -> messageAdded(seenByB, later.messageId()) != null);
            assertEquals(null, messageAdded(seenByB, own.messageId()), "B's own change is not posted again");
        } finally {
            relayB.stop();
            storeA.close();
            storeB.close();
            Databases.dropPostgresSchema(database);
        }
    }

    @Test
    void aLostConnectionIsOpenedAgainAndViewsAreToldToReadAgain() throws Exception {
        DatabaseSettings database = Databases.freshPostgres();
        JpaConversationStore storeA = new JpaConversationStore(database, "runtime-a");
        RecordingEventAdmin seenByB = new RecordingEventAdmin();
        RemoteEventRelay relayB = new RemoteEventRelay(database, seenByB, "runtime-b");
        try {
            waitUntil("B listens", relayB::listening);
            // the server ends the relay's connection (a restart, a network cut)
            org.postgresql.ds.PGSimpleDataSource admin = new org.postgresql.ds.PGSimpleDataSource();
            admin.setURL(database.jdbcUrl());
            admin.setUser(database.user());
            try (java.sql.Connection c = admin.getConnection();
                    java.sql.PreparedStatement kill = c.prepareStatement("SELECT pg_terminate_backend(pid) FROM"
                            + " pg_stat_activity WHERE query = ?")) {
                kill.setString(1, "LISTEN \"" + RemoteEvents.channel(database.schema()) + "\"");
                try (java.sql.ResultSet killed = kill.executeQuery()) {
                    assertTrue(killed.next(), "the relay's connection was found");
                }
            }
            waitUntil("views are told to read again", () -> seenByB.events.stream()
                    .anyMatch(e -> e.getTopic().equals(ConversationEvents.REFRESH)));
            waitUntil("B listens again", relayB::listening);

            RecordingEventAdmin eventsA = new RecordingEventAdmin();
            DirectoryRules directoryA = new DirectoryRules(storeA, eventsA);
            var first = directoryA.ensureFirstAdmin("Admin", "admin@example.com");
            Environment production = directoryA.createEnvironment("production", first.id());
            long channel = directoryA.createChannel(production.id(), "webhook", "API", first.id()).id();
            InboundResult after = new ConversationRules(storeA, eventsA).receive(message(channel, "u-1", "m-1"));
            waitUntil("changes arrive again", () -> messageAdded(seenByB, after.messageId()) != null);
        } finally {
            relayB.stop();
            storeA.close();
            Databases.dropPostgresSchema(database);
        }
    }

    @Test
    void manyEventsOfOneCommitAllArrive() throws Exception {
        DatabaseSettings database = Databases.freshPostgres();
        JpaConversationStore storeA = new JpaConversationStore(database, "runtime-a");
        RecordingEventAdmin seenByB = new RecordingEventAdmin();
        RemoteEventRelay relayB = new RemoteEventRelay(database, seenByB, "runtime-b");
        try {
            waitUntil("B listens", relayB::listening);
            RecordingEventAdmin eventsA = new RecordingEventAdmin();
            DirectoryRules directoryA = new DirectoryRules(storeA, eventsA);
            var admin = directoryA.ensureFirstAdmin("Admin", "admin@example.com");
            Environment production = directoryA.createEnvironment("production", admin.id());
            long channel = directoryA.createChannel(production.id(), "webhook", "API", admin.id()).id();
            ConversationRules rulesA = new ConversationRules(storeA, eventsA);
            // concurrent receives share commits: a transaction announces many events, more than one payload holds
            List<Thread> senders = new ArrayList<>();
            List<InboundResult> results = java.util.Collections.synchronizedList(new ArrayList<>());
            for (int i = 0; i < 60; i++) {
                int n = i;
                senders.add(Thread.startVirtualThread(() -> results.add(rulesA.receive(message(channel, "u-" + n,
                        "m-" + n)))));
            }
            for (Thread t : senders) {
                t.join();
            }
            assertEquals(60, results.size());
            waitUntil("B sees all 60 messages", () -> results.stream()
                    .allMatch(r -> messageAdded(seenByB, r.messageId()) != null));
        } finally {
            relayB.stop();
            storeA.close();
            Databases.dropPostgresSchema(database);
        }
    }

    @Test
    void valuesKeepTheirTypesAndTextAndABigBatchIsSplit() {
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            events.add(new Event(ConversationEvents.MESSAGE_ADDED, Map.of(ConversationEvents.CONVERSATION_ID, 7L + i,
                    "count", i, "flag", true, ConversationEvents.TAGS, "vip,\\tab\there\nline " + i)));
        }
        List<String> payloads = RemoteEvents.encode("runtime-a", events);
        assertTrue(payloads.size() > 1, "200 events do not fit one payload");
        assertTrue(payloads.stream().allMatch(p -> p.getBytes(StandardCharsets.UTF_8).length <= 8000),
                "each payload within PostgreSQL's 8,000 bytes");
        List<Event> back = payloads.stream().flatMap(p -> RemoteEvents.decode(p, "runtime-b").stream()).toList();
        assertEquals(200, back.size());
        Event last = back.get(199);
        assertEquals(ConversationEvents.MESSAGE_ADDED, last.getTopic());
        assertEquals(206L, last.getProperty(ConversationEvents.CONVERSATION_ID));
        assertEquals(199, last.getProperty("count"));
        assertEquals(true, last.getProperty("flag"));
        assertEquals("vip,\\tab\there\nline 199", last.getProperty(ConversationEvents.TAGS));
        assertEquals(true, last.getProperty(ConversationEvents.REMOTE));
        assertEquals(List.of(), RemoteEvents.decode(payloads.get(0), "runtime-a"), "a runtime's own events stay out");
    }

    private static InboundMessage message(long channel, String sender, String id) {
        return new InboundMessage(channel, sender, null, id, "Hello from " + sender, List.of(), Instant.now());
    }

    private static Event messageAdded(RecordingEventAdmin events, long messageId) {
        return events.events.stream().filter(e -> e.getTopic().equals(ConversationEvents.MESSAGE_ADDED))
                .filter(e -> e.getProperty(ConversationEvents.MESSAGE_ID) instanceof Number n
                        && n.longValue() == messageId)
                .findFirst().orElse(null);
    }

    private static void waitUntil(String what, BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + 20_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("Timed out waiting until " + what);
            }
            Thread.sleep(20);
        }
    }
}
