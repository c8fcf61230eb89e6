package org.humanchat.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.Supplier;

import javax.sql.DataSource;

import org.h2.jdbcx.JdbcDataSource;
import org.humanchat.api.model.InboxQuery;
import org.humanchat.api.model.InboxTab;
import org.humanchat.core.internal.InboxQueries;
import org.humanchat.persistence.internal.DatabaseSettings;
import org.humanchat.persistence.internal.JpaConversationStore;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Fills a database with {@code hc.bench.conversations} conversations (default 1M) and ten times as many messages,
 * then measures every inbox tab through the real InboxService: its count and its first page of 50 rows. Prints
 * p50 / p99 in milliseconds. Goal (docs/BENCHMARKS.md): p99 at most 20 ms. Figures only: nothing here fails on time.
 */
class InboxBenchmark {

    private static final int CONVERSATIONS = Integer.getInteger("hc.bench.conversations", 1_000_000);
    private static final int MESSAGES_PER_CONVERSATION = Integer.getInteger("hc.bench.messagesPerConversation", 10);
    private static final int AGENTS = 20;
    private static final int BATCH = 5_000;
    private static final int WARM_UP = 50;
    private static final int RUNS = 300;

    @Test
    void inboxOnH2() throws Exception {
        Path folder = Path.of(System.getProperty("hc.bench.folder", "target/bench"));
        Files.createDirectories(folder);
        Path file = folder.resolve("bench-" + System.nanoTime());
        DatabaseSettings settings = new DatabaseSettings(DatabaseSettings.h2Url(file), "sa", "", 8, "");
        try {
            run("H2", settings, () -> {
                JdbcDataSource ds = new JdbcDataSource();
                ds.setURL(settings.jdbcUrl());
                ds.setUser("sa");
                return ds;
            });
        } finally {
            // The database of 10M messages takes about 12 GB: do not leave it behind.
            Files.deleteIfExists(Path.of(file + ".mv.db"));
            Files.deleteIfExists(Path.of(file + ".trace.db"));
        }
    }

    @Test
    void inboxOnPostgres() throws Exception {
        String url = System.getProperty("hc.test.postgres.url", "jdbc:postgresql://127.0.0.1:5432/test");
        String user = System.getProperty("hc.test.postgres.user", "postgres");
        String schema = "hc_bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        DatabaseSettings settings = new DatabaseSettings(url + "?currentSchema=" + schema, user, "", 8, schema);
        Supplier<DataSource> dataSource = () -> {
            PGSimpleDataSource ds = new PGSimpleDataSource();
            ds.setURL(settings.jdbcUrl());
            ds.setUser(user);
            ds.setReWriteBatchedInserts(true);
            return ds;
        };
        try {
            run("PostgreSQL", settings, dataSource);
        } finally {
            try (Connection c = dataSource.get().getConnection(); Statement s = c.createStatement()) {
                s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            }
        }
    }

    private static void run(String database, DatabaseSettings settings, Supplier<DataSource> dataSource)
            throws SQLException {
        JpaConversationStore store = new JpaConversationStore(settings); // creates the schema through Flyway
        try {
            long fillStart = System.nanoTime();
            String version;
            try (Connection c = dataSource.get().getConnection()) {
                version = c.getMetaData().getDatabaseProductVersion();
            }
            long agentId = fill(dataSource.get());
            double fillSeconds = (System.nanoTime() - fillStart) / 1e9;
            InboxQueries inbox = new InboxQueries(store);
            System.out.printf("%n== Inbox benchmark on %s: %,d conversations, %,d messages (filled in %.0f s) ==%n",
                    database + " " + version, CONVERSATIONS, (long) CONVERSATIONS * MESSAGES_PER_CONVERSATION, fillSeconds);
            System.out.printf("%s%n", machine());
            System.out.printf("%-12s %12s %12s %12s %12s %10s%n", "tab", "count p50", "count p99", "page p50",
                    "page p99", "rows");
            Map<InboxTab, Long> counts = new EnumMap<>(InboxTab.class);
            for (InboxTab tab : InboxTab.values()) {
                InboxQuery first = InboxQuery.firstPage(tab, agentId, 50);
                double[] count = measure(() -> counts.put(tab, inbox.count(first)));
                double[] page = measure(() -> inbox.page(first));
                System.out.printf("%-12s %9.2f ms %9.2f ms %9.2f ms %9.2f ms %,10d%n", tab.label(),
                        percentile(count, 50), percentile(count, 99), percentile(page, 50), percentile(page, 99),
                        counts.get(tab));
            }
            double[] all = measure(() -> inbox.counts(agentId));
            System.out.printf("%-12s %9.2f ms %9.2f ms%n%n", "all counts", percentile(all, 50), percentile(all, 99));
        } finally {
            store.close();
        }
    }

