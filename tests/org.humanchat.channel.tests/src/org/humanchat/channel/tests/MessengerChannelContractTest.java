package org.humanchat.channel.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.humanchat.channel.api.ChannelConnector;
import org.humanchat.channel.messenger.internal.MessengerChannel;
import org.humanchat.channel.messenger.internal.MessengerConfig;
import org.humanchat.channel.support.Signatures;
import org.humanchat.core.tests.Configs;
import org.humanchat.core.tests.FakeHttpServer;
import org.humanchat.core.tests.FakeHttpServer.Response;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Facebook Messenger: page webhooks signed in {@code X-Hub-Signature-256} with the app secret, senders by their
 * page-scoped id (PSID), replies through the Send API at {@code /me/messages}.
 */
class MessengerChannelContractTest extends ChannelConnectorContract {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String APP_SECRET = "fb-secret";

    @Override
    String type() {
        return "messenger";
    }

    @Override
    ChannelConnector connector(long channelId, String platformUrl) {
        return new MessengerChannel(Configs.of(MessengerConfig.class, Map.of("humanchat.channel.id", channelId,
                "pageAccessToken", "page-token", "appSecret", APP_SECRET, "verifyToken", "fb-verify",
                "apiBaseUrl", platformUrl)));
    }

    private static Delivery signed(String json, String secret) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        return new Delivery("/", body, Map.of("Content-Type", "application/json", "X-Hub-Signature-256",
                "sha256=" + Signatures.hmacSha256Hex(secret, body)));
    }

    private static String event(String mid, String sender, String text) {
        return "{\"object\":\"page\",\"entry\":[{\"id\":\"PAGE\",\"time\":1,\"messaging\":[{\"sender\":{\"id\":\""
                + sender + "\"},\"recipient\":{\"id\":\"PAGE\"},\"timestamp\":1,\"message\":{\"mid\":\"m_" + mid
                + "\",\"text\":\"" + text + "\"}}]}]}";
    }

    @Override
    Delivery message(String externalId, String sender, String text) {
        return signed(event(externalId, sender, text), APP_SECRET);
    }

    @Override
    Delivery forged(String externalId, String sender, String text) {
        return signed(event(externalId, sender, text), "not-the-app-secret");
    }

    @Override
    Delivery malformed() {
        return signed("{\"object\":\"page\",\"entry\":{}}", APP_SECRET);
    }

    /**
     * A message with an image, fetched from the URL in its payload. Deliveries and reads store nothing (the channel
     * skips them), so they are not among these.
     */
    @Override
    List<StoringRequest> otherStoringRequests() {
        platform.answer(call -> call.path().equals("/cdn/photo-1") ? new Response(200, "GIF89a a small picture", 0)
                : new Response(404, "{}", 0));
        String sender = "4915100000011";
        String event = "{\"object\":\"page\",\"entry\":[{\"id\":\"PAGE\",\"time\":1,\"messaging\":[{\"sender\":"
                + "{\"id\":\"" + sender + "\"},\"recipient\":{\"id\":\"PAGE\"},\"timestamp\":1,\"message\":{\"mid\":"
                + "\"m_1011\",\"attachments\":[{\"type\":\"image\",\"payload\":{\"url\":\""
                + platform.url("/cdn/photo-1") + "\"}}]}}]}]}";
        return List.of(new StoringRequest("a message with an image", signed(event, APP_SECRET),
                () -> hasInbound(sender, m -> m.attachments().size() == 1)));
    }

    @Override
    Response accepted() {
        return Response.json("{\"recipient_id\":\"PSID\",\"message_id\":\"m_OUT\"}");
    }

    @Override
    void assertSent(FakeHttpServer.Request call, String sender, String text) throws Exception {
        assertEquals("/me/messages", call.path());
        assertEquals("Bearer page-token", call.header("Authorization"));
        JsonNode body = JSON.readTree(call.body());
        assertEquals(sender, body.get("recipient").get("id").asText());
        assertEquals(text, body.get("message").get("text").asText());
    }
}
