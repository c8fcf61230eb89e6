package org.humanchat.bench;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

import org.humanchat.api.model.Channel;
import org.humanchat.api.model.InboundMessage;
import org.humanchat.core.internal.ConversationRules;
import org.humanchat.core.internal.DirectoryRules;
import org.humanchat.core.internal.GroupCommit;
import org.humanchat.persistence.internal.DatabaseSettings;
import org.humanchat.persistence.internal.JpaConversationStore;
import org.junit.jupiter.api.Test;

/**
 * The ingest writer of two stores side by side, in one process: A as migrated, B with the SQL of
 * {@code hc.bench.ab.sql} applied after the migration (statements separated by ';', e.g. {@code CREATE INDEX x ON
 * conversation (status, last_message_at DESC, id DESC)} for the cost of one more index) and the settings of
 * {@code hc.bench.ab.url} appended to its H2 URL (e.g. {@code ;PAGE_SIZE=4096}); with neither, A against A: the
 * harness's own spread. Slices of {@code hc.bench.ab.slice} seconds (default 3) alternate between them (AB, BA,
 * AB...) for {@code hc.bench.ab.rounds} rounds (default 12, the first two not counted): each slice stores messages of
 * 5,000 senders in batches of 16 through the real rules ({@code receiveLater}, no HTTP), and its figure is the
 * writer's CPU per message. On a machine whose speed moves by a
 * third within minutes, two versions compared in neighbouring slices of the same process tell a 5% step that
 * separate runs cannot. Prints each round's B/A and their median. Figures only.
 */
class IngestAbBenchmark {

    private static final int SENDERS = 5_000;
    private static final int BATCH = 16;
    private static final String SQL = System.getProperty("hc.bench.ab.sql", "");
    /** Settings appended to B's H2 URL, e.g. {@code ;PAGE_SIZE=4096}. */
    private static final String URL = System.getProperty("hc.bench.ab.url", "");
    private static final int SLICE_SECONDS = Integer.getInteger("hc.bench.ab.slice", 3);
    private static final int ROUNDS = Integer.getInteger("hc.bench.ab.rounds", 12);
    private static final int WARMUP_ROUNDS = 2;

    /** One store, its rules and a channel; {@code sent} counts its messages (their ids must not repeat). */
    private static final class Side {
        final String name;
        final ConversationRules rules;
        final JpaConversationStore store;
        final Channel channel;
        long sent;

        Side(String name, Path folder, String sql, String url) throws Exception {
            this.name = name;
            DatabaseSettings settings = new DatabaseSettings(DatabaseSettings.h2Url(folder.resolve(name)) + url, "sa",
                    "", 16, "");
            store = new JpaConversationStore(settings);
            if (!sql.isBlank()) {
                try (Connection c = settings.dataSource().getConnection(); Statement s = c.createStatement()) {
                    for (String statement : sql.split(";")) {
                        if (!statement.isBlank()) {
                            s.execute(statement.strip());
                        }
                    }
                }
            }
            DirectoryRules directory = new DirectoryRules(store, BenchData.NO_EVENTS);
            channel = BenchData.webhookChannel(directory);
            rules = new ConversationRules(store, BenchData.NO_EVENTS);
        }

        /** Stores messages for {@code millis}; answers the writer's CPU per message (µs) and messages per second. */
        double[] slice(long millis) {
            GroupCommit.Statistics before = rules.ingestStatistics();
            long started = System.nanoTime();
            long deadline = started + millis * 1_000_000;
            long count = 0;
            while (System.nanoTime() < deadline) {
                List<CompletableFuture<?>> batch = new ArrayList<>(BATCH);
                for (int i = 0; i < BATCH; i++) {
                    long n = sent++;
                    batch.add(rules.receiveLater(new InboundMessage(channel.id(), "u-" + (n % SENDERS), "User",
                            name + "-" + n, "Message " + n + " about my order", List.of(), Instant.now()))
                            .toCompletableFuture());
                }
                CompletableFuture.allOf(batch.toArray(CompletableFuture[]::new)).join();
                count += BATCH;
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            GroupCommit.Statistics after = rules.ingestStatistics();
            return new double[] { (after.cpuNanos() - before.cpuNanos()) / 1e3 / (after.items() - before.items()),
                    count / seconds };
        }

        void close() {
            rules.close();
            store.close();
        }
    }

    @Test
    void writerOfTwoStoresSideBySide() throws Exception {
        Path folder = BenchData.newH2File("ingest-ab");
        java.nio.file.Files.createDirectories(folder);
        Side a = new Side("a", folder, "", "");
        Side b = new Side("b", folder, SQL, URL);
        try {
            for (Side side : List.of(a, b)) {
                while (side.sent < SENDERS) {
                    side.slice(1_000); // every sender has a conversation before anything is measured
                }
            }
            List<Double> ratios = new ArrayList<>();
            System.out.println("[bench] Ingest A/B, one process, slices of " + SLICE_SECONDS + " s, batches of "
                    + BATCH + "; B = A + [" + SQL + "] with URL settings [" + URL + "]:");
            for (int round = 0; round < ROUNDS; round++) {
                boolean aFirst = round % 2 == 0;
                double[] first = (aFirst ? a : b).slice(SLICE_SECONDS * 1_000L);
                double[] second = (aFirst ? b : a).slice(SLICE_SECONDS * 1_000L);
                double[] ofA = aFirst ? first : second;
                double[] ofB = aFirst ? second : first;
                boolean counted = round >= WARMUP_ROUNDS;
                if (counted) {
                    ratios.add(ofB[0] / ofA[0]);
                }
                System.out.printf(Locale.ROOT,
                        "[bench]   round %2d%s: A %5.1f µs/msg (%6.0f msg/s), B %5.1f µs/msg (%6.0f msg/s), B/A %.3f%n",
                        round + 1, counted ? "" : " (warm-up)", ofA[0], ofA[1], ofB[0], ofB[1], ofB[0] / ofA[0]);
            }
            List<Double> sorted = ratios.stream().sorted().toList();
            double median = sorted.size() % 2 == 1 ? sorted.get(sorted.size() / 2)
                    : (sorted.get(sorted.size() / 2 - 1) + sorted.get(sorted.size() / 2)) / 2;
            System.out.printf(Locale.ROOT,
                    "[bench] writer CPU per message, B/A: median %.3f, lowest %.3f, highest %.3f (%d rounds)%n",
                    median, sorted.get(0), sorted.get(sorted.size() - 1), sorted.size());
        } finally {
            a.close();
            b.close();
            BenchData.deleteFolder(folder);
        }
    }
}
