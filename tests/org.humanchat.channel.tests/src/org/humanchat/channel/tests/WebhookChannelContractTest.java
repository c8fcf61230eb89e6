package org.humanchat.channel.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.humanchat.channel.api.ChannelConnector;
import org.humanchat.channel.support.Signatures;
import org.humanchat.channel.webhook.internal.WebhookChannel;
import org.humanchat.channel.webhook.internal.WebhookChannelConfig;
import org.humanchat.core.tests.Configs;
import org.humanchat.core.tests.FakeHttpServer;
import org.humanchat.core.tests.FakeHttpServer.Response;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The generic webhook channel: the partner POSTs JSON to {@code /channels/{id}/messages} signed in
 * {@code X-HumanChat-Signature} ("sha256=" and the HMAC-SHA256 of the body), and takes replies at its callback URL.
 */
class WebhookChannelContractTest extends ChannelConnectorContract {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SECRET = "partner-secret";

    @Override
    String type() {
        return "webhook";
    }

    @Override
    ChannelConnector connector(long channelId, String platformUrl) {
        return new WebhookChannel(Configs.of(WebhookChannelConfig.class, Map.of("humanchat.channel.id", channelId,
                "secret", SECRET, "callbackUrl", platformUrl + "/replies", "timeoutMillis", 2_000)));
    }

    private static Delivery signed(String json, String secret) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        return new Delivery("/messages", body, Map.of("Content-Type", "application/json",
                "X-HumanChat-Signature", "sha256=" + Signatures.hmacSha256Hex(secret, body)));
    }

    @Override
    Delivery message(String externalId, String sender, String text) {
        return signed(ChannelDesk.message(externalId, sender, text), SECRET);
    }

    @Override
    Delivery forged(String externalId, String sender, String text) {
        return signed(ChannelDesk.message(externalId, sender, text), "not-the-secret");
    }

    @Override
    Delivery malformed() {
        return signed("{\"id\":\"1009\",\"sender\":\"" + SENDER + "\"}", SECRET);
    }

    /** A message with a file, inline in base64 (as IngestContractTest sends it). */
    @Override
    List<StoringRequest> otherStoringRequests() {
        String sender = "4915100000011";
        String json = "{\"id\":\"1011\",\"sender\":{\"id\":\"" + sender + "\"},\"text\":\"\",\"attachments\":"
                + "[{\"name\":\"photo.png\",\"mediaType\":\"image/png\",\"data\":\""
                + Base64.getEncoder().encodeToString(IngestContractTest.PNG) + "\"}]}";
        return List.of(new StoringRequest("a message with a file", signed(json, SECRET),
                () -> hasInbound(sender, m -> m.attachments().size() == 1)));
    }

    @Override
    Response accepted() {
        return Response.json("{\"id\":\"partner-77\"}");
    }

    @Override
    void assertSent(FakeHttpServer.Request call, String sender, String text) throws Exception {
        assertEquals("/replies", call.path());
        assertEquals("sha256=" + Signatures.hmacSha256Hex(SECRET, call.body()), call.header("X-HumanChat-Signature"));
        JsonNode body = JSON.readTree(call.body());
        assertEquals(sender, body.get("recipient").get("id").asText());
        assertEquals(text, body.get("text").asText());
    }
}
