package org.humanchat.bench;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.h2.jdbcx.JdbcDataSource;
import org.humanchat.api.model.Agent;
import org.humanchat.api.model.Channel;
import org.humanchat.api.model.InboundMessage;
import org.humanchat.api.model.InboxQuery;
import org.humanchat.api.model.InboxTab;
import org.humanchat.channel.api.ChannelConnector;
import org.humanchat.channel.runtime.internal.Channels;
import org.humanchat.channel.runtime.internal.OutboxConfig;
import org.humanchat.channel.runtime.internal.OutboxSender;
import org.humanchat.channel.webhook.internal.WebhookChannel;
import org.humanchat.channel.webhook.internal.WebhookChannelConfig;
import org.humanchat.core.internal.AccountRules;
import org.humanchat.core.internal.AuditRules;
import org.humanchat.core.internal.ContactRules;
import org.humanchat.core.internal.ConversationRules;
import org.humanchat.core.internal.DeliveryRules;
import org.humanchat.core.internal.DirectoryRules;
import org.humanchat.core.internal.InboxQueries;
import org.humanchat.core.tests.Configs;
import org.humanchat.endpoint.internal.AgentApi;
import org.humanchat.endpoint.internal.AgentEvents;
import org.humanchat.endpoint.internal.EndpointConfig;
import org.humanchat.endpoint.internal.EndpointServer;
import org.humanchat.persistence.internal.DatabaseSettings;
import org.humanchat.persistence.internal.FileAttachmentStore;
import org.humanchat.persistence.internal.JpaConversationStore;
import org.junit.jupiter.api.Test;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;

/**
 * The agent API on H2 with {@code hc.bench.conversations} conversations (default 100,000): (1) the Open tab's first
 * page through {@code GET /api/v1/inbox/open} against the same call in process, alternating, as a ratio of their
 * p99; (2) a reply's round trip: {@code POST .../messages} until the partner's webhook callback has it (the outbox
 * sends it); (3) the events' fan-out: {@code hc.bench.sseClients} clients (default 200) on {@code /api/v1/events},
 * from a message stored until every client has its event (p99; goal 100 ms on loopback), and the heap each
 * connected client costs. Figures only (docs/BENCHMARKS.md).
 */
class AgentApiBenchmark {

    private static final int CONVERSATIONS = Integer.getInteger("hc.bench.conversations", 100_000);
    private static final int SSE_CLIENTS = Integer.getInteger("hc.bench.sseClients", 200);
    private static final String PASSWORD = "a benchmark passphrase";
    private static final String SECRET = "bench-secret";
    private static final Pattern MESSAGE_ID = Pattern.compile("\"messageId\":(\\d+)");

    /** Events reach the agent API's stream and the outbox synchronously, as EventAdmin's postEvent would later. */
    private static final class Forwarding implements EventAdmin {
        final List<org.osgi.service.event.EventHandler> handlers = new ArrayList<>();

        @Override
        public void postEvent(Event event) {
            handlers.forEach(h -> h.handleEvent(event));
        }

        @Override
        public void sendEvent(Event event) {
            postEvent(event);
        }
    }

