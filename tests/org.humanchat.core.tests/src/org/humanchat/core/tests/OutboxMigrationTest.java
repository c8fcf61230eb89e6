package org.humanchat.core.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;

import org.humanchat.api.model.DeliveryState;
import org.humanchat.api.model.OutboundDelivery;
import org.humanchat.core.internal.DeliveryRules;
import org.humanchat.persistence.internal.DatabaseSettings;
import org.humanchat.persistence.internal.JpaConversationStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Schema version 7 moved the outbox out of the message table: a database written by version 6 keeps its pending
 * deliveries (due, with their attempts), and a platform's report still finds a message sent before the upgrade.
 */
class OutboxMigrationTest {

    @TempDir
    Path folder;

    @Test
    void pendingAndSentDeliveriesOfVersion6SurviveOnH2() throws Exception {
        pendingAndSentDeliveriesSurvive(Databases.freshH2(folder));
    }

    @Test
    void pendingAndSentDeliveriesOfVersion6SurviveOnPostgres() throws Exception {
        DatabaseSettings settings = Databases.freshPostgres();
        try {
            pendingAndSentDeliveriesSurvive(settings);
        } finally {
            Databases.dropPostgresSchema(settings);
        }
    }

    private static void pendingAndSentDeliveriesSurvive(DatabaseSettings settings) throws Exception {
        JpaConversationStore.migrateTo(settings, "6");
        long due = System.currentTimeMillis() - 60_000;
        try (Connection c = settings.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO environment (id, name, human_chat_enabled, fallback_text)"
                    + " VALUES (1, 'production', TRUE, 'Sorry')");
            s.execute("INSERT INTO channel (id, environment_id, type, name) VALUES (1, 1, 'whatsapp', 'WhatsApp')");
            s.execute("INSERT INTO contact (id, name, email, address, phone) VALUES (1, 'Ann', '', '', '')");
            s.execute("INSERT INTO contact_identity (channel_id, external_id, contact_id) VALUES (1, '+491511', 1)");
            s.execute("INSERT INTO conversation (id, environment_id, channel_id, contact_id, status, assignee_kind,"
                    + " assignee_id, tags, preview, created_at, last_message_at)"
                    + " VALUES (1, 1, 1, 1, 'OPEN', 'NOBODY', 0, '', 'Hi', " + due + ", " + due + ")");
            String columns = "INSERT INTO message (id, conversation_id, channel_id, direction, author_kind, author_id,"
                    + " text, external_id, delivery_state, delivery_error, created_at, delivery_attempts,"
                    + " next_attempt_at, platform_ref) VALUES ";
            s.execute(columns + "(10, 1, 1, 'INBOUND', 'END_USER', 0, 'Hi', 'wamid.in', 'RECEIVED', NULL, " + due
                    + ", 0, NULL, NULL)");
            s.execute(columns + "(11, 1, 1, 'OUTBOUND', 'AGENT', 7, 'Pending', NULL, 'PENDING', 'HTTP 503', " + due
                    + ", 2, " + due + ", NULL)");
            s.execute(columns + "(12, 1, 1, 'OUTBOUND', 'AGENT', 7, 'Sent', NULL, 'SENT', NULL, " + due
                    + ", 1, NULL, 'wamid.out')");
        }

        JpaConversationStore store = new JpaConversationStore(settings); // migrates to the newest version
        try {
            DeliveryRules deliveries = new DeliveryRules(store, new RecordingEventAdmin());

            List<OutboundDelivery> claimed = deliveries.claimDue(10, Duration.ofMinutes(2));
            assertEquals(List.of(11L), claimed.stream().map(d -> d.message().id()).toList());
            assertEquals(3, claimed.get(0).attempt(), "two attempts before the upgrade, this is the third");
            assertEquals("+491511", claimed.get(0).recipientExternalId());

            assertTrue(deliveries.platformStatus(1, "wamid.out", DeliveryState.FAILED, "Undeliverable"),
                    "the platform's id of a message sent before the upgrade is still known");
            try (Connection c = settings.dataSource().getConnection(); Statement s = c.createStatement()) {
                assertEquals("FAILED", single(s, "SELECT delivery_state FROM message WHERE id = 12"));
                assertEquals("0", single(s, "SELECT COUNT(*) FROM outbox WHERE message_id = 10"),
                        "an inbound message has no outbox row");
            }
        } finally {
            store.close();
        }
    }

    private static String single(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