    private static double[] measure(Runnable action) {
        for (int i = 0; i < WARM_UP; i++) {
            action.run();
        }
        double[] millis = new double[RUNS];
        for (int i = 0; i < RUNS; i++) {
            long start = System.nanoTime();
            action.run();
            millis[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(millis);
        return millis;
    }

    private static double percentile(double[] sorted, int p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }

    /**
     * Writes the data with plain JDBC batches (the rules would take hours for 10M messages): one environment, two
     * channels, a Brain, {@value #AGENTS} agents; conversations 70% resolved, 10% unassigned, 10% with the Brain,
     * 10% with agents; activity spread over a year. The tab counters are written to match. Returns an agent id.
     */
    private static long fill(DataSource ds) throws SQLException {
        long now = System.currentTimeMillis();
        Random random = new Random(42);
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("INSERT INTO environment VALUES (1, 'production', TRUE, NULL, NULL, 'Sorry, no humans.')");
                s.execute("INSERT INTO brain VALUES (1, 1, 'Rules', 'rules')");
                s.execute("INSERT INTO channel VALUES (1, 1, 'webchat', 'Web chat', 1)");
                s.execute("INSERT INTO channel VALUES (2, 1, 'whatsapp', 'WhatsApp', NULL)");
                for (int a = 1; a <= AGENTS; a++) {
                    s.execute("INSERT INTO agent VALUES (" + a + ", 'Agent " + a + "', 'agent" + a
                            + "@example.com', 'AGENT')");
                }
            }
            long[][] counter = new long[4][AGENTS + 1]; // 0 nobody, 1 brain, 2 agent[i], 3 resolved
            try (PreparedStatement contact = c.prepareStatement("INSERT INTO contact VALUES (?, ?, ?, '', ?)");
                    PreparedStatement identity = c.prepareStatement("INSERT INTO contact_identity VALUES (?, ?, ?)");
                    PreparedStatement conversation = c.prepareStatement("INSERT INTO conversation (id, environment_id,"
                            + " channel_id, contact_id, status, assignee_kind, assignee_id, tags, preview, created_at,"
                            + " last_message_at, handed_over_at, first_human_reply_at, resolved_at)"
                            + " VALUES (?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL, ?)");
                    PreparedStatement message = c.prepareStatement("INSERT INTO message (id, conversation_id,"
                            + " channel_id, direction, author_kind, author_id, text, external_id, delivery_state,"
                            + " delivery_error, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?)")) {
                long messageId = 0;
                for (int id = 1; id <= CONVERSATIONS; id++) {
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
                    conversation.addBatch();
                    for (int m = 0; m < MESSAGES_PER_CONVERSATION; m++) {
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
                        message.setLong(10, last - (MESSAGES_PER_CONVERSATION - m) * 60_000L);
                        message.addBatch();
                    }
                    if (id % BATCH == 0 || id == CONVERSATIONS) {
                        contact.executeBatch();
                        identity.executeBatch();
                        conversation.executeBatch();
                        message.executeBatch();
                        c.commit();
                        if (id % 100_000 == 0) {
                            System.out.printf("  filled %,d conversations%n", id);
                        }
                    }
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
            try (Statement s = c.createStatement()) {
                s.execute("ANALYZE");
            }
            c.commit();
        }
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

    private static String machine() {
        String cpu = "unknown CPU";
        try {
            cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .findFirst().map(l -> l.substring(l.indexOf(':') + 1).strip()).orElse(cpu);
        } catch (java.io.IOException e) {
            cpu = "CPU not readable: " + e.getMessage();
        }
        return "machine: " + Runtime.getRuntime().availableProcessors() + " cores, " + cpu + ", JVM heap max "
                + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MB, Java " + System.getProperty("java.version");
    }

}
