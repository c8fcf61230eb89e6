package org.humanchat.channel.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.humanchat.api.model.DeliveryState;
import org.humanchat.api.model.Message;
import org.humanchat.channel.support.Signatures;
import org.humanchat.core.tests.FakeHttpServer.Response;
import org.humanchat.core.tests.FakeHttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Replies reach the end user through the webhook channel's callback, with retries, failures and waiting. */
class OutboxTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path folder;
    FakeHttpServer partner;
    ChannelDesk channels;

    @BeforeEach
    void start() throws Exception {
        partner = new FakeHttpServer();
        channels = new ChannelDesk(folder, 1024 * 1024, partner.url("/replies"),
                Map.of("backoffMillis", 20L, "maxAttempts", 3, "connectorMissingRetryMillis", 100L));
    }

    @AfterEach
    void stop() throws Exception {
        channels.close();
        partner.close();
    }

    private long conversationOf(String sender) throws Exception {
        var response = channels.postSigned(ChannelDesk.message("in-" + sender, sender, "Hello"));
        assertEquals(200, response.statusCode(), response.body());
        return JSON.readTree(response.body()).get("conversationId").asLong();
    }

    private Message reloaded(Message m) {
        return channels.messagesOf(m.conversationId()).stream().filter(x -> x.id() == m.id()).findFirst()
                .orElseThrow();
    }

    @Test
    void anAgentReplyIsPostedSignedToTheCallbackAndMarkedSent() throws Exception {
        partner.answer(r -> Response.json("{\"id\":\"partner-77\"}"));
        long conversation = conversationOf("u-1");

        Message reply = channels.desk.conversations.reply(conversation, channels.desk.ana.id(), "On its way!",
                List.of(), false);
        channels.settleOutbox();

        assertEquals(1, partner.requests.size());
        FakeHttpServer.Request posted = partner.requests.get(0);
        assertEquals("sha256=" + Signatures.hmacSha256Hex(ChannelDesk.SECRET, posted.body()),
                posted.header("X-HumanChat-Signature"));
        assertEquals(Long.toString(reply.id()), posted.header("Idempotency-Key"));
        JsonNode body = JSON.readTree(posted.body());
        assertEquals("On its way!", body.get("text").asText());
        assertEquals("u-1", body.get("recipient").get("id").asText());
        assertEquals("Ana", body.get("author").get("name").asText());
        assertEquals(DeliveryState.SENT, reloaded(reply).deliveryState());
    }

    @Test
    void serverErrorsAreRetriedUntilTheMessageGoesThrough() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        partner.answer(r -> calls.incrementAndGet() < 3 ? new Response(503, "{\"error\":\"busy\"}", 0)
                : Response.json("{}"));
        long conversation = conversationOf("u-2");

        Message reply = channels.desk.conversations.reply(conversation, channels.desk.ana.id(), "Hi", List.of(),
                false);
        channels.settleOutbox();

        assertEquals(3, partner.requests.size());
        assertEquals(DeliveryState.SENT, reloaded(reply).deliveryState());
    }

    @Test
    void aRateLimitWaitsAsLongAsThePlatformAsks() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        partner.answer(r -> calls.incrementAndGet() == 1
                ? new Response(429, "{}", 0, Map.of("Retry-After", "1"))
                : Response.json("{}"));
        long conversation = conversationOf("u-3");

        Message reply = channels.desk.conversations.reply(conversation, channels.desk.ana.id(), "Hi", List.of(),
                false);
        long start = System.nanoTime();
        channels.settleOutbox();

        assertEquals(DeliveryState.SENT, reloaded(reply).deliveryState());
        assertTrue(System.nanoTime() - start >= 900_000_000L, "the second attempt waited for Retry-After");
    }

    @Test
    void aRefusalFailsAtOnceWithTheReasonAndAnAgentCanSendItAgain() throws Exception {
        partner.answer(r -> new Response(400, "{\"error\":\"unknown recipient\"}", 0));
        long conversation = conversationOf("u-4");
        Message reply = channels.desk.conversations.reply(conversation, channels.desk.ana.id(), "Hi", List.of(),
                false);
        channels.settleOutbox();

        Message failed = reloaded(reply);
        assertEquals(DeliveryState.FAILED, failed.deliveryState());
        assertTrue(failed.deliveryError().contains("HTTP 400") && failed.deliveryError().contains("unknown recipient"),
                failed.deliveryError());
        assertEquals(1, partner.requests.size(), "a 4xx is not retried");

        partner.answer(r -> Response.json("{}"));
        channels.desk.deliveries.retry(reply.id(), channels.desk.ana.id());
        channels.settleOutbox();
        assertEquals(DeliveryState.SENT, reloaded(reply).deliveryState());
    }

    @Test
    void afterTheLastAttemptTheMessageFailsSayingSo() throws Exception {
        partner.answer(r -> new Response(500, "", 0));
        long conversation = conversationOf("u-5");
        Message reply = channels.desk.conversations.reply(conversation, channels.desk.ana.id(), "Hi", List.of(),
                false);
        channels.settleOutbox();

        assertEquals(3, partner.requests.size());
        assertEquals(DeliveryState.FAILED, reloaded(reply).deliveryState());
        assertTrue(reloaded(reply).deliveryError().contains("gave up after 3 attempts"), reloaded(reply).deliveryError());
    }

    @Test
    void aMissingConnectorKeepsTheMessageWaitingUntilItStarts() throws Exception {
        partner.answer(r -> Response.json("{}"));
        long conversation = conversationOf("u-6");
        channels.stopWebhook();

        Message reply = channels.desk.conversations.reply(conversation, channels.desk.ana.id(), "Hi", List.of(),
                false);
        RunningProduct.waitUntil("the outbox has looked at the reply", Duration.ofSeconds(10),
                () -> reloaded(reply).deliveryError() != null);
        Message waiting = reloaded(reply);
        assertEquals(DeliveryState.PENDING, waiting.deliveryState());
        assertNotNull(waiting.deliveryError());
        assertTrue(waiting.deliveryError().startsWith("Channel connector missing"), waiting.deliveryError());

        channels.startWebhook(partner.url("/replies"));
        channels.settleOutbox();
        assertEquals(DeliveryState.SENT, reloaded(reply).deliveryState());
        assertEquals(1, partner.requests.size());
    }

    /**
     * On an H2 file no other runtime can send the message, so the reply says at once that its connector is missing,
     * not only after connectorMissingRetryMillis (meant for a database shared with a runtime that may serve it).
     */
    @Test
    void aMissingConnectorIsShownAtOnceWhenNoOtherRuntimeCanSendTheMessage() throws Exception {
        channels.close();
        channels = new ChannelDesk(folder.resolve("alone"), 1024 * 1024, partner.url("/replies"),
                Map.of("connectorMissingRetryMillis", 600_000L));
        long conversation = conversationOf("u-alone");
        channels.stopWebhook();

        Message reply = channels.desk.conversations.reply(conversation, channels.desk.ana.id(), "Hi", List.of(),
                false);

        RunningProduct.waitUntil("a reason is shown", Duration.ofSeconds(10),
                () -> reloaded(reply).deliveryError() != null);
        Message waiting = reloaded(reply);
        assertEquals(DeliveryState.PENDING, waiting.deliveryState());
        assertNotNull(waiting.deliveryError(), "no reason shown within 10 s");
        assertTrue(waiting.deliveryError().startsWith("Channel connector missing"), waiting.deliveryError());
    }

    @Test
    void anUnreachableCallbackIsRetriedAsATransientFailure() throws Exception {
        long conversation = conversationOf("u-7");
        channels.stopWebhook();
        channels.startWebhook("http://127.0.0.1:9/nothing-listens-here");

        Message reply = channels.desk.conversations.reply(conversation, channels.desk.ana.id(), "Hi", List.of(),
                false);
        channels.settleOutbox();

        Message failed = reloaded(reply);
        assertEquals(DeliveryState.FAILED, failed.deliveryError() == null ? null : failed.deliveryState());
        assertTrue(failed.deliveryError().contains("refused") || failed.deliveryError().contains("reached"),
                failed.deliveryError());
        assertTrue(failed.deliveryError().contains("gave up after 3 attempts"), failed.deliveryError());
    }
}
