package org.humanchat.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.h2.jdbcx.JdbcDataSource;
import org.humanchat.api.model.Channel;
import org.humanchat.channel.api.ChannelConnector;
import org.humanchat.channel.runtime.internal.Channels;
import org.humanchat.channel.support.Signatures;
import org.humanchat.channel.webhook.internal.WebhookChannel;
import org.humanchat.channel.webhook.internal.WebhookChannelConfig;
import org.humanchat.core.internal.ConversationRules;
import org.humanchat.core.internal.DeliveryRules;
import org.humanchat.core.internal.DirectoryRules;
import org.humanchat.core.internal.GroupCommit;
import org.humanchat.core.tests.Configs;
import org.humanchat.endpoint.internal.EndpointConfig;
import org.humanchat.endpoint.internal.EndpointServer;
import org.humanchat.persistence.internal.DatabaseSettings;
import org.humanchat.persistence.internal.FileAttachmentStore;
import org.humanchat.persistence.internal.JpaConversationStore;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.osgi.service.event.EventAdmin;

/**
 * Load on the endpoint: signed generic-webhook messages POSTed over {@code hc.bench.clients} connections (default
 * 32) for {@code hc.bench.seconds} (default 10, after {@code hc.bench.warmupSeconds}, default 20, of warm-up: with
 * 3 s the JIT compiler still took a quarter of the CPU in the measured window, with 10 s a tenth), each stored
 * through the real ingest path (signature, JSON, de-duplication, conversation rules, commit) into H2. Two baselines
 * in the same run and on the same machine: a bare Jetty handler answering 200, and raw JDBC inserts (one
 * autocommitted insert per message into a table with the same unique key) into an H2 file with the same settings.
 * The three phases run in {@code hc.bench.rounds} rounds (default 2), the order reversed in every other round (bare
 * Jetty, JDBC, endpoint; then endpoint, JDBC, bare Jetty), so that no phase always runs on a warmer JVM. Prints msg/s
 * and p50/p99/p99.9 latency of the closed loop (the maximum), then the endpoint's latency at a fixed arrival rate of
 * 50% and 80% of that maximum (open loop, measured from the time each request was due).
 * Goal (docs/BENCHMARKS.md): at least 50% of the slower baseline and at least 10,000 msg/s. Nothing fails on time.
 * <p>
 * <b>It fails on correctness</b>: every message answered 200 must be stored, and nothing may be stored that was not
 * sent. The load comes from {@link LoadClient} in a process of its own, which writes down the id of every request
 * answered 2xx; the benchmark compares those ids with the external ids in the database twice: at the end of the
 * measured window while the load goes on (every id answered by then must already be readable: stored before
 * answered), and after the last phase, as sets (no allowance).
 */
class EndpointBenchmark {

    private static final int CLIENTS = Integer.getInteger("hc.bench.clients", 32);
    /** Connections of the open-loop runs: enough that a request due finds a free one unless the server is slow. */
    private static final int OPEN_CONNECTIONS = Integer.getInteger("hc.bench.openConnections", 128);
    private static final int SECONDS = Integer.getInteger("hc.bench.seconds", 10);
    private static final int ROUNDS = Integer.getInteger("hc.bench.rounds", 2);
    /** Load that goes on after the measured window while the database is read (the check under load). */
    private static final int SNAPSHOT_LOAD_SECONDS = 3;
    private static final int SENDERS = 5_000;
    private static final String SECRET = "bench-secret";
    private static final int WARMUP_SECONDS = Integer.getInteger("hc.bench.warmupSeconds", 20);
    /** Requests written for a measured closed-loop run: 40,000 msg/s for 10 s; if they run out, they start over. */
    private static final int REQUESTS = Integer.getInteger("hc.bench.requests", 400_000);

    private record Result(String name, double perSecond, double p50Millis, double p99Millis, double p999Millis,
            double cpuMicros, String note) {

        void print() {
            System.out.printf(Locale.ROOT,
                    "[bench] %-36s %9.0f msg/s   p50 %6.2f ms   p99 %6.2f ms   p99.9 %6.2f ms   cpu %4.0f µs/msg%n",
                    name, perSecond, p50Millis, p99Millis, p999Millis, cpuMicros);
            if (!note.isEmpty()) {
                System.out.println("[bench]   " + note);
            }
        }

        Result withCheck(String check) {
            return new Result(name, perSecond, p50Millis, p99Millis, p999Millis, cpuMicros,
                    note.isEmpty() ? check : note + "\n[bench]   " + check);
        }
    }

