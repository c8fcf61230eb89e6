package org.humanchat.channel.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.humanchat.api.model.AuthorKind;
import org.humanchat.api.model.DeliveryState;
import org.humanchat.api.model.Direction;
import org.humanchat.api.model.HandoverResult;
import org.humanchat.api.model.Message;
import org.humanchat.core.tests.FakeHttpServer;
import org.humanchat.core.tests.FakeHttpServer.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The texts the desk sends on its own, followed to the end user: the fallback text (Human Chat off) and the
 * out-of-hours text (humans will answer later) are not only queued but posted to the channel's callback and marked
 * sent. The rules run on a fixed clock at 03:00 UTC, outside the hours 09:00-17:00 UTC that the out-of-hours cases
 * set, whatever the time the test runs at.
 */
class SystemTextsDeliveryTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** A Wednesday at 03:00 UTC, in the past so that the outbox finds the replies due at once. */
    private static final Clock NIGHT = Clock.fixed(Instant.parse("2025-01-01T03:00:00Z"), ZoneOffset.UTC);
    private static final String OUT_OF_HOURS = "We are back at 9:00 and will answer you then.";

    @TempDir
    Path folder;
    FakeHttpServer partner;
    ChannelDesk channels;

    @BeforeEach
    void start() throws Exception {
        partner = new FakeHttpServer();
        partner.answer(r -> Response.json("{\"id\":\"partner-1\"}"));
        channels = new ChannelDesk(folder, 1024 * 1024, partner.url("/replies"),
                Map.of("backoffMillis", 20L, "maxAttempts", 3), NIGHT);
    }

    @AfterEach
    void stop() throws Exception {
        channels.close();
        partner.close();
    }

    private long userWrites(String id, String sender, String text) throws Exception {
        var response = channels.postSigned(ChannelDesk.message(id, sender, text));
        assertEquals(200, response.statusCode(), response.body());
        return JSON.readTree(response.body()).get("conversationId").asLong();
    }

    private void closedNow() {
        channels.desk.directory.setBusinessHours(channels.desk.production.id(), "Mon-Sun 09:00-17:00", "UTC",
                OUT_OF_HOURS, channels.desk.ana.id());
    }

    /** The outbound messages of the conversation, as stored now. */
    private List<Message> outbound(long conversationId) {
        return channels.messagesOf(conversationId).stream().filter(m -> m.direction() == Direction.OUTBOUND)
                .toList();
    }

    /** What the partner's callback received, as texts for the given recipient, in order. */
    private List<String> postedTo(String recipient) throws Exception {
        List<String> texts = new java.util.ArrayList<>();
        for (FakeHttpServer.Request request : partner.requests) {
            JsonNode body = JSON.readTree(request.body());
            if (body.path("recipient").path("id").asText().equals(recipient)) {
                texts.add(body.path("text").asText());
            }
        }
        return texts;
    }

    private void assertDelivered(long conversationId, String recipient, String text) throws Exception {
        channels.settleOutbox();
        assertEquals(List.of(text), postedTo(recipient), "what the end user got");
        Message sent = outbound(conversationId).stream().filter(m -> m.text().equals(text)).findFirst().orElseThrow();
        assertEquals(DeliveryState.SENT, sent.deliveryState(), () -> "delivery error: " + sent.deliveryError());
    }

    @Test
    void withHumanChatOffAndNoBrainTheFallbackTextReachesTheUser() throws Exception {
        var desk = channels.desk;
        desk.directory.setHumanChatEnabled(desk.production.id(), false, desk.ana.id());

        long id = userWrites("fb-1", "u-fallback", "Is anybody there?");

        assertDelivered(id, "u-fallback", desk.production.fallbackText());
        assertEquals(AuthorKind.SYSTEM, outbound(id).get(0).authorKind());
    }

    @Test
    void withHumanChatOffABrainsHandoverSendsTheFallbackTextToTheUser() throws Exception {
        var desk = channels.desk;
        desk.directory.setDefaultBrain(channels.webhook.id(), desk.rules.id(), desk.ana.id());
        desk.directory.setHumanChatEnabled(desk.production.id(), false, desk.ana.id());
        long id = userWrites("fb-2", "u-brain-fallback", "A human please");

        assertEquals(HandoverResult.REFUSED_HUMAN_CHAT_DISABLED,
                desk.conversations.handOver(id, desk.rules.id(), "the customer asked for a human"));

        assertDelivered(id, "u-brain-fallback", desk.production.fallbackText());
    }

    @Test
    void aMessageThatGoesStraightToHumansOutOfHoursGetsTheOutOfHoursText() throws Exception {
        closedNow();

        long id = userWrites("ooh-1", "u-night", "Hello, my order is late");

        assertTrue(channels.desk.conversations.find(id).orElseThrow().isWaitingForHuman(), "no Brain: humans");
        assertDelivered(id, "u-night", OUT_OF_HOURS);

        userWrites("ooh-2", "u-night", "Hello again");
        channels.settleOutbox();
        assertEquals(List.of(OUT_OF_HOURS), postedTo("u-night"), "told once per conversation, not per message");
    }

    @Test
    void aHandoverOutOfHoursSendsTheOutOfHoursText() throws Exception {
        var desk = channels.desk;
        desk.directory.setDefaultBrain(channels.webhook.id(), desk.rules.id(), desk.ana.id());
        closedNow();
        long id = userWrites("ooh-3", "u-brain-night", "A human please");
        channels.settleOutbox();
        assertEquals(List.of(), postedTo("u-brain-night"), "nothing while the Brain has it");

        assertEquals(HandoverResult.HANDED_OVER, desk.conversations.handOver(id, desk.rules.id(), "asked"));

        assertDelivered(id, "u-brain-night", OUT_OF_HOURS);
    }
}
