package org.humanchat.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Random;

import javax.sql.DataSource;

import org.humanchat.api.model.AgentRole;
import org.humanchat.api.model.Channel;
import org.humanchat.api.model.Environment;
import org.humanchat.core.internal.DirectoryRules;
import org.humanchat.persistence.internal.DatabaseSettings;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;

/** Test data at scale, written with plain JDBC batches into a database Flyway has migrated. */
final class BenchData {

    /** Events go nowhere: the benchmarks drive and read everything themselves. */
    static final EventAdmin NO_EVENTS = new EventAdmin() {
        @Override
        public void postEvent(Event event) {
        }

        @Override
        public void sendEvent(Event event) {
        }
    };

    /**
     * An admin, an agent and a "production" environment with one webhook channel, set up through the real rules:
     * what the ingest benchmarks store their messages into. Answers the channel.
     */
    static Channel webhookChannel(DirectoryRules directory) {
        var admin = directory.ensureFirstAdmin("Admin", "admin@example.com");
        directory.createAgent("Bob", "bob@example.com", AgentRole.AGENT, admin.id());
        Environment production = directory.createEnvironment("production", admin.id());
        return directory.createChannel(production.id(), "webhook", "API", admin.id());
    }

    private static final int AGENTS = 20;
    private static final int BATCH = 5_000;

    private BenchData() {
    }

    /** A new H2 file database in the benchmark folder (hc.bench.folder), named after {@code prefix}. */
    static Path newH2File(String prefix) throws IOException {
        Path folder = Path.of(System.getProperty("hc.bench.folder", "target/bench"));
        Files.createDirectories(folder);
        return folder.resolve(prefix + "-" + System.nanoTime());
    }

    /**
     * Settings for reading an H2 file database as a desk does. H2 hands out the last result of a statement again
     * while no table has changed: a benchmark asking the same question on a database that does not change would
     * measure only that, and a desk never sees it (messages keep arriving). So reuse is off and statements run.
     */
    static DatabaseSettings h2ReadingAsADesk(Path file) {
        return new DatabaseSettings(DatabaseSettings.h2Url(file) + ";OPTIMIZE_REUSE_RESULTS=FALSE", "sa", "", 8, "");
    }

    /** Deletes an H2 file database again: at 10M messages it takes about 12 GB. */
    static void deleteH2(Path file) throws IOException {
        Files.deleteIfExists(Path.of(file + ".mv.db"));
        Files.deleteIfExists(Path.of(file + ".trace.db"));
    }

