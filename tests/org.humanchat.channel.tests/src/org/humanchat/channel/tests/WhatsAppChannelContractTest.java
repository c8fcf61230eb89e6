package org.humanchat.channel.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.humanchat.channel.api.ChannelConnector;
import org.humanchat.channel.support.Signatures;
import org.humanchat.channel.whatsapp.internal.WhatsAppChannel;
import org.humanchat.channel.whatsapp.internal.WhatsAppConfig;
import org.humanchat.core.tests.Configs;
import org.humanchat.core.tests.FakeHttpServer;
import org.humanchat.core.tests.FakeHttpServer.Response;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The WhatsApp Cloud API: webhooks signed in {@code X-Hub-Signature-256} with the app secret, senders by their
 * WhatsApp id (the phone number without "+", stored with it), replies to {@code /{phone-number-id}/messages}.
 */
class WhatsAppChannelContractTest extends ChannelConnectorContract {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String APP_SECRET = "wa-app-secret";

    @Override
    String type() {
        return "whatsapp";
    }

    @Override
    ChannelConnector connector(long channelId, String platformUrl) {
        return new WhatsAppChannel(Configs.of(WhatsAppConfig.class, Map.of("humanchat.channel.id", channelId,
                "phoneNumberId", "1055", "accessToken", "wa-token", "appSecret", APP_SECRET, "verifyToken",
                "wa-verify", "apiBaseUrl", platformUrl)));
    }

    private static Delivery signed(String json, String secret) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        return new Delivery("/", body, Map.of("Content-Type", "application/json", "X-Hub-Signature-256",
                "sha256=" + Signatures.hmacSha256Hex(secret, body)));
    }

    private static String notification(String id, String sender, String text) {
        return "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"WABA\",\"changes\":[{\"field\":"
                + "\"messages\",\"value\":{\"messaging_product\":\"whatsapp\",\"contacts\":[{\"profile\":{\"name\":"
                + "\"Jonas Weber\"},\"wa_id\":\"" + sender + "\"}],\"messages\":[{\"from\":\"" + sender + "\",\"id\":\""
                + id + "\",\"timestamp\":\"1700000000\",\"type\":\"text\",\"text\":{\"body\":\"" + text + "\"}}]}}]}]}";
    }

    @Override
    Delivery message(String externalId, String sender, String text) {
        return signed(notification("wamid." + externalId, sender, text), APP_SECRET);
    }

    @Override
    Delivery forged(String externalId, String sender, String text) {
        return signed(notification("wamid." + externalId, sender, text), "other");
    }

    @Override
    Delivery malformed() {
        return signed("{not json", APP_SECRET);
    }

    @Override
    String senderId(String sender) {
        return "+" + sender;
    }

    @Override
    Response accepted() {
        return Response.json("{\"messaging_product\":\"whatsapp\",\"messages\":[{\"id\":\"wamid.OUT1\"}]}");
    }

    @Override
    void assertSent(FakeHttpServer.Request call, String sender, String text) throws Exception {
        assertEquals("/1055/messages", call.path());
        assertEquals("Bearer wa-token", call.header("Authorization"));
        JsonNode body = JSON.readTree(call.body());
        assertEquals(sender, body.get("to").asText());
        assertEquals(text, body.get("text").get("body").asText());
    }
}
