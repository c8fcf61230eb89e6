package org.humanchat.channel.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.humanchat.api.model.DeliveryState;
import org.humanchat.api.model.Message;
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

    /**
     * A status callback that reports a sent reply failed, and a document (its URL asked of the Graph API, then
     * downloaded with the token, as PlatformChannelsTest fetches it).
     */
    @Override
    List<StoringRequest> otherStoringRequests() throws Exception {
        platform.answer(call -> switch (call.path()) {
            case "/MEDIA1" -> Response.json("{\"url\":\"" + platform.url("/download/MEDIA1") + "\",\"mime_type\":"
                    + "\"application/pdf\"}");
            case "/download/MEDIA1" -> new Response(200, "%PDF-1.4 a small receipt", 0);
            case "/1055/messages" -> accepted();
            default -> new Response(404, "{}", 0);
        });
        String withFile = "4915100000011";
        String document = "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"WABA\",\"changes\":[{"
                + "\"field\":\"messages\",\"value\":{\"messaging_product\":\"whatsapp\",\"contacts\":[{\"profile\":"
                + "{\"name\":\"Jonas Weber\"},\"wa_id\":\"" + withFile + "\"}],\"messages\":[{\"from\":\"" + withFile
                + "\",\"id\":\"wamid.1011\",\"timestamp\":\"1700000000\",\"type\":\"document\",\"document\":{\"id\":"
                + "\"MEDIA1\",\"filename\":\"receipt.pdf\",\"mime_type\":\"application/pdf\"}}]}}]}]}";

        String replied = "4915100000012";
        deliverAccepted("1012", replied, "Where is my parcel?");
        Message reply = reply(replied, "It arrives tomorrow");
        channels.settleOutbox();
        assertEquals(DeliveryState.SENT, channels.reloaded(reply).deliveryState());
        String failed = "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"changes\":[{\"field\":\"messages\","
                + "\"value\":{\"statuses\":[{\"id\":\"wamid.OUT1\",\"status\":\"failed\",\"recipient_id\":\""
                + replied + "\",\"errors\":[{\"code\":131047,\"title\":\"Re-engagement message\"}]}]}}]}]}";
        return List.of(
                new StoringRequest("a status callback", signed(failed, APP_SECRET),
                        () -> channels.reloaded(reply).deliveryState() == DeliveryState.FAILED),
                new StoringRequest("a document", signed(document, APP_SECRET),
                        () -> hasInbound(withFile, m -> m.attachments().size() == 1)));
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
