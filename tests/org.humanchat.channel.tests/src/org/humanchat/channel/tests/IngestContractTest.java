package org.humanchat.channel.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.humanchat.api.model.Attachment;
import org.humanchat.api.model.Direction;
import org.humanchat.api.model.InboxCounts;
import org.humanchat.api.model.InboxTab;
import org.humanchat.api.model.Message;
import org.humanchat.api.service.BusyException;
import org.humanchat.api.service.ConversationService;
import org.humanchat.channel.api.ChannelConnector;
import org.humanchat.channel.api.ChannelContext;
import org.humanchat.channel.api.ChannelException;
import org.humanchat.channel.api.ChannelRequest;
import org.humanchat.channel.api.ChannelResponse;
import org.humanchat.channel.api.OutgoingMessage;
import org.humanchat.channel.runtime.internal.Channels;
import org.humanchat.channel.support.Signatures;
import org.humanchat.channel.webhook.internal.WebhookChannel;
import org.humanchat.channel.webhook.internal.WebhookChannelConfig;
import org.humanchat.core.tests.Configs;
import org.humanchat.endpoint.internal.EndpointConfig;
import org.humanchat.endpoint.internal.EndpointServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What every channel relies on, through real HTTP on the embedded Jetty: stored before the 2xx, once only,
 * and every bad request refused with a clear JSON error and nothing stored.
 */
class IngestContractTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** A 1x1 PNG; the channel contracts send it too. */
    static final byte[] PNG = Base64.getDecoder().decode(
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

    @TempDir
    Path folder;
    ChannelDesk channels;

    @BeforeEach
    void start() throws Exception {
        channels = new ChannelDesk(folder, 64 * 1024, "http://127.0.0.1:9/unused", Map.of());
    }

    @AfterEach
    void stop() throws Exception {
        channels.close();
    }

    private long totalConversations() {
        InboxCounts counts = channels.desk.inbox.counts(channels.desk.ana.id());
        return counts.of(InboxTab.OPEN) + counts.of(InboxTab.CLOSED);
    }

    private static JsonNode json(String body) throws Exception {
        return JSON.readTree(body);
    }

    @Test
    void aSignedMessageIsStoredBeforeTheAnswer() throws Exception {
        var response = channels.postSigned(ChannelDesk.message("m-1", "u-42", "Where is my order?"));

        assertEquals(200, response.statusCode(), response.body());
        JsonNode answer = json(response.body());
        assertEquals("stored", answer.get("status").asText());
        List<Message> stored = channels.messagesOf(answer.get("conversationId").asLong());
        Message last = stored.stream().filter(m -> m.direction() == Direction.INBOUND).findFirst().orElseThrow();
        assertEquals("Where is my order?", last.text());
        assertEquals(answer.get("messageId").asLong(), last.id());
        assertEquals("Kim", channels.desk.contacts.find(channels.desk.conversations
                .find(last.conversationId()).orElseThrow().contactId()).orElseThrow().name());
    }

    /** An endpoint of its own over {@code running}, serving the desk's webhook channel. */
    private EndpointServer webhookEndpoint(Channels running) throws Exception {
        EndpointServer endpoint = new EndpointServer(running, Configs.of(EndpointConfig.class, Map.of("port", 0)));
        running.addConnector(new WebhookChannel(Configs.of(WebhookChannelConfig.class,
                Map.of("humanchat.channel.id", channels.webhook.id(), "secret", ChannelDesk.SECRET))),
                Map.of(ChannelConnector.CHANNEL_ID, channels.webhook.id()));
        return endpoint;
    }

    /** Posts a webhook message, signed with the channel's secret, to that endpoint. */
    private HttpResponse<String> postSigned(EndpointServer endpoint, String json) throws Exception {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        return channels.http.send(HttpRequest.newBuilder(endpoint.baseUri()
                .resolve("channels/" + channels.webhook.id() + "/messages"))
                .header("X-HumanChat-Signature", "sha256=" + Signatures.hmacSha256Hex(ChannelDesk.SECRET, body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aStoreWithMoreWaitingThanItTakesIsAnswered503WithRetryAfterAndNothingStored() throws Exception {
        // The conversation service refuses as the group commit does when its queue is full (GroupCommitTest checks
        // that part): everything else is the real endpoint, context and webhook connector.
        ConversationService real = channels.desk.conversations;
        ConversationService busy = (ConversationService) Proxy.newProxyInstance(
                ConversationService.class.getClassLoader(), new Class<?>[] { ConversationService.class },
                (proxy, method, args) -> {
                    if (method.getName().equals("receiveLater") || method.getName().equals("receive")) {
                        BusyException full = new BusyException("5000 messages are waiting to be stored");
                        if (method.getName().equals("receive")) {
                            throw full;
                        }
                        return CompletableFuture.failedFuture(full);
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        Channels overloaded = Channels.over(busy, channels.desk.deliveries, channels.attachments,
                channels.desk.directory);
        EndpointServer endpoint = webhookEndpoint(overloaded);
        try {
            HttpResponse<String> response = postSigned(endpoint, ChannelDesk.message("m-busy", "u-7", "Hello?"));

            assertEquals(503, response.statusCode(), response.body());
            assertEquals("1", response.headers().firstValue("Retry-After").orElse(null));
            assertEquals("busy", json(response.body()).get("error").asText());
            assertEquals(0, totalConversations(), "nothing stored");
        } finally {
            endpoint.stop();
        }
        // the same message through the desk's own endpoint, once there is room: stored
        assertEquals(200, channels.postSigned(ChannelDesk.message("m-busy", "u-7", "Hello?")).statusCode());
        assertEquals(1, totalConversations());
    }

    @Test
    void aMessageThatArrivesBeforeTheDatabaseIsOpenIsAnswered503AndTakenOnceItIs() throws Exception {
        // Channels without the domain services: what the endpoint has between its start and the database's opening
        Channels opening = new Channels();
        EndpointServer endpoint = webhookEndpoint(opening);
        try {
            HttpResponse<String> response = postSigned(endpoint, ChannelDesk.message("m-early", "u-8", "Anyone?"));

            assertEquals(503, response.statusCode(), response.body());
            assertEquals("unavailable", json(response.body()).get("error").asText());
            assertEquals(0, totalConversations(), "nothing stored");
        } finally {
            endpoint.stop();
        }
        // the platform delivers it again once the database is open: stored
        assertEquals(200, channels.postSigned(ChannelDesk.message("m-early", "u-8", "Anyone?")).statusCode());
        assertEquals(1, totalConversations());
    }

    @Test
    void aConnectorThatAnswersLaterIsAnsweredWhenItsStageCompletesWhateverTheAnswer() throws Exception {
        ScheduledExecutorService later = Executors.newSingleThreadScheduledExecutor();
        try {
            var channel = channels.run("later", id -> new ChannelConnector() {
                @Override
                public ChannelResponse handle(ChannelRequest request, ChannelContext context) {
                    throw new AssertionError("the endpoint calls handleLater");
                }

                @Override
                public CompletionStage<ChannelResponse> handleLater(ChannelRequest request, ChannelContext context) {
                    CompletableFuture<ChannelResponse> answer = new CompletableFuture<>();
                    later.schedule(() -> {
                        switch (request.path()) {
                            case "/json" -> answer.complete(ChannelResponse.json(200, "{\"ok\":true}".getBytes()));
                            case "/file" -> answer.complete(ChannelResponse.file("text/plain",
                                    new ByteArrayInputStream("a file, written later".getBytes()), Map.of()));
                            default -> answer.completeExceptionally(ChannelException.tooManyRequests(7));
                        }
                    }, 50, TimeUnit.MILLISECONDS);
                    return answer;
                }

                @Override
                public String send(OutgoingMessage message, ChannelContext context) {
                    return null;
                }
            });
            String base = "/channels/" + channel.id();

            var json = channels.get(base + "/json");
            assertEquals(200, json.statusCode(), json.body());
            assertEquals("{\"ok\":true}", json.body());
            var file = channels.get(base + "/file");
            assertEquals(200, file.statusCode(), file.body());
            assertEquals("a file, written later", file.body());
            var refused = channels.get(base + "/other");
            assertEquals(429, refused.statusCode(), refused.body());
            assertEquals("7", refused.headers().firstValue("Retry-After").orElse(null));
            assertEquals("rate_limited", json(refused.body()).get("error").asText());
        } finally {
            later.shutdownNow();
        }
    }

    @Test
    void aRedeliveryStoresNothingAndStillSucceeds() throws Exception {
        var first = channels.postSigned(ChannelDesk.message("m-2", "u-42", "Hello"));
        var again = channels.postSigned(ChannelDesk.message("m-2", "u-42", "Hello"));

        assertEquals(200, again.statusCode());
        assertEquals("duplicate", json(again.body()).get("status").asText());
        assertEquals(json(first.body()).get("messageId"), json(again.body()).get("messageId"));
        long conversation = json(first.body()).get("conversationId").asLong();
        assertEquals(1, channels.messagesOf(conversation).stream().filter(m -> m.direction() == Direction.INBOUND)
                .count());
    }

    @Test
    void concurrentRedeliveriesStoreTheMessageOnce() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> posts = new ArrayList<>();
            for (int i = 0; i < 24; i++) {
                posts.add(pool.submit(() -> channels.postSigned(ChannelDesk.message("m-3", "u-7", "Hi")).statusCode()));
            }
            for (Future<Integer> post : posts) {
                assertEquals(200, post.get(60, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
        long conversation = channels.desk.conversations.latestOf(channels.webhook.id(), "u-7").orElseThrow().id();
        assertEquals(1, channels.messagesOf(conversation).stream().filter(m -> m.direction() == Direction.INBOUND)
                .count());
    }

    @Test
    void aBadOrMissingSignatureIsRefusedWith401() throws Exception {
        byte[] body = ChannelDesk.message("m-4", "u-1", "Hi").getBytes(StandardCharsets.UTF_8);
        String path = "/channels/" + channels.webhook.id() + "/messages";

        var wrong = channels.post(path, body, Map.of("X-HumanChat-Signature", "sha256=00ff"));
        var missing = channels.post(path, body, Map.of());

        assertEquals(401, wrong.statusCode());
        assertEquals("bad_signature", json(wrong.body()).get("error").asText());
        assertEquals(401, missing.statusCode());
        assertEquals(0, totalConversations());
    }

    @Test
    void malformedBodiesAreRefusedWith400AndAJsonError() throws Exception {
        for (String bad : List.of("{not json", "[]", "{}", "{\"id\":\"m\",\"sender\":\"u\"}",
                "{\"id\":\"m\",\"sender\":{\"id\":\"u\"},\"text\":\"\"}",
                "{\"id\":\"m\",\"sender\":{\"id\":\"u\"},\"text\":{\"a\":1}}",
                "{\"id\":\"m\",\"sender\":{\"id\":\"u\"},\"attachments\":[{\"name\":\"a.png\",\"data\":\"%%%\"}]}")) {
            var response = channels.postSigned(bad);
            assertEquals(400, response.statusCode(), bad + " -> " + response.body());
            assertEquals("malformed", json(response.body()).get("error").asText(), bad);
            assertTrue(json(response.body()).get("message").asText().length() > 3, bad);
        }
        assertEquals(0, totalConversations());
    }

    @Test
    void unknownChannelsAndPathsAre404() throws Exception {
        byte[] body = ChannelDesk.message("m-5", "u-1", "Hi").getBytes(StandardCharsets.UTF_8);
        assertEquals(404, channels.post("/channels/987654/messages", body, Map.of()).statusCode());
        assertEquals(404, channels.post("/channels/abc/messages", body, Map.of()).statusCode());
        assertEquals(404, channels.post("/channels/" + channels.desk.whatsapp.id() + "/x", body, Map.of())
                .statusCode(), "a channel without a running connector");
        var nowhere = channels.get("/wp-admin");
        assertEquals(404, nowhere.statusCode());
        assertEquals("not_found", json(nowhere.body()).get("error").asText());
    }

    @Test
    void aBodyOverTheLimitIs413AndNothingIsStored() throws Exception {
        byte[] huge = new byte[2 * 1024 * 1024];
        java.util.Arrays.fill(huge, (byte) 'a');

        var response = channels.post("/channels/" + channels.webhook.id() + "/messages", huge, Map.of());

        assertEquals(413, response.statusCode());
        assertEquals("too_large", json(response.body()).get("error").asText());
        assertEquals(0, totalConversations());
    }

    @Test
    void attachmentsAreStoredByContentHashAndCheckedAgainstTheirType() throws Exception {
        String png = Base64.getEncoder().encodeToString(PNG);
        var ok = channels.postSigned("{\"id\":\"m-6\",\"sender\":{\"id\":\"u-9\"},\"text\":\"\",\"attachments\":"
                + "[{\"name\":\"../../etc/passwd/photo.png\",\"mediaType\":\"image/png\",\"data\":\"" + png + "\"}]}");
        assertEquals(200, ok.statusCode(), ok.body());
        Message stored = channels.messagesOf(json(ok.body()).get("conversationId").asLong()).stream()
                .filter(m -> m.direction() == Direction.INBOUND).findFirst().orElseThrow();
        Attachment a = stored.attachments().get(0);
        assertEquals("photo.png", a.name(), "only the last segment of a name is kept");
        assertEquals("image/png", a.mediaType());
        assertEquals(PNG.length, a.size());
        try (var in = channels.attachments.open(a.contentHash()).orElseThrow()) {
            assertEquals(java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(in.readAllBytes())), a.contentHash());
        }

        String html = Base64.getEncoder().encodeToString("<script>alert(1)</script>".getBytes(StandardCharsets.UTF_8));
        var lie = channels.postSigned("{\"id\":\"m-7\",\"sender\":{\"id\":\"u-9\"},\"attachments\":"
                + "[{\"name\":\"cat.png\",\"mediaType\":\"image/png\",\"data\":\"" + html + "\"}]}");
        assertEquals(415, lie.statusCode(), lie.body());

        String big = Base64.getEncoder().encodeToString(new byte[65 * 1024]);
        var tooBig = channels.postSigned("{\"id\":\"m-8\",\"sender\":{\"id\":\"u-9\"},\"attachments\":"
                + "[{\"name\":\"big.bin\",\"data\":\"" + big + "\"}]}");
        assertEquals(413, tooBig.statusCode(), tooBig.body());
        assertEquals(1, channels.messagesOf(stored.conversationId()).stream()
                .filter(m -> m.direction() == Direction.INBOUND).count(), "refused files store no message");
    }

    @Test
    void healthSaysUpWithTheRunningChannels() throws Exception {
        var health = channels.get("/health");
        assertEquals(200, health.statusCode());
        assertEquals("up", json(health.body()).get("status").asText());
        assertEquals(1, json(health.body()).get("channels").asInt());
    }
}