    /** Something measured over the same window as the load (e.g. the group commit's writer). */
    private interface Window {
        Window NONE = () -> () -> "";

        /** Starts measuring; the returned supplier ends it and describes what it saw. */
        Supplier<String> begin();
    }

    @FunctionalInterface
    private interface Call {
        void run(long n) throws Exception;
    }

    /** What one run of {@link LoadClient} reported; {@code cpuNanos}: its own CPU in the measured window. */
    private record ClientRun(long answered, double seconds, long p50Micros, long p99Micros, long p999Micros,
            long maxMicros, long failed, long non2xx, long sent, long wrapped, long cpuNanos, long unanswered,
            long backlog) {

        /** What went wrong in the run; {@code unique}: requests sent twice matter (redeliveries, not new ones). */
        String problems(boolean unique) {
            long again = unique ? wrapped : 0;
            return failed + non2xx + unanswered + again == 0 ? ""
                    : failed + " requests failed or timed out, " + non2xx + " answered other than 2xx, " + unanswered
                            + " not answered at the end, requests ran out and started over " + again
                            + " times (duplicates)";
        }
    }

    /** The endpoint's figures of one round and what its check found wrong (empty: nothing). */
    private record EndpointRun(Result closed, Result half, Result fourFifths, List<String> wrong) {
    }

    @Test
    void endpointUnderLoad() throws Exception {
        Path folder = BenchData.newH2File("endpoint");
        Files.createDirectories(folder);
        // -Dhc.bench.baselines=false: the endpoint alone, for comparing two versions of it in alternating runs
        boolean baselines = !"false".equals(System.getProperty("hc.bench.baselines"));
        List<String> wrong = new ArrayList<>();
        List<String> summary = new ArrayList<>();
        try {
            Requests requests = new Requests(folder);
            for (int round = 1; round <= ROUNDS; round++) {
                List<String> order = new ArrayList<>(baselines ? List.of("bare", "jdbc", "endpoint")
                        : List.of("endpoint"));
                if (round % 2 == 0) {
                    Collections.reverse(order);
                }
                System.out.println("[bench] round " + round + " of " + ROUNDS + ", order: " + String.join(", ", order));
                Result bare = null;
                Result jdbc = null;
                EndpointRun endpoint = null;
                for (String phase : order) {
                    switch (phase) {
                        case "bare" -> bare = bareJetty(requests);
                        case "jdbc" -> jdbc = rawJdbc(folder.resolve("raw-" + round));
                        default -> endpoint = endpoint(folder.resolve("endpoint-" + round), requests);
                    }
                }
                System.out.println("[bench] Endpoint load, round " + round + ": " + CLIENTS
                        + " connections of LoadClient (raw JDBC: " + CLIENTS + " threads), " + SECONDS + " s, "
                        + Runtime.getRuntime().availableProcessors()
                        + " cores, H2; cpu = this JVM (server, database) + LoadClient:");
                if (bare != null) {
                    bare.print();
                    jdbc.print();
                }
                endpoint.closed().print();
                endpoint.half().print();
                endpoint.fourFifths().print();
                String line = String.format(Locale.ROOT, "round %d (%s): endpoint %.0f msg/s, p99 %.1f ms", round,
                        String.join(", ", order), endpoint.closed().perSecond(), endpoint.closed().p99Millis());
                if (bare != null) {
                    double slower = Math.min(bare.perSecond(), jdbc.perSecond());
                    System.out.printf(Locale.ROOT,
                            "[bench] endpoint / slower baseline = %.0f%% (goal 50%%); goal 10,000 msg/s: %s%n",
                            100 * endpoint.closed().perSecond() / slower,
                            endpoint.closed().perSecond() >= 10_000 ? "met" : "NOT met");
                    line += String.format(Locale.ROOT, ", bare Jetty %.0f, raw JDBC %.0f, endpoint / slower %.0f%%",
                            bare.perSecond(), jdbc.perSecond(), 100 * endpoint.closed().perSecond() / slower);
                }
                line += String.format(Locale.ROOT, "; open loop at 50%%: p50 %.2f / p99 %.2f / p99.9 %.2f ms,"
                        + " at 80%%: %.2f / %.2f / %.2f ms", endpoint.half().p50Millis(), endpoint.half().p99Millis(),
                        endpoint.half().p999Millis(), endpoint.fourFifths().p50Millis(),
                        endpoint.fourFifths().p99Millis(), endpoint.fourFifths().p999Millis());
                summary.add(line + (endpoint.wrong().isEmpty() ? "; every acknowledged message stored"
                        : "; STORED != ACKNOWLEDGED"));
                for (String w : endpoint.wrong()) {
                    wrong.add("round " + round + ": " + w);
                }
            }
        } finally {
            BenchData.deleteFolder(folder);
        }
        System.out.println("[bench] Summary:");
        summary.forEach(s -> System.out.println("[bench]   " + s));
        if (!wrong.isEmpty()) {
            Assertions.fail("The endpoint lost or invented messages (a benchmark fails on correctness, never on"
                    + " time):\n" + String.join("\n", wrong));
        }
    }


