package org.humanchat.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
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
 * then measures every inbox tab through the real InboxService: its count and its first page of 50 rows; then pages
 * with filters (and their counts), and pages of a conversation of {@link #LONG_CONVERSATION} messages. Prints
 * p50 / p99 in milliseconds. Goal (docs/BENCHMARKS.md): p99 at most 20 ms. Figures only: nothing here fails on time.
 */
class InboxBenchmark {

    private static final int CONVERSATIONS = Integer.getInteger("hc.bench.conversations", 1_000_000);
    private static final int MESSAGES_PER_CONVERSATION = Integer.getInteger("hc.bench.messagesPerConversation", 10);
    /** Messages of one long conversation (conversation 1) on top of the others. */
    private static final int LONG_CONVERSATION = 100_000;
    private static final int WARM_UP = 50;
    private static final int RUNS = 300;

    @Test
    void inboxOnH2() throws Exception {
        Path file = BenchData.newH2File("bench");
        DatabaseSettings settings = BenchData.h2ReadingAsADesk(file);
        try {
            run("H2", settings, () -> {
                JdbcDataSource ds = new JdbcDataSource();
                ds.setURL(settings.jdbcUrl());
                ds.setUser("sa");
                return ds;
            });
        } finally {
            BenchData.deleteH2(file);
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
            long agentId = BenchData.fill(dataSource.get(), CONVERSATIONS, MESSAGES_PER_CONVERSATION,
                    LONG_CONVERSATION);
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
            // pages with filters: each walks its tab's activity order and skips what does not match
            Map<String, InboxQuery> filtered = new java.util.LinkedHashMap<>();
            filtered.put("Open, tag vip", new InboxQuery(InboxTab.OPEN, agentId, "", 0, 0, "vip", false, 0, 50));
            filtered.put("Closed, channel 2", new InboxQuery(InboxTab.CLOSED, agentId, "", 0, 2, "", false, 0, 50));
            filtered.put("Closed, oldest first", new InboxQuery(InboxTab.CLOSED, agentId, "", 0, 0, "", true, 0, 50));
            filtered.put("Open, page 5", InboxQuery.firstPage(InboxTab.OPEN, agentId, 50).withPage(200, 50));
            for (Map.Entry<String, InboxQuery> entry : filtered.entrySet()) {
                double[] page = measure(() -> inbox.page(entry.getValue()));
                System.out.printf("%-24s %9.2f ms %9.2f ms page", entry.getKey(), percentile(page, 50),
                        percentile(page, 99));
                if (entry.getValue().isFiltered()) { // a real COUNT, read in the background by the desk
                    double[] count = measure(() -> inbox.count(entry.getValue()), 5, 30); // slow: fewer runs
                    System.out.printf(", %9.2f ms %9.2f ms count (of 30)", percentile(count, 50),
                            percentile(count, 99));
                }
                System.out.println();
            }
            // conversation 1 also has LONG_CONVERSATION messages, the newest last: its newest page, one in the middle
            long middle = (long) CONVERSATIONS * MESSAGES_PER_CONVERSATION + LONG_CONVERSATION / 2;
            double[] newest = measure(() -> store.read(r -> r.conversations().transcriptPage(1, 0, 50)));
            double[] older = measure(() -> store.read(r -> r.conversations().transcriptPage(1, middle, 50)));
            System.out.printf("%-24s %9.2f ms %9.2f ms%n", "Transcript, newest 50", percentile(newest, 50),
                    percentile(newest, 99));
            System.out.printf("%-24s %9.2f ms %9.2f ms%n", "Transcript, 50 in middle", percentile(older, 50),
                    percentile(older, 99));
            double[] all = measure(() -> inbox.counts(agentId));
            System.out.printf("%-12s %9.2f ms %9.2f ms%n%n", "all counts", percentile(all, 50), percentile(all, 99));
        } finally {
            store.close();
        }
    }

    static double[] measure(Runnable action) {
        return measure(action, WARM_UP, RUNS);
    }

    static double[] measure(Runnable action, int warmUp, int runs) {
        for (int i = 0; i < warmUp; i++) {
            action.run();
        }
        double[] millis = new double[runs];
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            action.run();
            millis[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(millis);
        return millis;
    }

    static double percentile(double[] sorted, int p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }

    static String machine() {
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
