package org.humanchat.channel.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