    /**
     * The request files the load client sends (lines of body, then signature header value), written once with their
     * signatures so that the client only sends; the ids are {@code prefix + n}, n from 1. Also the client's classes,
     * copied out of this bundle for a JVM of its own.
     */
    private static final class Requests {
        final Path folder;
        final Path classes;
        final Path warmup;
        final Path measured;
        final int warmupCount = Math.max(REQUESTS, WARMUP_SECONDS * 30_000);

        Requests(Path folder) throws Exception {
            this.folder = folder;
            classes = folder.resolve("client");
            Path to = classes.resolve(LoadClient.class.getPackageName().replace('.', '/'));
            Files.createDirectories(to);
            for (String name : List.of("LoadClient.class", "LoadClient$Connection.class")) {
                try (var in = LoadClient.class.getResourceAsStream(name)) {
                    Files.copy(in, to.resolve(name));
                }
            }
            warmup = write("w-", warmupCount);
            measured = write("m-", REQUESTS);
        }

        /** Writes {@code count} requests with ids {@code prefix + n}. */
        Path write(String prefix, int count) throws IOException {
            Path file = folder.resolve("requests-" + prefix + count + ".txt");
            try (var out = Files.newBufferedWriter(file)) {
                for (int n = 1; n <= count; n++) {
                    byte[] body = body(prefix + n, n);
                    out.write(new String(body, StandardCharsets.UTF_8));
                    out.write('\n');
                    out.write("sha256=" + Signatures.hmacSha256Hex(SECRET, body));
                    out.write('\n');
                }
            }
            return file;
        }

        /** The ids of the first {@code sent} requests of a file written with {@code prefix}. */
        static List<String> ids(String prefix, long sent) {
            List<String> ids = new ArrayList<>((int) sent);
            for (long n = 1; n <= sent; n++) {
                ids.add(prefix + n);
            }
            return ids;
        }
    }

