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
import org.humanchat.api.model.AgentRole;
import org.humanchat.api.model.Channel;
import org.humanchat.api.model.Environment;
import org.humanchat.channel.api.ChannelConnector;
import org.humanchat.channel.api.Signatures;
import org.humanchat.channel.webhook.internal.WebhookChannel;
import org.humanchat.channel.webhook.internal.WebhookChannelConfig;
import org.humanchat.core.internal.ConversationRules;
import org.humanchat.core.internal.DeliveryRules;
import org.humanchat.core.internal.DirectoryRules;
import org.humanchat.core.internal.GroupCommit;
import org.humanchat.core.tests.Configs;
import org.humanchat.endpoint.internal.Channels;
import org.humanchat.endpoint.internal.EndpointConfig;
import org.humanchat.endpoint.internal.EndpointServer;
import org.humanchat.persistence.internal.DatabaseSettings;
import org.humanchat.persistence.internal.FileAttachmentStore;
import org.humanchat.persistence.internal.JpaConversationStore;
import org.junit.jupiter.api.Test;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;

/**
 * Load on the endpoint: signed generic-webhook messages POSTed by {@code hc.bench.clients} concurrent clients
 * (default 32) for {@code hc.bench.seconds} (default 10, after a 3 s warm-up), each stored through the real ingest
 * path (signature, JSON, de-duplication, conversation rules, commit) into H2. Two baselines in the same run and on
 * the same machine: a bare Jetty handler answering 200, and raw JDBC inserts (one autocommitted insert per message
 * into a table with the same unique key) into an H2 file with the same settings. Prints msg/s and p50/p99 latency.
 * Goal (docs/BENCHMARKS.md): at least 50% of the slower baseline and at least 10,000 msg/s. Figures only.
 */
class EndpointBenchmark {

    private static final int CLIENTS = Integer.getInteger("hc.bench.clients", 32);
    private static final int SECONDS = Integer.getInteger("hc.bench.seconds", 10);
    private static final int SENDERS = 5_000;
    private static final String SECRET = "bench-secret";

    private record Result(String name, double perSecond, double p50Millis, double p99Millis, double cpuMicros,
            String note) {
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
        Result bare;
        Result jdbc;
        Result endpoint;
        try {
            bare = bareJetty();
            jdbc = rawJdbc(folder.resolve("raw"));
            endpoint = endpoint(folder);
        } finally {
            BenchData.deleteFolder(folder);
        }
        System.out.println("[bench] Endpoint load, " + CLIENTS + " clients, " + SECONDS + " s, "
                + Runtime.getRuntime().availableProcessors() + " cores, H2:");
        bare.print();
        jdbc.print();
        endpoint.print();
        double slower = Math.min(bare.perSecond(), jdbc.perSecond());
        System.out.printf(Locale.ROOT, "[bench] endpoint / slower baseline = %.0f%% (goal 50%%); goal 10,000 msg/s: %s%n",
                100 * endpoint.perSecond() / slower, endpoint.perSecond() >= 10_000 ? "met" : "NOT met");
    }

    private Result endpoint(Path folder) throws Exception {
        DatabaseSettings settings = new DatabaseSettings(DatabaseSettings.h2Url(folder.resolve("endpoint-db")), "sa",
                "", 16, "");
        JpaConversationStore store = new JpaConversationStore(settings);
        EventAdmin events = new EventAdmin() {
            @Override
            public void postEvent(Event event) {
            }

            @Override
            public void sendEvent(Event event) {
            }
        };
        DirectoryRules directory = new DirectoryRules(store, events);
        var admin = directory.ensureFirstAdmin("Admin", "admin@example.com");
        directory.createAgent("Bob", "bob@example.com", AgentRole.AGENT, admin.id());
        Environment production = directory.createEnvironment("production", admin.id());
        Channel webhook = directory.createChannel(production.id(), "webhook", "API", admin.id());
        ConversationRules rules = new ConversationRules(store, events);
        Channels channels = Channels.over(rules, new DeliveryRules(store, events),
                new FileAttachmentStore(folder.resolve("files"), 1 << 20), directory);
        channels.addConnector(new WebhookChannel(Configs.of(WebhookChannelConfig.class,
                Map.of("humanchat.channel.id", webhook.id(), "secret", SECRET))),
                Map.of(ChannelConnector.CHANNEL_ID, webhook.id()));
        EndpointServer server = new EndpointServer(channels, Configs.of(EndpointConfig.class, Map.of("port", 0)));
        try {
            URI uri = server.baseUri().resolve("channels/" + webhook.id() + "/messages");
            HttpClient http = client();
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
            return load("endpoint (signed webhook, stored)", writer, n -> {
                byte[] body = ("{\"id\":\"m-" + n + "\",\"sender\":{\"id\":\"u-" + (n % SENDERS)
                        + "\"},\"text\":\"Hello, I have a question about order " + n + "\"}")
                        .getBytes(StandardCharsets.UTF_8);
                HttpResponse<Void> r = http.send(HttpRequest.newBuilder(uri)
                        .header("X-HumanChat-Signature", "sha256=" + Signatures.hmacSha256Hex(SECRET, body))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() != 200) {
                    throw new IllegalStateException("HTTP " + r.statusCode());
                }
            });
        } finally {
            server.stop();
            store.close();
        }
    }

    private Result bareJetty() throws Exception {
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
            HttpClient http = client();
            return load("bare Jetty handler (200)", Window.NONE, n -> {
                byte[] body = ("{\"id\":\"m-" + n + "\",\"sender\":{\"id\":\"u-" + (n % SENDERS)
                        + "\"},\"text\":\"Hello, I have a question about order " + n + "\"}")
                        .getBytes(StandardCharsets.UTF_8);
                http.send(HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                        HttpResponse.BodyHandlers.discarding());
            });
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

    private static HttpClient client() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    }

    /** Runs {@code call} from {@link #CLIENTS} threads: 3 s warm-up, then {@link #SECONDS} s measured. */
    private static Result load(String name, Window window, Call call) throws Exception {
        AtomicLong sequence = new AtomicLong();
        AtomicBoolean measuring = new AtomicBoolean();
        AtomicBoolean running = new AtomicBoolean(true);
        long[][] latencies = new long[CLIENTS][];
        int[] counts = new int[CLIENTS];
        AtomicLong failures = new AtomicLong();
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
                    if (measuring.get() && counts[client] < latencies[client].length) {
                        latencies[client][counts[client]++] = System.nanoTime() - start;
                    }
                }
            });
        }
        Thread.sleep(3_000);
        measuring.set(true);
        long start = System.nanoTime();
        long cpuStart = processCpuNanos();
        java.util.function.Supplier<String> seen = window.begin();
        Thread.sleep(SECONDS * 1_000L);
        measuring.set(false);
        String note = seen.get();
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
        if (failures.get() > 0) {
            System.out.println("[bench] " + name + ": " + failures.get() + " requests failed, the first with "
                    + firstFailure.get());
        }
        return new Result(name, total / elapsed, all[total / 2] / 1e6, all[(int) (total * 0.99)] / 1e6,
                cpuStart < 0 ? Double.NaN : cpu / 1e3 / total, note);
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