    @Test
    void agentApiOnH2() throws Exception {
        Path file = BenchData.newH2File("api");
        DatabaseSettings settings = BenchData.h2ReadingAsADesk(file);
        Forwarding events = new Forwarding();
        JpaConversationStore store = new JpaConversationStore(settings);
        Server partner = null;
        EndpointServer endpoint = null;
        OutboxSender outbox = null;
        try {
            JdbcDataSource ds = new JdbcDataSource();
            ds.setURL(settings.jdbcUrl());
            ds.setUser("sa");
            long fillStart = System.nanoTime();
            long agentId = BenchData.fill(ds, CONVERSATIONS, 1, 0);
            double fillSeconds = (System.nanoTime() - fillStart) / 1e9;

            DirectoryRules directory = new DirectoryRules(store, events);
            ConversationRules conversations = new ConversationRules(store, events);
            InboxQueries inbox = new InboxQueries(store);
            DeliveryRules deliveries = new DeliveryRules(store, events);
            AccountRules accounts = new AccountRules(store, events);
            FileAttachmentStore attachments = new FileAttachmentStore(file.resolveSibling(file.getFileName()
                    + "-files"), 1 << 20);
            Agent admin = directory.ensureFirstAdmin("Admin", "admin@example.com");
            Agent agent = directory.agent(agentId).orElseThrow();
            accounts.setPasswordWithCode(agent.email(), accounts.issueSetPasswordCode(agentId, admin.id()),
                    PASSWORD.toCharArray(), "bench", "bench");

            // the partner: receives the webhook channel's replies
            Map<String, Long> delivered = new ConcurrentHashMap<>();
            partner = new Server();
            ServerConnector partnerConnector = new ServerConnector(partner);
            partnerConnector.setHost("127.0.0.1");
            partner.addConnector(partnerConnector);
            partner.setHandler(new Handler.Abstract() {
                @Override
                public boolean handle(Request request, Response response, Callback callback) throws Exception {
                    String body = Content.Source.asString(request, StandardCharsets.UTF_8);
                    Matcher m = Pattern.compile("reply-(\\d+)").matcher(body);
                    if (m.find()) {
                        delivered.put(m.group(0), System.nanoTime());
                    }
                    response.setStatus(200);
                    response.write(true, null, callback);
                    return true;
                }
            });
            partner.start();
            Channel webhook = directory.createChannel(1, "webhook", "Partner API", admin.id());
            Channels channels = Channels.over(conversations, deliveries, attachments, directory);
            channels.addConnector(new WebhookChannel(Configs.of(WebhookChannelConfig.class, Map.of(
                    "humanchat.channel.id", webhook.id(), "secret", SECRET, "callbackUrl",
                    "http://127.0.0.1:" + partnerConnector.getLocalPort() + "/callback"))),
                    Map.of(ChannelConnector.CHANNEL_ID, webhook.id()));
            outbox = new OutboxSender(deliveries, channels, Configs.of(OutboxConfig.class, Map.of()));
            AgentEvents stream = new AgentEvents();
            events.handlers.add(stream);
            events.handlers.add(outbox);
            AgentApi api = AgentApi.over(accounts, directory, conversations, inbox, new ContactRules(store, events),
                    new AuditRules(store, events), deliveries, attachments, stream, channels);
            endpoint = new EndpointServer(channels, Configs.of(EndpointConfig.class, Map.of("port", 0)));
            endpoint.agentApi(api);
            URI base = endpoint.baseUri();
            HttpClient http = HttpClient.newBuilder().executor(Executors.newVirtualThreadPerTaskExecutor()).build();
            String token = signIn(http, base, agent.email());

            System.out.printf("%n== Agent API on H2: %,d conversations (filled in %.0f s) ==%n", CONVERSATIONS,
                    fillSeconds);
            inboxPage(http, base, token, inbox, agentId);
            replyRoundTrip(http, base, token, conversations, webhook, delivered);
            fanOut(http, base, token, conversations, webhook, stream);
        } finally {
            if (endpoint != null) {
                endpoint.stop();
            }
            if (outbox != null) {
                outbox.stop();
            }
            if (partner != null) {
                partner.stop();
            }
            store.close();
            BenchData.deleteH2(file);
        }
    }