    /** Deletes a folder of benchmark databases and files (an endpoint run leaves about 2 GB). */
    static void deleteFolder(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (var paths = Files.walk(folder)) {
            for (Path p : (Iterable<Path>) paths.sorted(java.util.Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }

    /**
     * Writes the data with plain JDBC batches (the rules would take hours for 10M messages): one environment, two
     * channels, a Brain, {@value #AGENTS} agents; conversations 70% resolved, 10% unassigned, 10% with the Brain,
     * 10% with agents; activity spread over a year. The tab counters are written to match. Conversation 1 gets
     * {@code longConversationMessages} more messages (a long transcript). Unread markers as in use: each
     * conversation's last inbound time, and rows of {@code conversation_seen} for the agent of every conversation
     * handled by an agent and for agent 1 (the one measured) also for a third of the others; a quarter of those
     * rows are older than the end user's last message (unread), the rest newer (read). The sequences restart above
     * the ids written, so that the real rules can store more. Returns the agent id to measure with (1).
     */
    static long fill(DataSource ds, int conversations, int messagesPerConversation, int longConversationMessages)
            throws SQLException {
        long now = System.currentTimeMillis();
        Random random = new Random(42);
        Random unread = new Random(7); // a stream of its own: the conversations are the same as without markers
        long unreadForAgent = 0;
        long unreadInMe = 0;
        long inMe = 0;
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("INSERT INTO environment (id, name, human_chat_enabled, fallback_text)"
                        + " VALUES (1, 'production', TRUE, 'Sorry, no humans.')");
                s.execute("INSERT INTO brain VALUES (1, 1, 'Rules', 'rules')");
                s.execute("INSERT INTO channel VALUES (1, 1, 'webchat', 'Web chat', 1)");
                s.execute("INSERT INTO channel VALUES (2, 1, 'whatsapp', 'WhatsApp', NULL)");
                for (int a = 1; a <= AGENTS; a++) {
                    s.execute("INSERT INTO agent (id, name, email, role) VALUES (" + a + ", 'Agent " + a + "', 'agent" + a
                            + "@example.com', 'AGENT')");
                }
            }
            long[][] counter = new long[4][AGENTS + 1]; // 0 nobody, 1 brain, 2 agent[i], 3 resolved
            try (PreparedStatement contact = c.prepareStatement("INSERT INTO contact VALUES (?, ?, ?, '', ?)");
                    PreparedStatement identity = c.prepareStatement("INSERT INTO contact_identity VALUES (?, ?, ?)");
                    PreparedStatement conversation = c.prepareStatement("INSERT INTO conversation (id, environment_id,"
                            + " channel_id, contact_id, status, assignee_kind, assignee_id, tags, preview, created_at,"
                            + " last_message_at, handed_over_at, first_human_reply_at, resolved_at, last_inbound_at)"
                            + " VALUES (?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL, ?, ?)");
                    PreparedStatement seen = c.prepareStatement("INSERT INTO conversation_seen (agent_id,"
                            + " conversation_id, seen_at) VALUES (?, ?, ?)");
                    PreparedStatement message = c.prepareStatement("INSERT INTO message (id, conversation_id,"
                            + " channel_id, direction, author_kind, author_id, text, external_id, delivery_state,"
                            + " delivery_error, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?)")) {
                long messageId = 0;
                for (int id = 1; id <= conversations; id++) {
                    int channel = 1 + (id & 1);
                    contact.setLong(1, id);
                    contact.setString(2, "Contact " + id);
                    contact.setString(3, "contact" + id + "@example.com");
                    contact.setString(4, "+49151" + (10_000_000 + id));
                    contact.addBatch();
                    identity.setLong(1, channel);
                    identity.setString(2, "user-" + id);
                    identity.setLong(3, id);
                    identity.addBatch();
                    int roll = random.nextInt(100);
                    String status = roll < 70 ? "RESOLVED" : "OPEN";
                    String kind;
                    long assignee;
                    if (roll < 70) {
                        kind = roll < 35 ? "AGENT" : "BRAIN";
                        assignee = kind.equals("AGENT") ? 1 + random.nextInt(AGENTS) : 1;
                        counter[3][0]++;
                    } else if (roll < 80) {
                        kind = "NOBODY";
                        assignee = 0;
                        counter[0][0]++;
                    } else if (roll < 90) {
                        kind = "BRAIN";
                        assignee = 1;
                        counter[1][0]++;
                    } else {
                        kind = "AGENT";
                        assignee = 1 + random.nextInt(AGENTS);
                        counter[2][(int) assignee]++;
                    }
                    long last = now - (long) (random.nextDouble() * 365L * 24 * 3600 * 1000);
                    conversation.setLong(1, id);
                    conversation.setLong(2, channel);
                    conversation.setLong(3, id);
                    conversation.setString(4, status);
                    conversation.setString(5, kind);
                    conversation.setLong(6, assignee);
                    conversation.setString(7, id % 17 == 0 ? "|vip|" : "");
                    conversation.setString(8, "Last message of conversation " + id);
                    conversation.setLong(9, last - 3_600_000);
                    conversation.setLong(10, last);
                    if (status.equals("RESOLVED")) {
                        conversation.setLong(11, last);
                    } else {
                        conversation.setNull(11, java.sql.Types.BIGINT);
                    }
                    // the last inbound message is the last even one (see below)
                    Long lastInbound = messagesPerConversation == 0 ? null
                            : last - (messagesPerConversation - (messagesPerConversation - 1) / 2 * 2) * 60_000L;
                    if (lastInbound == null) {
                        conversation.setNull(12, java.sql.Types.BIGINT);
                    } else {
                        conversation.setLong(12, lastInbound);
                    }
                    conversation.addBatch();
                    boolean byAgent = kind.equals("AGENT");
                    for (long agent : byAgent && assignee != 1 ? new long[] { assignee, 1 } : new long[] { 1 }) {
                        boolean mine = byAgent && agent == assignee;
                        if (lastInbound == null || !mine && unread.nextInt(3) != 0) {
                            if (agent == 1 && lastInbound != null) {
                                unreadForAgent++; // never looked at
                                if (mine && status.equals("OPEN")) {
                                    unreadInMe++;
                                }
                            }
                            continue;
                        }
                        boolean isUnread = unread.nextInt(4) == 0;
                        seen.setLong(1, agent);
                        seen.setLong(2, id);
                        seen.setLong(3, isUnread ? lastInbound - 30_000 : last + 1_000);
                        seen.addBatch();
                        if (agent == 1 && isUnread) {
                            unreadForAgent++;
                            if (mine && status.equals("OPEN")) {
                                unreadInMe++;
                            }
                        }
                    }
                    if (byAgent && assignee == 1 && status.equals("OPEN")) {
                        inMe++;
                    }
                    for (int m = 0; m < messagesPerConversation; m++) {
                        boolean inbound = m % 2 == 0;
                        message.setLong(1, ++messageId);
                        message.setLong(2, id);
                        message.setLong(3, channel);
                        message.setString(4, inbound ? "INBOUND" : "OUTBOUND");
                        message.setString(5, inbound ? "END_USER" : "BRAIN");
                        message.setLong(6, inbound ? 0 : 1);
                        message.setString(7, "Message " + m + " of conversation " + id);
                        message.setString(8, inbound ? "ext-" + messageId : null);
                        message.setString(9, inbound ? "RECEIVED" : "SENT");
                        message.setLong(10, last - (messagesPerConversation - m) * 60_000L);
                        message.addBatch();
                    }
                    if (id % BATCH == 0 || id == conversations) {
                        contact.executeBatch();
                        identity.executeBatch();
                        conversation.executeBatch();
                        message.executeBatch();
                        seen.executeBatch();
                        c.commit();
                        if (id % 100_000 == 0) {
                            System.out.printf("  filled %,d conversations%n", id);
                        }
                    }
                }
            }
            if (longConversationMessages > 0) {
                try (PreparedStatement extra = c.prepareStatement("INSERT INTO message (id, conversation_id,"
                        + " channel_id, direction, author_kind, author_id, text, external_id, delivery_state,"
                        + " delivery_error, created_at) VALUES (?, 1, 2, ?, ?, ?, ?, NULL, ?, NULL, ?)")) {
                    long first = (long) conversations * messagesPerConversation;
                    for (int m = 1; m <= longConversationMessages; m++) {
                        boolean inbound = m % 2 == 0;
                        extra.setLong(1, first + m);
                        extra.setString(2, inbound ? "INBOUND" : "OUTBOUND");
                        extra.setString(3, inbound ? "END_USER" : "AGENT");
                        extra.setLong(4, inbound ? 0 : 1);
                        extra.setString(5, "Line " + m + " of a long conversation, long enough to wrap now and then"
                                + " in a narrow editor window");
                        extra.setString(6, inbound ? "RECEIVED" : "SENT");
                        extra.setLong(7, now - (longConversationMessages - m) * 1_000L);
                        extra.addBatch();
                        if (m % BATCH == 0) {
                            extra.executeBatch();
                        }
                    }
                    extra.executeBatch();
                }
            }
            try (PreparedStatement counters = c.prepareStatement("INSERT INTO inbox_counter VALUES (?, ?, ?, 0, ?)")) {
                addCounter(counters, "OPEN", "NOBODY", 0, counter[0][0]);
                addCounter(counters, "OPEN", "BRAIN", 0, counter[1][0]);
                addCounter(counters, "RESOLVED", "ANY", 0, counter[3][0]);
                for (int a = 1; a <= AGENTS; a++) {
                    addCounter(counters, "OPEN", "AGENT", a, counter[2][a]);
                }
                counters.executeBatch();
            }
            c.commit();
            long above = (long) conversations * messagesPerConversation + longConversationMessages + 1_000_000;
            try (Statement s = c.createStatement()) {
                for (String sequence : new String[] { "environment_seq", "agent_seq", "brain_seq", "channel_seq",
                        "contact_seq", "conversation_seq", "message_seq" }) {
                    s.execute("ALTER SEQUENCE " + sequence + " RESTART WITH " + above);
                }
            }
            c.commit();
            try (Statement s = c.createStatement()) {
                s.execute("ANALYZE");
            }
            c.commit();
        }
        System.out.printf("  unread for agent 1: %,d conversations, %,d of the %,d in its tab Me%n", unreadForAgent,
                unreadInMe, inMe);
        return 1;
    }

    private static void addCounter(PreparedStatement insert, String status, String kind, long assignee, long n)
            throws SQLException {
        insert.setString(1, status);
        insert.setString(2, kind);
        insert.setLong(3, assignee);
        insert.setLong(4, n);
        insert.addBatch();
    }
}
