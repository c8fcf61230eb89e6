package org.humanchat.core.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.BooleanSupplier;

import org.humanchat.api.event.ConversationEvents;
import org.humanchat.api.model.InboundMessage;
import org.humanchat.api.model.InboundResult;
import org.humanchat.core.internal.ConversationRules;
import org.humanchat.core.internal.DirectoryRules;
import org.humanchat.persistence.internal.DatabaseSettings;
import org.humanchat.persistence.internal.JpaConversationStore;
import org.humanchat.persistence.internal.RemoteEventRelay;
import org.humanchat.persistence.internal.RemoteEvents;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgi.service.event.Event;

/**
 * Runtimes sharing one PostgreSQL database (desks and a headless server) see each other's changes live: what runtime
 * A commits arrives in runtime B's EventAdmin, marked remote; nothing comes back to the runtime that made it.
 */
class RemoteEventsOnPostgresTest {

    DatabaseSettings database;
    JpaConversationStore storeA;
    ConversationRules rulesA;
    long channel;
    RecordingEventAdmin seenByB = new RecordingEventAdmin();
    RemoteEventRelay relayB;

    @BeforeEach
    void twoRuntimes() throws Exception {
        database = Databases.freshPostgres();
        storeA = new JpaConversationStore(database, "runtime-a");
        relayB = new RemoteEventRelay(database, seenByB, "runtime-b");
        waitUntil("B listens", relayB::listening);
        RecordingEventAdmin eventsA = new RecordingEventAdmin();
        DirectoryRules directoryA = new DirectoryRules(storeA, eventsA);
        var admin = directoryA.ensureFirstAdmin("Admin", "admin@example.com");
        long production = directoryA.createEnvironment("production", admin.id()).id();
        channel = directoryA.createChannel(production, "webhook", "API", admin.id()).id();
        rulesA = new ConversationRules(storeA, eventsA);
    }

    @AfterEach
    void stop() throws Exception {
        relayB.stop();
        storeA.close();
        Databases.dropPostgresSchema(database);
    }

    @Test
    void anotherRuntimesChangesArriveMarkedRemoteAndOwnChangesDoNotComeBack() throws Exception {
        JpaConversationStore storeB = new JpaConversationStore(database, "runtime-b");
        try {
            ConversationRules rulesB = new ConversationRules(storeB, new RecordingEventAdmin());
            InboundResult first = rulesA.receive(message("u-1", "m-1"));
            waitUntil("B sees the message A stored", () -> messageAdded(first.messageId()) != null);
            Event added = messageAdded(first.messageId());
            assertEquals(first.conversationId(), ((Number) added.getProperty(ConversationEvents.CONVERSATION_ID))
                    .longValue());
            assertEquals(Boolean.TRUE, added.getProperty(ConversationEvents.REMOTE));
            assertEquals("END_USER", added.getProperty(ConversationEvents.AUTHOR_KIND));
            assertTrue(seenByB.events.stream().anyMatch(e -> e.getTopic().equals(ConversationEvents.CREATED)),
                    "the new conversation too");

            InboundResult own = rulesB.receive(message("u-2", "m-2"));
            InboundResult later = rulesA.receive(message("u-3", "m-3"));
            // notifications arrive in commit order: once A's later message is there, B's own would be too
            waitUntil("B sees A's later message", () -> messageAdded(later.messageId()) != null);
            assertEquals(null, messageAdded(own.messageId()), "B's own change is not posted again");
        } finally {
            storeB.close();
        }
    }

    @Test
    void messagesWrittenByTwoRuntimesKeepTheOrderTheyWereWrittenIn() {
        JpaConversationStore storeB = new JpaConversationStore(database, "runtime-b");
        try {
            ConversationRules rulesB = new ConversationRules(storeB, new RecordingEventAdmin());
            // the server stores the question, a desk the answer, the server the next question: one conversation
            long conversation = rulesA.receive(message("u-1", "m-1")).conversationId();
            rulesB.receive(message("u-1", "m-2"));
            rulesA.receive(message("u-1", "m-3"));
            List<String> transcript = rulesA.messages(conversation, 0, 50).stream()
                    .map(m -> m.externalId()).filter(java.util.Objects::nonNull).toList();
            assertEquals(List.of("m-1", "m-2", "m-3"), transcript, "ids follow the order of writing across runtimes");
        } finally {
            storeB.close();
        }
    }

    @Test
    void aLostConnectionIsOpenedAgainAndViewsAreToldToReadAgain() throws Exception {
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

        InboundResult after = rulesA.receive(message("u-1", "m-1"));
        waitUntil("changes arrive again", () -> messageAdded(after.messageId()) != null);
    }

    @Test
    void manyEventsOfOneCommitAllArrive() throws Exception {
        // concurrent receives share commits: a transaction announces many events, more than one payload holds
        List<Thread> senders = new ArrayList<>();
        List<InboundResult> results = Collections.synchronizedList(new ArrayList<>());
        for (int i = 0; i < 60; i++) {
            int n = i;
            senders.add(Thread.startVirtualThread(() -> results.add(rulesA.receive(message("u-" + n, "m-" + n)))));
        }
        for (Thread t : senders) {
            t.join();
        }
        assertEquals(60, results.size());
        waitUntil("B sees all 60 messages", () -> results.stream().allMatch(r -> messageAdded(r.messageId()) != null));
    }

    private InboundMessage message(String sender, String id) {
        return new InboundMessage(channel, sender, null, id, "Hello from " + sender, List.of(), Instant.now());
    }

    private Event messageAdded(long messageId) {
        return seenByB.events.stream().filter(e -> e.getTopic().equals(ConversationEvents.MESSAGE_ADDED))
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
