package org.humanchat.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

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
import org.junit.jupiter.api.Test;
import org.osgi.service.event.EventAdmin;

/**
 * Load on the endpoint: signed generic-webhook messages POSTed by {@code hc.bench.clients} concurrent clients
 * (default 32) for {@code hc.bench.seconds} (default 10, after {@code hc.bench.warmupSeconds}, default 20, of
 * warm-up: with 3 s the JIT compiler still took a quarter of the CPU in the measured window, with 10 s a tenth), each
 * stored through the real ingest path (signature, JSON, de-duplication, conversation rules, commit) into H2. Two
 * baselines in the same run and on the same machine: a bare Jetty handler answering 200, and raw JDBC inserts (one
 * autocommitted insert per message into a table with the same unique key) into an H2 file with the same settings.
 * Prints msg/s and p50/p99 latency.
 * Goal (docs/BENCHMARKS.md): at least 50% of the slower baseline and at least 10,000 msg/s. Figures only.
 * <p>
 * The HTTP load comes from {@code wrk} (Debian's package) where it is installed, as a channel platform's servers
 * would send it: from another process, pre-signed requests, {@link #CLIENTS} connections. Without wrk, or with
 * {@code -Dhc.bench.client=java}, from {@link #CLIENTS} threads of the JDK's {@code HttpClient} in this JVM, which
 * then share the two cores with the server and cost it about as much CPU as the server's own work.
 */
class EndpointBenchmark {

    private static final int CLIENTS = Integer.getInteger("hc.bench.clients", 32);
    private static final int SECONDS = Integer.getInteger("hc.bench.seconds", 10);
    private static final int SENDERS = 5_000;
    private static final String SECRET = "bench-secret";
    private static final int WARMUP_SECONDS = Integer.getInteger("hc.bench.warmupSeconds", 20);
    /** Requests written for the measured wrk run: 40,000 msg/s for 10 s; if they run out, wrk starts over. */
    private static final int WRK_REQUESTS = Integer.getInteger("hc.bench.wrkRequests", 400_000);
    private static final boolean WRK = useWrk();

    /** {@code acknowledged}: requests answered 200 over the whole phase, warm-up included. */
    private record Result(String name, double perSecond, double p50Millis, double p99Millis, double cpuMicros,
            long acknowledged, String note) {
        Result withNote(String other) {
            return new Result(name, perSecond, p50Millis, p99Millis, cpuMicros, acknowledged, other);
        }

        void print() {
            System.out.printf(Locale.ROOT,
                    "[bench] %-34s %9.0f msg/s   p50 %6.2f ms   p99 %6.2f ms   cpu %4.0f µs/msg%n", name, perSecond,
                    p50Millis, p99Millis, cpuMicros);
            if (!note.isEmpty()) {
                System.out.println("[bench]   " + note);
            }
        }
    }

    /** Something measured over the same window as the load (e.g. the group commit's writer). */
    private interface Window {
        Window NONE = () -> () -> "";

        /** Starts measuring; the returned supplier ends it and describes what it saw. */
        java.util.function.Supplier<String> begin();
    }

    @FunctionalInterface
    private interface Call {
        void run(long n) throws Exception;
    }

    @Test
    void endpointUnderLoad() throws Exception {
        Path folder = BenchData.newH2File("endpoint");
        java.nio.file.Files.createDirectories(folder);
        // -Dhc.bench.baselines=false: the endpoint alone, for comparing two versions of it in alternating runs
        boolean baselines = !"false".equals(System.getProperty("hc.bench.baselines"));
        Result bare = null;
        Result jdbc = null;
        Result endpoint;
        try {
            if (baselines) {
                bare = bareJetty(folder);
                jdbc = rawJdbc(folder.resolve("raw"));
            }
            endpoint = endpoint(folder);
        } finally {
            BenchData.deleteFolder(folder);
        }
        System.out.println("[bench] Endpoint load, " + CLIENTS + (WRK ? " wrk connections" : " Java client threads")
                + " (raw JDBC: " + CLIENTS + " threads), " + SECONDS + " s, "
                + Runtime.getRuntime().availableProcessors() + " cores, H2; cpu = " + (WRK
                        ? "this JVM (server, database) + wrk" : "this JVM (clients, server, database)") + ":");
        if (!baselines) {
            endpoint.print();
            return;
        }
        bare.print();
        jdbc.print();
        endpoint.print();
        double slower = Math.min(bare.perSecond(), jdbc.perSecond());
        System.out.printf(Locale.ROOT,
                "[bench] endpoint / slower baseline = %.0f%% (goal 50%%); goal 10,000 msg/s: %s%n",
                100 * endpoint.perSecond() / slower, endpoint.perSecond() >= 10_000 ? "met" : "NOT met");
    }