    private EndpointRun endpoint(Path folder, Requests requests) throws Exception {
        Files.createDirectories(folder);
        String url = DatabaseSettings.h2Url(folder.resolve("endpoint-db"));
        JpaConversationStore store = new JpaConversationStore(new DatabaseSettings(url, "sa", "", 16, ""));
        EventAdmin events = BenchData.NO_EVENTS;
        DirectoryRules directory = new DirectoryRules(store, events);
        Channel webhook = BenchData.webhookChannel(directory);
        ConversationRules rules = new ConversationRules(store, events);
        Channels channels = Channels.over(rules, new DeliveryRules(store, events),
                new FileAttachmentStore(folder.resolve("files"), 1 << 20), directory);
        channels.addConnector(new WebhookChannel(Configs.of(WebhookChannelConfig.class,
                Map.of("humanchat.channel.id", webhook.id(), "secret", SECRET))),
                Map.of(ChannelConnector.CHANNEL_ID, webhook.id()));
        EndpointServer server = new EndpointServer(channels, Configs.of(EndpointConfig.class, Map.of("port", 0)));
        try {
            URI uri = server.baseUri().resolve("channels/" + webhook.id() + "/messages");
            Window writer = () -> {
                GroupCommit.Statistics before = rules.ingestStatistics();
                long started = System.nanoTime();
                return () -> {
                    GroupCommit.Statistics after = rules.ingestStatistics();
                    long batches = after.batches() - before.batches();
                    long items = after.items() - before.items();
                    return String.format(Locale.ROOT,
                            "group commit writer: %.1f messages per batch, %.0f µs per message (%.0f µs CPU),"
                                    + " busy %.0f%%",
                            (double) items / batches, (after.writingNanos() - before.writingNanos()) / 1e3 / items,
                            (after.cpuNanos() - before.cpuNanos()) / 1e3 / items,
                            (after.writingNanos() - before.writingNanos()) * 100.0 / (System.nanoTime() - started));
                };
            };
            Set<String> acked = new HashSet<>();
            Set<String> sent = new HashSet<>();
            List<String> wrong = new ArrayList<>();
            ClientRun warm = runClient(uri, requests.warmup, CLIENTS, WARMUP_SECONDS, 0, folder.resolve("acked-w"), 0,
                    () -> {
                    }, () -> {
                    });
            collect(warm, "w-", requests.warmupCount, folder.resolve("acked-w"), acked, sent);
            // the closed loop; at the end of its window, while the load goes on, every id answered so far must be
            // readable in the database: an answer sent before the commit would show here, not after a drain
            List<Set<String>> storedAtSnapshot = new ArrayList<>();
            Path ackedMeasured = folder.resolve("acked-m");
            Measured closed = measure("endpoint (signed webhook, stored)", writer, uri, requests.measured, CLIENTS,
                    0, ackedMeasured, () -> storedAtSnapshot.add(externalIds(url, null)));
            collect(closed.run(), "m-", REQUESTS, ackedMeasured, acked, sent);
            List<String> answeredEarlier = Files.readAllLines(Path.of(ackedMeasured + ".snapshot"));
            Set<String> missing = new TreeSet<>(answeredEarlier);
            missing.removeAll(storedAtSnapshot.get(0));
            if (!missing.isEmpty()) {
                wrong.add(missing.size() + " of the " + answeredEarlier.size() + " messages answered 200 by the end"
                        + " of the measured window were not in the database read right after it: "
                        + first(missing));
            }
            // the open loop at 50% and 80% of the maximum just measured
            double maximum = closed.result().perSecond();
            List<Result> open = new ArrayList<>();
            for (int percent : new int[] { 50, 80 }) {
                double rate = maximum * percent / 100;
                String prefix = "o" + percent + "-";
                int count = (int) Math.ceil(rate * (SECONDS + 4) * 1.1);
                Path file = requests.write(prefix, count);
                Path ackedOpen = folder.resolve("acked-" + prefix);
                Measured run = measure(String.format(Locale.ROOT, "endpoint, fixed rate %d%% (%.0f/s)", percent,
                        rate), writer, uri, file, OPEN_CONNECTIONS, rate, ackedOpen, null);
                collect(run.run(), prefix, count, ackedOpen, acked, sent);
                open.add(run.result());
            }
            // every acknowledged id stored, nothing stored that was not sent, nothing stored twice
            long[] rows = new long[1];
            Set<String> stored = externalIds(url, rows);
            Set<String> lost = new TreeSet<>(acked);
            lost.removeAll(stored);
            if (!lost.isEmpty()) {
                wrong.add(lost.size() + " messages answered 200 are not stored: " + first(lost));
            }
            Set<String> invented = new TreeSet<>(stored);
            invented.removeAll(sent);
            if (!invented.isEmpty()) {
                wrong.add(invented.size() + " messages stored that were never sent: " + first(invented));
            }
            if (rows[0] != stored.size()) {
                wrong.add(rows[0] + " messages stored for " + stored.size() + " ids: some are stored twice");
            }
            long unanswered = stored.stream().filter(id -> !acked.contains(id)).count();
            String check = "check: " + (missing.isEmpty() ? "all " + answeredEarlier.size() : "NOT all of the "
                    + answeredEarlier.size()) + " messages answered 200 by the end of the window were readable while"
                    + " the load went on; " + acked.size() + " messages answered 200, " + stored.size() + " stored; "
                    + (lost.isEmpty() ? "every one answered is stored (compared as sets of ids)"
                            : "LOST " + lost.size())
                    + (unanswered == 0 ? "" : ", " + unanswered + " stored whose answer the client did not see");
            return new EndpointRun(closed.result().withCheck(check), open.get(0), open.get(1), wrong);
        } finally {
            server.stop();
            store.close();
            BenchData.deleteFolder(folder); // about 2 GB a round
        }
    }

    private static String first(Set<String> ids) {
        return ids.stream().limit(10).collect(Collectors.joining(", ")) + (ids.size() > 10 ? ", ..." : "");
    }

