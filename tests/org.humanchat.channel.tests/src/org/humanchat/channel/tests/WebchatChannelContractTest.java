package org.humanchat.channel.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.humanchat.api.model.DeliveryState;
import org.humanchat.api.model.Message;
import org.humanchat.channel.api.ChannelConnector;
import org.humanchat.channel.webchat.internal.WebchatChannel;
import org.humanchat.channel.webchat.internal.WebchatConfig;
import org.humanchat.core.tests.Configs;
import org.humanchat.core.tests.FakeHttpServer;
import org.humanchat.core.tests.FakeHttpServer.Response;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The web chat: there is no platform between the visitor and the desk. A visitor starts a session and proves it on
 * every request with the signed token it got (the channel's counterpart of a platform's signature); the desk's
 * replies are pushed to the visitor's open widgets over Server-Sent Events (the counterpart of a platform's API).
 */
class WebchatChannelContractTest extends ChannelConnectorContract {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NO_PLATFORM = "The web chat sends through no platform that could fail: a reply is "
            + "pushed to the visitor's open widgets, and read from the history when none is open, so sending it "
            + "never fails (WebchatChannel.send)";

    /** Each sender of the contract is a visitor with a session of their own. */
    private final Map<String, String> tokens = new HashMap<>();

    @Override
    String type() {
        return "webchat";
    }

    @Override
    ChannelConnector connector(long channelId, String platformUrl) {
        return new WebchatChannel(Configs.of(WebchatConfig.class, Map.of("humanchat.channel.id", channelId,
                "sessionSecret", "0123456789abcdef-secret", "messagesPerMinute", 100)));
    }

    private String token(String sender) throws Exception {
        String known = tokens.get(sender);
        if (known != null) {
            return known;
        }
        HttpResponse<String> session = channels.post("/channels/" + channel.id() + "/session",
                "{}".getBytes(StandardCharsets.UTF_8), Map.of());
        assertEquals(200, session.statusCode(), session.body());
        String token = JSON.readTree(session.body()).get("token").asText();
        tokens.put(sender, token);
        return token;
    }

    private static Delivery write(String token, String body) {
        return Delivery.of("/messages", body, Map.of("Authorization", "Bearer " + token,
                "Content-Type", "application/json"));
    }

    private static String json(String clientId, String text) throws Exception {
        return JSON.writeValueAsString(Map.of("clientId", clientId, "text", text));
    }

    @Override
    Delivery message(String externalId, String sender, String text) throws Exception {
        return write(token(sender), json(externalId, text));
    }

    /** A token whose signature part the channel's secret did not make. */
    @Override
    Delivery forged(String externalId, String sender, String text) throws Exception {
        String token = token(sender);
        return write(token.substring(0, token.lastIndexOf('.')) + ".0000", json(externalId, text));
    }

    @Override
    Delivery malformed() throws Exception {
        return write(token(SENDER), "{not json");
    }

    /** The visitor id, the part of the session token before its signature. */
    @Override
    String senderId(String sender) {
        String token = tokens.get(sender);
        return token == null ? "v-none-" + sender : token.substring(0, token.lastIndexOf('.'));
    }

    /** A file the visitor uploads, stored as a message of its own. */
    @Override
    List<StoringRequest> otherStoringRequests() throws Exception {
        String sender = "4915100000011";
        Delivery upload = new Delivery("/files?name=invoice.pdf", "%PDF-1.4 a tiny pdf".getBytes(
                StandardCharsets.US_ASCII), Map.of("Authorization", "Bearer " + token(sender), "Content-Type",
                        "application/pdf", "X-Client-Id", "f-1"));
        return List.of(new StoringRequest("a file upload", upload,
                () -> hasInbound(sender, m -> m.attachments().size() == 1)));
    }

    @Override
    Response accepted() {
        throw new UnsupportedOperationException(NO_PLATFORM);
    }

    @Override
    void assertSent(FakeHttpServer.Request call, String sender, String text) {
        throw new UnsupportedOperationException(NO_PLATFORM);
    }

    /** The reply reaches the visitor's open widget, live. */
    @Test
    @Override
    void anAgentReplyIsSentThroughThePlatform() throws Exception {
        deliverAccepted("1005", SENDER, "Do you ship to Italy?");
        LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
        // Read on another thread: when the response is there before thenAcceptAsync, the test thread must not read.
        CompletableFuture<Void> stream = channels.http.sendAsync(HttpRequest.newBuilder(channels.uri(
                "/channels/" + channel.id() + "/events?token=" + token(SENDER))).build(),
                HttpResponse.BodyHandlers.ofLines())
                .thenAcceptAsync(response -> response.body().forEach(lines::add));
        try {
            assertEquals(": connected", lines.poll(10, TimeUnit.SECONDS));
            Message reply = reply(SENDER, "Yes, in 3 to 5 days");
            String event = null;
            for (String line; (line = lines.poll(10, TimeUnit.SECONDS)) != null;) {
                if (line.startsWith("data: ")) {
                    event = line.substring("data: ".length());
                    break;
                }
            }
            JsonNode pushed = JSON.readTree(event);
            assertEquals(reply.id(), pushed.get("id").asLong());
            assertEquals("Yes, in 3 to 5 days", pushed.get("text").asText());
            channels.settleOutbox();
            assertEquals(DeliveryState.SENT, channels.reloaded(reply).deliveryState());
            assertEquals(List.of(), platform.requests, "no platform is called");
        } finally {
            stream.cancel(true);
        }
    }

    /**
     * The web chat's counterpart of a platform that cannot take a reply yet: no widget of the visitor is open. The
     * reply is not lost nor retried for ever: it is sent (kept with the conversation) and the widget reads it from
     * the history when the visitor comes back.
     */
    @Test
    @Override
    void aReplyThePlatformCannotTakeYetStaysQueuedAndIsRetried() throws Exception {
        deliverAccepted("1006", SENDER, "Anyone there?");
        Message reply = reply(SENDER, "Yes, we are here");
        channels.settleOutbox();
        assertEquals(DeliveryState.SENT, channels.reloaded(reply).deliveryState());

        HttpResponse<String> history = channels.http.send(HttpRequest.newBuilder(channels.uri(
                "/channels/" + channel.id() + "/history")).header("Authorization", "Bearer " + token(SENDER))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, history.statusCode(), history.body());
        List<String> texts = new java.util.ArrayList<>();
        JSON.readTree(history.body()).get("messages").forEach(m -> texts.add(m.get("text").asText()));
        assertEquals(List.of("Anyone there?", "Yes, we are here"), texts);
        assertEquals(List.of(), platform.requests, "no platform is called");
    }

    /**
     * The web chat's counterpart of a platform that refuses a reply: none exists, so nothing can refuse it. Even with
     * a platform fake that would refuse everything, the reply is sent and no call goes out.
     */
    @Test
    @Override
    void aReplyThePlatformRefusesFailsAtOnceWithTheReason() throws Exception {
        deliverAccepted("1007", SENDER, "Hello?");
        platform.answer(call -> new Response(400, "{\"error\":\"refused\"}", 0));
        Message reply = reply(SENDER, "Hello!");
        channels.settleOutbox();
        Message sent = channels.reloaded(reply);
        assertEquals(DeliveryState.SENT, sent.deliveryState(), sent.deliveryError());
        assertEquals(List.of(), platform.requests, "no platform is called");
    }
}