    private static String signIn(HttpClient http, URI base, String email) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(base.resolve("api/v1/session"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD
                        + "\"}")).build(), HttpResponse.BodyHandlers.ofString());
        Matcher m = Pattern.compile("\"token\":\"([^\"]+)\"").matcher(response.body());
        if (response.statusCode() != 201 || !m.find()) {
            throw new AssertionError("Sign-in: " + response.statusCode() + " " + response.body());
        }
        return m.group(1);
    }

    /** The Open tab's first page (50 rows), in process and through the API, alternating, 50 warm-up rounds. */
    private static void inboxPage(HttpClient http, URI base, String token, InboxQueries inbox, long agentId)
            throws Exception {
        InboxQuery query = InboxQuery.firstPage(InboxTab.OPEN, agentId, 50);
        HttpRequest request = HttpRequest.newBuilder(base.resolve("api/v1/inbox/open?limit=50"))
                .header("Authorization", "Bearer " + token).build();
        int rounds = Integer.getInteger("hc.bench.api.rounds", 500);
        long[] direct = new long[rounds];
        long[] viaApi = new long[rounds];
        for (int i = -50; i < rounds; i++) {
            long t0 = System.nanoTime();
            if (inbox.page(query).size() != 50) {
                throw new AssertionError("a page of 50 rows");
            }
            long t1 = System.nanoTime();
            HttpResponse<String> page = http.send(request, HttpResponse.BodyHandlers.ofString());
            long t2 = System.nanoTime();
            if (page.statusCode() != 200) {
                throw new AssertionError(page.body());
            }
            if (i >= 0) {
                direct[i] = t1 - t0;
                viaApi[i] = t2 - t1;
            }
        }
        System.out.printf("Inbox first page (Open, 50 rows), %d rounds: in process p50 %.2f ms p99 %.2f ms;"
                + " GET /api/v1/inbox/open p50 %.2f ms p99 %.2f ms; ratio of p99s %.1f%n", rounds, ms(direct, 50),
                ms(direct, 99), ms(viaApi, 50), ms(viaApi, 99), ms(viaApi, 99) / ms(direct, 99));
    }

    /** A reply through the API until the partner's callback has it, one at a time. */
    private static void replyRoundTrip(HttpClient http, URI base, String token, ConversationRules conversations,
            Channel webhook, Map<String, Long> delivered) throws Exception {
        long conversationId = conversations.receive(new InboundMessage(webhook.id(), "bench-user", "Bench",
                "bench-in-1", "Hello", List.of(), Instant.now())).conversationId();
        int replies = Integer.getInteger("hc.bench.api.replies", 200);
        long[] roundTrips = new long[replies];
        for (int i = -20; i < replies; i++) {
            String text = "reply-" + (i + 1000);
            long t0 = System.nanoTime();
            HttpResponse<String> sent = http.send(HttpRequest.newBuilder(base.resolve("api/v1/conversations/"
                    + conversationId + "/messages")).header("Authorization", "Bearer " + token)
                    .POST(HttpRequest.BodyPublishers.ofString("{\"text\":\"" + text + "\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (sent.statusCode() != 201) {
                throw new AssertionError(sent.body());
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!delivered.containsKey(text)) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("The partner never got " + text);
                }
                Thread.onSpinWait();
            }
            if (i >= 0) {
                roundTrips[i] = delivered.get(text) - t0;
            }
        }
        System.out.printf("Reply round trip (POST reply -> outbox -> partner's webhook), %d replies: p50 %.2f ms"
                + " p99 %.2f ms%n", replies, ms(roundTrips, 50), ms(roundTrips, 99));
    }

    /** {@link #SSE_CLIENTS} event streams; messages stored one at a time until every stream has each. */
    private static void fanOut(HttpClient http, URI base, String token, ConversationRules conversations,
            Channel webhook, AgentEvents stream) throws Exception {
        var memory = ManagementFactory.getMemoryMXBean();
        System.gc();
        long heapBefore = memory.getHeapMemoryUsage().getUsed();
        List<Map<Long, Long>> seen = new ArrayList<>();
        List<Stream<String>> bodies = new ArrayList<>();
        CountDownLatch connected = new CountDownLatch(SSE_CLIENTS);
        for (int c = 0; c < SSE_CLIENTS; c++) {
            Map<Long, Long> arrivals = new ConcurrentHashMap<>();
            seen.add(arrivals);
            HttpResponse<Stream<String>> response = http.send(HttpRequest.newBuilder(base.resolve("api/v1/events"))
                    .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofLines());
            bodies.add(response.body());
            Iterator<String> lines = response.body().iterator();
            Thread.ofVirtual().start(() -> {
                connected.countDown();
                try {
                    while (lines.hasNext()) {
                        String line = lines.next();
                        if (line.startsWith("data: ") && line.contains("MESSAGE_ADDED")) {
                            Matcher m = MESSAGE_ID.matcher(line);
                            if (m.find()) {
                                arrivals.putIfAbsent(Long.parseLong(m.group(1)), System.nanoTime());
                            }
                        }
                    }
                } catch (RuntimeException closed) {
                    // the benchmark ended
                }
            });
        }
        connected.await(30, TimeUnit.SECONDS);
        long waitUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (stream.clients() < SSE_CLIENTS && System.nanoTime() < waitUntil) {
            Thread.sleep(10);
        }
        System.gc();
        long heapAfter = memory.getHeapMemoryUsage().getUsed();
        int messages = Integer.getInteger("hc.bench.api.fanOutMessages", 100);
        long[] allReceived = new long[messages];
        for (int i = -10; i < messages; i++) {
            long t0 = System.nanoTime();
            long messageId = conversations.receive(new InboundMessage(webhook.id(), "fan-" + i, "Fan",
                    "fan-in-" + i + "-" + t0, "Event " + i, List.of(), Instant.now())).messageId();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            long last = 0;
            for (Map<Long, Long> arrivals : seen) {
                Long at;
                while ((at = arrivals.get(messageId)) == null) {
                    if (System.nanoTime() > deadline) {
                        throw new AssertionError("A client never got message " + messageId);
                    }
                    Thread.onSpinWait();
                }
                last = Math.max(last, at);
            }
            if (i >= 0) {
                allReceived[i] = last - t0;
            }
            Thread.sleep(5);
        }
        System.out.printf("Events fan-out to %d SSE clients, %d messages: stored -> received by all p50 %.2f ms"
                + " p99 %.2f ms (goal p99 100 ms); heap per connected client %.1f KB (%d clients on the stream)%n",
                SSE_CLIENTS, messages, ms(allReceived, 50), ms(allReceived, 99),
                (heapAfter - heapBefore) / 1024.0 / SSE_CLIENTS, stream.clients());
        bodies.forEach(Stream::close);
    }

    private static double ms(long[] nanos, int percentile) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        int index = Math.min(sorted.length - 1, (int) Math.ceil(percentile / 100.0 * sorted.length) - 1);
        return sorted[Math.max(0, index)] / 1e6;
    }
}