    private Result endpoint(Path folder) throws Exception {
        DatabaseSettings settings = new DatabaseSettings(DatabaseSettings.h2Url(folder.resolve("endpoint-db")), "sa",
                "", 16, "");
        JpaConversationStore store = new JpaConversationStore(settings);
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
                return () -> {
                    GroupCommit.Statistics after = rules.ingestStatistics();
                    long batches = after.batches() - before.batches();
                    long items = after.items() - before.items();
                    return String.format(Locale.ROOT,
                            "group commit writer: %.1f messages per batch, %.0f µs per message (%.0f µs CPU),"
                                    + " busy %.0f%%",
                            (double) items / batches, (after.writingNanos() - before.writingNanos()) / 1e3 / items,
                            (after.cpuNanos() - before.cpuNanos()) / 1e3 / items,
                            (after.writingNanos() - before.writingNanos()) / (SECONDS * 1e9) * 100);
                };
            };
            Result result = http("endpoint (signed webhook, stored)", writer, uri, folder, true);
            long stored;
            JdbcDataSource ds = new JdbcDataSource();
            ds.setURL(DatabaseSettings.h2Url(folder.resolve("endpoint-db")));
            ds.setUser("sa");
            try (Connection c = ds.getConnection(); Statement s = c.createStatement();
                    java.sql.ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM message")) {
                rs.next();
                stored = rs.getLong(1);
            }
            // wrk stops with up to one request per connection in flight: stored, but its answer not counted
            long inFlight = WRK ? 2L * CLIENTS : 0;
            long extra = stored - result.acknowledged();
            String check = "stored " + stored + " messages, acknowledged " + result.acknowledged()
                    + (extra >= 0 && extra <= inFlight ? " (ok)" : ": NOT AS EXPECTED");
            return result.withNote(result.note().isEmpty() ? check : result.note() + "; " + check);
        } finally {
            server.stop();
            store.close();
        }
    }

    private Result bareJetty(Path folder) throws Exception {
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
                response.write(true, java.nio.ByteBuffer.allocate(0), callback);
                return true;
            }
        });
        server.start();
        try {
            URI uri = URI.create("http://127.0.0.1:" + connector.getLocalPort() + "/channels/1/messages");
            return http("bare Jetty handler (200)", Window.NONE, uri, folder, false);
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
        ThreadLocal<Connection> connections = ThreadLocal.withInitial(() -> {
            try {
                return ds.getConnection();
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
        });
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
    }


    /**
     * Signed webhook messages POSTed to {@code uri}, by wrk or by Java clients (see the class comment); {@code unique}:
     * a message sent twice would count as a redelivery (with wrk: say so if the requests ran out).
     */
    private static Result http(String name, Window window, URI uri, Path folder, boolean unique) throws Exception {
        if (WRK) {
            return wrk(name, window, uri, folder, unique);
        }
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        return load(name, window, n -> {
            byte[] body = body("m-" + n, n);
            HttpResponse<Void> r = http.send(HttpRequest.newBuilder(uri)
                    .header("X-HumanChat-Signature", "sha256=" + Signatures.hmacSha256Hex(SECRET, body))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                    HttpResponse.BodyHandlers.discarding());
            if (r.statusCode() != 200) {
                throw new IllegalStateException("HTTP " + r.statusCode());
            }
        });
    }

    private static byte[] body(String id, long n) {
        return ("{\"id\":\"" + id + "\",\"sender\":{\"id\":\"u-" + (n % SENDERS)
                + "\"},\"text\":\"Hello, I have a question about order " + n + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    private static boolean useWrk() {
        String client = System.getProperty("hc.bench.client", "auto");
        if (client.equals("java")) {
            return false;
        }
        boolean installed;
        try {
            installed = new ProcessBuilder("wrk", "--version").redirectErrorStream(true).start().waitFor() <= 1;
        } catch (java.io.IOException | InterruptedException e) {
            installed = false;
        }
        if (!installed && client.equals("wrk")) {
            throw new IllegalStateException("hc.bench.client=wrk, but wrk is not installed (apt-get install wrk)");
        }
        return installed;
    }

    /**
     * One wrk run for the warm-up and one for the measured window, each with requests of its own (ids {@code w-n}
     * and {@code m-n}), written beforehand with their signatures, so that wrk only sends. The Lua script prints
     * one line of figures at the end.
     */
    private static Result wrk(String name, Window window, URI uri, Path folder, boolean unique) throws Exception {
        Path script = folder.resolve("bench.lua");
        Path warmup = folder.resolve("warmup.txt");
        Path measured = folder.resolve("measured.txt");
        if (!java.nio.file.Files.exists(script)) { // once for all phases
            try (var in = EndpointBenchmark.class.getResourceAsStream("wrk-requests.lua")) {
                java.nio.file.Files.copy(in, script);
            }
            writeRequests(warmup, "w-", Math.max(WRK_REQUESTS, WARMUP_SECONDS * 30_000)); // each sent once
            writeRequests(measured, "m-", WRK_REQUESTS);
        }
        WrkRun warm = runWrk(script, uri, warmup, WARMUP_SECONDS);
        long stealStart = stolenNanos();
        long cpuStart = processCpuNanos();
        Map<String, Long> threadsBefore = threadCpuNanos();
        java.util.function.Supplier<String> seen = window.begin();
        WrkRun run = runWrk(script, uri, measured, SECONDS);
        String note = seen.get();
        long cpu = processCpuNanos() - cpuStart + run.cpuNanos();
        note = (note.isEmpty() ? "" : note + "\n[bench]   ") + "CPU per message by thread: "
                + threadCpuBreakdown(threadsBefore, threadCpuNanos(), run.requests()) + ", wrk "
                + Math.round(run.cpuNanos() / 1e3 / run.requests()) + " µs" + stolen(stealStart, run.seconds());
        for (WrkRun r : java.util.List.of(warm, run)) {
            if (r.failed() > 0 || unique && r.wrapped() > 0) {
                System.out.println("[bench] " + name + ": " + r.failed() + " requests failed or not answered 200, "
                        + r.wrapped() + " times the requests ran out and started over (duplicates)");
            }
        }
        return new Result(name, run.requests() / run.seconds(), run.p50Micros() / 1e3, run.p99Micros() / 1e3,
                cpuStart < 0 ? Double.NaN : cpu / 1e3 / run.requests(),
                warm.requests() - warm.failed() + run.requests() - run.failed(), note);
    }

    private record WrkRun(long requests, double seconds, long failed, long p50Micros, long p99Micros, long wrapped,
            long cpuNanos) {
    }

    /** Lines of body, then signature header value: what wrk-requests.lua reads. */
    private static void writeRequests(Path file, String prefix, int count) throws java.io.IOException {
        try (var out = java.nio.file.Files.newBufferedWriter(file)) {
            for (int n = 1; n <= count; n++) {
                byte[] body = body(prefix + n, n);
                out.write(new String(body, StandardCharsets.UTF_8));
                out.write('\n');
                out.write("sha256=" + Signatures.hmacSha256Hex(SECRET, body));
                out.write('\n');
            }
        }
    }

    /** Runs wrk: one thread, {@link #CLIENTS} connections. */
    private static WrkRun runWrk(Path script, URI uri, Path requests, int seconds) throws Exception {
        Process p = new ProcessBuilder("wrk", "-t1", "-c" + CLIENTS, "-d" + seconds + "s", "--timeout", "10s", "-s",
                script.toString(), uri.toString(), "--", requests.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        java.util.regex.Matcher figures = java.util.regex.Pattern.compile("WRK requests=(\\d+) micros=(\\d+)"
                + " failed=(\\d+) p50=(\\d+) p99=(\\d+) wrapped=(\\d+) cpumicros=(\\d+)").matcher(out);
        if (p.waitFor() != 0 || !figures.find()) {
            throw new IllegalStateException("wrk failed:\n" + out);
        }
        return new WrkRun(Long.parseLong(figures.group(1)), Long.parseLong(figures.group(2)) / 1e6,
                Long.parseLong(figures.group(3)), Long.parseLong(figures.group(4)), Long.parseLong(figures.group(5)),
                Long.parseLong(figures.group(6)), Long.parseLong(figures.group(7)) * 1_000);
    }


    /** Runs {@code call} from {@link #CLIENTS} threads: {@link #WARMUP_SECONDS} s of warm-up, then measures. */
    private static Result load(String name, Window window, Call call) throws Exception {
        AtomicLong sequence = new AtomicLong();
        AtomicBoolean measuring = new AtomicBoolean();
        AtomicBoolean running = new AtomicBoolean(true);
        long[][] latencies = new long[CLIENTS][];
        int[] counts = new int[CLIENTS];
        AtomicLong failures = new AtomicLong();
        AtomicLong acknowledged = new AtomicLong();
        var firstFailure = new java.util.concurrent.atomic.AtomicReference<Exception>();
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
                    acknowledged.incrementAndGet();
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
        java.util.function.Supplier<String> seen = window.begin();
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
                cpuStart < 0 ? Double.NaN : cpu / 1e3 / total, acknowledged.get(), note);
    }

    /** CPU time (user + system) of each thread of this process, by "tid name", from /proc/self/task. */
    private static Map<String, Long> threadCpuNanos() {
        Map<String, Long> cpu = new java.util.HashMap<>();
        try (var tasks = java.nio.file.Files.list(Path.of("/proc/self/task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                try {
                    String stat = java.nio.file.Files.readString(task.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    cpu.put(task.getFileName() + " " + name,
                            (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10_000_000L);
                } catch (java.io.IOException | RuntimeException gone) {
                    // the thread ended
                }
            }
        } catch (java.io.IOException | RuntimeException e) {
            // no /proc: no breakdown
        }
        return cpu;
    }

    /** The CPU used between two {@link #threadCpuNanos()} readings, per message, by kind of thread, largest first. */
    private static String threadCpuBreakdown(Map<String, Long> before, Map<String, Long> after, long messages) {
        Map<String, Long> byKind = new java.util.TreeMap<>();
        after.forEach((thread, nanos) -> {
            String kind = thread.substring(thread.indexOf(' ') + 1).replaceAll("[-#0-9 ]+$", "");
            byKind.merge(kind, nanos - before.getOrDefault(thread, 0L), Long::sum);
        });
        return byKind.entrySet().stream().filter(e -> e.getValue() / 1e3 / messages >= 1)
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .map(e -> e.getKey() + " " + Math.round(e.getValue() / 1e3 / messages) + " µs")
                .collect(java.util.stream.Collectors.joining(", "));
    }

    /** CPU time the hypervisor gave to others while this machine wanted it ("steal" in /proc/stat), or -1. */
    private static long stolenNanos() {
        try {
            String[] cpu = java.nio.file.Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split(" +");
            return Long.parseLong(cpu[8]) * 10_000_000L; // cpu user nice system idle iowait irq softirq steal
        } catch (java.io.IOException | RuntimeException e) {
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
            String stat = java.nio.file.Files.readString(Path.of("/proc/self/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime (fields 14, 15)
            return ticks * 10_000_000L; // USER_HZ is 100 on Linux
        } catch (java.io.IOException | RuntimeException e) {
            return -1;
        }
    }
}
