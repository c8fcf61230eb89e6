package org.humanchat.channel.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.humanchat.channel.api.ChannelConnector;
import org.humanchat.channel.telegram.internal.TelegramChannel;
import org.humanchat.channel.telegram.internal.TelegramConfig;
import org.humanchat.core.tests.Configs;
import org.humanchat.core.tests.FakeHttpServer;
import org.humanchat.core.tests.FakeHttpServer.Response;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Telegram's Bot API: updates are POSTed with the webhook's secret token in
 * {@code X-Telegram-Bot-Api-Secret-Token}; replies go to {@code sendMessage} of the bot.
 */
class TelegramChannelContractTest extends ChannelConnectorContract {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SECRET_TOKEN = "tg-secret";

    @Override
    String type() {
        return "telegram";
    }

    @Override
    ChannelConnector connector(long channelId, String platformUrl) {
        return new TelegramChannel(Configs.of(TelegramConfig.class, Map.of("humanchat.channel.id", channelId,
                "botToken", "123:abc", "secretToken", SECRET_TOKEN, "apiBaseUrl", platformUrl)));
    }

    private static String update(String updateId, String sender, String text) {
        return "{\"update_id\":" + updateId + ",\"message\":{\"message_id\":7,\"from\":{\"id\":" + sender
                + ",\"first_name\":\"Lea\"},\"chat\":{\"id\":" + sender + ",\"type\":\"private\"},\"text\":\"" + text
                + "\"}}";
    }

    @Override
    Delivery message(String externalId, String sender, String text) {
        return Delivery.of("/", update(externalId, sender, text), Map.of("X-Telegram-Bot-Api-Secret-Token",
                SECRET_TOKEN, "Content-Type", "application/json"));
    }

    @Override
    Delivery forged(String externalId, String sender, String text) {
        return Delivery.of("/", update(externalId, sender, text), Map.of("X-Telegram-Bot-Api-Secret-Token", "nope",
                "Content-Type", "application/json"));
    }

    @Override
    Delivery malformed() {
        return Delivery.of("/", "{\"update_id\":", Map.of("X-Telegram-Bot-Api-Secret-Token", SECRET_TOKEN));
    }

    /**
     * A photo (Telegram sends its sizes; the largest is fetched) and a document, each fetched through getFile and
     * the file download as PlatformChannelsTest fetches them. The fake serves one file for every file_id.
     */
    @Override
    List<StoringRequest> otherStoringRequests() {
        platform.answer(call -> switch (call.path()) {
            case "/bot123:abc/getFile" -> Response.json("{\"ok\":true,\"result\":{\"file_path\":\"files/f1.gif\"}}");
            case "/file/bot123:abc/files/f1.gif" -> new Response(200, "GIF89a a small picture", 0);
            default -> new Response(404, "{}", 0);
        });
        String photo = "{\"update_id\":2001,\"message\":{\"message_id\":8,\"from\":{\"id\":4915100000011,"
                + "\"first_name\":\"Tom\"},\"chat\":{\"id\":4915100000011,\"type\":\"private\"},\"photo\":["
                + "{\"file_id\":\"P-small\",\"width\":90,\"height\":90},{\"file_id\":\"P-large\",\"width\":800,"
                + "\"height\":800}]}}";
        String document = "{\"update_id\":2002,\"message\":{\"message_id\":9,\"from\":{\"id\":4915100000012,"
                + "\"first_name\":\"Tom\"},\"chat\":{\"id\":4915100000012,\"type\":\"private\"},\"caption\":"
                + "\"my scan\",\"document\":{\"file_id\":\"F1\",\"file_name\":\"scan.gif\",\"mime_type\":"
                + "\"image/gif\"}}}";
        Map<String, String> headers = Map.of("X-Telegram-Bot-Api-Secret-Token", SECRET_TOKEN, "Content-Type",
                "application/json");
        return List.of(
                new StoringRequest("a photo", Delivery.of("/", photo, headers),
                        () -> hasInbound("4915100000011", m -> m.attachments().size() == 1)),
                new StoringRequest("a document", Delivery.of("/", document, headers),
                        () -> hasInbound("4915100000012", m -> m.attachments().size() == 1)));
    }

    @Override
    Response accepted() {
        return Response.json("{\"ok\":true,\"result\":{\"message_id\":99}}");
    }

    @Override
    void assertSent(FakeHttpServer.Request call, String sender, String text) throws Exception {
        assertEquals("/bot123:abc/sendMessage", call.path());
        JsonNode body = JSON.readTree(call.body());
        assertEquals(sender, body.get("chat_id").asText());
        assertEquals(text, body.get("text").asText());
    }
}