    /** Adds a run's acknowledged ids (from its file) and the ids it sent (the first of the file, or all of it). */
    private static void collect(ClientRun run, String prefix, int count, Path ackedFile, Set<String> acked,
            Set<String> sent) throws IOException {
        acked.addAll(Files.readAllLines(ackedFile));
        sent.addAll(Requests.ids(prefix, run.wrapped() > 0 ? count : run.sent()));
    }

    /** The external ids of the messages stored; {@code rows[0]}, when given, the number of rows they came from. */
    private static Set<String> externalIds(String url, long[] rows) {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL(url);
        ds.setUser("sa");
        Set<String> ids = new HashSet<>();
        long count = 0;
        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT external_id FROM message WHERE external_id IS NOT NULL")) {
            while (rs.next()) {
                ids.add(rs.getString(1));
                count++;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the stored messages", e);
        }
        if (rows != null) {
            rows[0] = count;
        }
        return ids;
    }

    private Result bareJetty(Requests requests) throws Exception {
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server, 1, 1);
        connector.setHost("127.0.0.1");
        server.addConnector(connector);
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                try (var in = Content.Source.asInputStream(request)) {
                    in.readAllBytes();
                }
                response.setStatus(200);
                response.write(true, ByteBuffer.allocate(0), callback);
                return true;
            }
        });
        server.start();
        try {
            URI uri = URI.create("http://127.0.0.1:" + connector.getLocalPort() + "/channels/1/messages");
            runClient(uri, requests.warmup, CLIENTS, WARMUP_SECONDS, 0, null, 0, () -> {
            }, () -> {
            });
            return measure("bare Jetty handler (200)", Window.NONE, uri, requests.measured, CLIENTS, 0, null, null)
                    .result();
        } finally {
            server.stop();
        }
    }

    private Result rawJdbc(Path file) throws Exception {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL(DatabaseSettings.h2Url(file));
        ds.setUser("sa");
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE raw_message (id BIGINT AUTO_INCREMENT PRIMARY KEY, channel_id BIGINT NOT NULL,"
                    + " external_id VARCHAR(200) NOT NULL, sender VARCHAR(200) NOT NULL, text VARCHAR(20000) NOT NULL,"
                    + " created_at BIGINT NOT NULL)");
            s.execute("CREATE UNIQUE INDEX raw_external ON raw_message (channel_id, external_id)");
        }
        List<Connection> opened = Collections.synchronizedList(new ArrayList<>());
        ThreadLocal<Connection> connections = ThreadLocal.withInitial(() -> {
            try {
                Connection c = ds.getConnection();
                opened.add(c);
                return c;
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
        try {
            return load("raw JDBC insert (autocommit)", Window.NONE, n -> {
                try (PreparedStatement insert = connections.get().prepareStatement("INSERT INTO raw_message"
                        + " (channel_id, external_id, sender, text, created_at) VALUES (?, ?, ?, ?, ?)")) {
                    insert.setLong(1, 1);
                    insert.setString(2, "m-" + n);
                    insert.setString(3, "u-" + (n % SENDERS));
                    insert.setString(4, "Hello, I have a question about order " + n);
                    insert.setLong(5, System.currentTimeMillis());
                    insert.executeUpdate();
                }
            });
        } finally {
            for (Connection c : opened) {
                c.close();
            }
        }
    }

    private static byte[] body(String id, long n) {
        return ("{\"id\":\"" + id + "\",\"sender\":{\"id\":\"u-" + (n % SENDERS)
                + "\"},\"text\":\"Hello, I have a question about order " + n + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    private record Measured(Result result, ClientRun run) {
    }

    /**
     * One measured run of the load client ({@code rate} 0: closed loop), with the CPU of this JVM and of the client
     * over its window; {@code atSnapshot}, when given, runs at the end of the window while the load goes on.
     */
    private static Measured measure(String name, Window window, URI uri, Path requests, int connections, double rate,
            Path acked, Runnable atSnapshot) throws Exception {
        long[] stealStart = new long[1];
        long[] cpu = new long[2];
        List<Map<String, Long>> threads = new ArrayList<>();
        List<Supplier<String>> seen = new ArrayList<>();
        String[] note = { "" };
        ClientRun run = runClient(uri, requests, connections, SECONDS, rate, acked,
                atSnapshot == null ? 0 : SNAPSHOT_LOAD_SECONDS, () -> {
                    stealStart[0] = stolenNanos();
                    cpu[0] = processCpuNanos();
                    threads.add(threadCpuNanos());
                    seen.add(window.begin());
                }, () -> {
                    note[0] = seen.get(0).get();
                    cpu[1] = processCpuNanos();
                    threads.add(threadCpuNanos());
                    if (atSnapshot != null) {
                        atSnapshot.run();
                    }
                });
        if (threads.size() != 2) {
            throw new IllegalStateException("The load client did not report its window");
        }
        long answered = Math.max(1, run.answered());
        long allCpu = cpu[1] - cpu[0] + run.cpuNanos();
        String text = (note[0].isEmpty() ? "" : note[0] + "\n[bench]   ") + "CPU per message by thread: "
                + threadCpuBreakdown(threads.get(0), threads.get(1), answered) + ", LoadClient "
                + Math.round(run.cpuNanos() / 1e3 / answered) + " µs" + stolen(stealStart[0], run.seconds());
        if (rate > 0) {
            text += String.format(Locale.ROOT, "\n[bench]   open loop over %d connections: max %.1f ms; at most %d"
                    + " requests due at once waiting for a free connection", connections, run.maxMicros() / 1e3,
                    run.backlog());
        }
        if (!run.problems(acked != null).isEmpty()) {
            text += "\n[bench]   " + run.problems(acked != null);
        }
        return new Measured(new Result(name, run.answered() / run.seconds(), run.p50Micros() / 1e3,
                run.p99Micros() / 1e3, run.p999Micros() / 1e3, cpu[0] < 0 ? Double.NaN : allCpu / 1e3 / answered,
                text), run);
    }

    private static final Pattern RESULT = Pattern.compile("RESULT answered=(\\d+) seconds=([0-9.]+) p50=(\\d+)"
            + " p99=(\\d+) p999=(\\d+) max=(\\d+) failed=(\\d+) non2xx=(\\d+) sent=(\\d+) wrapped=(\\d+)"
            + " cpumicros=(-?\\d+) unanswered=(\\d+) backlog=(\\d+)");

    /**
     * Runs {@link LoadClient} in a JVM of its own (this JVM's java) and waits for it; {@code atBegin} and
     * {@code atEnd} run when it says its measured window begins and ends.
     */
    private static ClientRun runClient(URI uri, Path requests, int connections, int seconds, double rate, Path acked,
            int moreSeconds, Runnable atBegin, Runnable atEnd) throws Exception {
        Path classes = requests.getParent().resolve("client");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g",
                "-XX:+UseSerialGC", "-cp", classes.toString(), LoadClient.class.getName(), uri.toString(),
                requests.toString(), String.valueOf(connections), String.valueOf(seconds),
                String.format(Locale.ROOT, "%.3f", rate), acked == null ? "-" : acked.toString(),
                String.valueOf(moreSeconds)).redirectErrorStream(true).start();
        StringBuilder out = new StringBuilder();
        try (BufferedReader lines = new BufferedReader(
                new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                out.append(line).append('\n');
                switch (line) {
                    case "BEGIN" -> atBegin.run();
                    case "END", "SNAPSHOT" -> atEnd.run();
                    default -> {
                    }
                }
            }
        }
        Matcher m = RESULT.matcher(out);
        if (p.waitFor() != 0 || !m.find()) {
            throw new IllegalStateException("The load client failed:\n" + out);
        }
        long[] v = new long[14];
        for (int i = 1; i <= 13; i++) {
            v[i] = i == 2 ? 0 : Long.parseLong(m.group(i));
        }
        return new ClientRun(v[1], Double.parseDouble(m.group(2)), v[3], v[4], v[5], v[6], v[7], v[8], v[9], v[10],
                v[11] * 1_000, v[12], v[13]);
    }

    private static Result load(String name, Window window, Call call) throws Exception {
        AtomicLong sequence = new AtomicLong();
        AtomicBoolean measuring = new AtomicBoolean();
        AtomicBoolean running = new AtomicBoolean(true);
        long[][] latencies = new long[CLIENTS][];
        int[] counts = new int[CLIENTS];
        AtomicLong failures = new AtomicLong();
        var firstFailure = new AtomicReference<Exception>();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        for (int i = 0; i < CLIENTS; i++) {
            int client = i;
            latencies[client] = new long[1 << 17]; // 131,072 per client: 10 s at 13,000 requests/s (32 clients)
            clients.submit(() -> {
                while (running.get()) {
                    long n = sequence.incrementAndGet();
                    long start = System.nanoTime();
                    try {
                        call.run(n);
                    } catch (Exception e) {
                        failures.incrementAndGet();
                        firstFailure.compareAndSet(null, e);
                        continue;
                    }
                    if (measuring.get() && counts[client] < latencies[client].length) {
                        latencies[client][counts[client]++] = System.nanoTime() - start;
                    }
                }
            });
        }
        Thread.sleep(WARMUP_SECONDS * 1_000L);
        measuring.set(true);
        long start = System.nanoTime();
        long cpuStart = processCpuNanos();
        Map<String, Long> threadsBefore = threadCpuNanos();
        Supplier<String> seen = window.begin();
        Thread.sleep(SECONDS * 1_000L);
        measuring.set(false);
        String note = seen.get();
        Map<String, Long> threadsAfter = threadCpuNanos();
        double elapsed = (System.nanoTime() - start) / 1e9;
        long cpu = processCpuNanos() - cpuStart;
        running.set(false);
        clients.shutdown();
        clients.awaitTermination(30, TimeUnit.SECONDS);
        int total = Arrays.stream(counts).sum();
        long[] all = new long[total];
        int at = 0;
        for (int i = 0; i < CLIENTS; i++) {
            System.arraycopy(latencies[i], 0, all, at, counts[i]);
            at += counts[i];
        }
        Arrays.sort(all);
        note = (note.isEmpty() ? "" : note + "\n[bench]   ") + "CPU per message by thread: "
                + threadCpuBreakdown(threadsBefore, threadsAfter, total);
        if (failures.get() > 0) {
            System.out.println("[bench] " + name + ": " + failures.get() + " requests failed, the first with "
                    + firstFailure.get());
        }
        return new Result(name, total / elapsed, all[total / 2] / 1e6, all[(int) (total * 0.99)] / 1e6,
                all[(int) (total * 0.999)] / 1e6, cpuStart < 0 ? Double.NaN : cpu / 1e3 / total, note);
    }

    /** CPU time (user + system) of each thread of this process, by "tid name", from /proc/self/task. */
    private static Map<String, Long> threadCpuNanos() {
        Map<String, Long> cpu = new HashMap<>();
        try (var tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    cpu.put(task.getFileName() + " " + name,
                            (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10_000_000L);
                } catch (IOException | RuntimeException gone) {
                    // the thread ended
                }
            }
        } catch (IOException | RuntimeException e) {
            // no /proc: no breakdown
        }
        return cpu;
    }

    /** The CPU used between two {@link #threadCpuNanos()} readings, per message, by kind of thread, largest first. */
    private static String threadCpuBreakdown(Map<String, Long> before, Map<String, Long> after, long messages) {
        Map<String, Long> byKind = new TreeMap<>();
        after.forEach((thread, nanos) -> {
            String kind = thread.substring(thread.indexOf(' ') + 1).replaceAll("[-#0-9 ]+$", "");
            byKind.merge(kind, nanos - before.getOrDefault(thread, 0L), Long::sum);
        });
        return byKind.entrySet().stream().filter(e -> e.getValue() / 1e3 / messages >= 1)
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .map(e -> e.getKey() + " " + Math.round(e.getValue() / 1e3 / messages) + " µs")
                .collect(Collectors.joining(", "));
    }

    /** CPU time the hypervisor gave to others while this machine wanted it ("steal" in /proc/stat), or -1. */
    private static long stolenNanos() {
        try {
            String[] cpu = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split(" +");
            return Long.parseLong(cpu[8]) * 10_000_000L; // cpu user nice system idle iowait irq softirq steal
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** How much of the machine was taken by others since {@code stealStart}: runs with much of it do not compare. */
    private static String stolen(long stealStart, double seconds) {
        long now = stolenNanos();
        if (stealStart < 0 || now < 0) {
            return "";
        }
        return String.format(Locale.ROOT, "; CPU stolen by the hypervisor: %.0f%% of a core",
                (now - stealStart) / 1e7 / seconds);
    }

    /**
     * CPU time of this process (all threads: clients, server, database), from Linux's /proc/self/stat: the CPU a
     * message costs moves less with a busy shared machine than messages per second do. -1 where there is none.
     */
    private static long processCpuNanos() {
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime (fields 14, 15)
            return ticks * 10_000_000L; // USER_HZ is 100 on Linux
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
