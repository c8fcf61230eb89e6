package org.humanchat.channel.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.humanchat.api.model.Channel;
import org.humanchat.api.model.Conversation;
import org.humanchat.api.model.DeliveryState;
import org.humanchat.api.model.Direction;
import org.humanchat.api.model.Message;
import org.humanchat.channel.messenger.internal.MessengerChannel;
import org.humanchat.channel.messenger.internal.MessengerConfig;
import org.humanchat.channel.support.Signatures;
import org.humanchat.channel.telegram.internal.TelegramChannel;
import org.humanchat.channel.telegram.internal.TelegramConfig;
import org.humanchat.channel.whatsapp.internal.WhatsAppChannel;
import org.humanchat.channel.whatsapp.internal.WhatsAppConfig;
import org.humanchat.core.tests.Configs;
import org.humanchat.core.tests.FakeHttpServer.Response;
import org.humanchat.core.tests.FakeHttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Telegram, WhatsApp and Messenger against a fake of their APIs on 127.0.0.1 that records what it gets and answers
 * as the real ones do: inbound webhooks (signatures, verification, redeliveries, media) and outbound messages
 * (text, files, errors, rate limits, status callbacks).
 */
class PlatformChannelsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PDF = "%PDF-1.4 a small invoice";

    @TempDir
    Path folder;
    FakeHttpServer platform;
    ChannelDesk channels;

    @BeforeEach
    void start() throws Exception {
        platform = new FakeHttpServer();
        channels = new ChannelDesk(folder, 1024 * 1024, null, Map.of("backoffMillis", 20L, "maxAttempts", 3));
    }

    @AfterEach
    void stop() throws Exception {
        channels.close();
        platform.close();
    }

    private HttpResponse<String> post(Channel channel, String json, Map<String, String> headers) throws Exception {
        return channels.post("/channels/" + channel.id() + "/", json.getBytes(StandardCharsets.UTF_8), headers);
    }

    private List<Message> inbound(Channel channel, String sender) {
        Conversation c = channels.desk.conversations.latestOf(channel.id(), sender).orElseThrow();
        return channels.messagesOf(c.id()).stream().filter(m -> m.direction() == Direction.INBOUND).toList();
    }

    private Message reply(Channel channel, String sender, String text) throws InterruptedException {
        Conversation c = channels.desk.conversations.latestOf(channel.id(), sender).orElseThrow();
        Message reply = channels.desk.conversations.reply(c.id(), channels.desk.ana.id(), text, List.of(), true);
        channels.settleOutbox();
        return channels.reloaded(reply);
    }

    private List<FakeHttpServer.Request> calls(String path) {
        return platform.requests.stream().filter(r -> r.path().equals(path)).toList();
    }

    // --- Telegram ---------------------------------------------------------------------------------------------

    private Channel telegram() {
        return channels.run("telegram", id -> new TelegramChannel(Configs.of(TelegramConfig.class, Map.of(
                "humanchat.channel.id", id, "botToken", "123:abc", "secretToken", "tg-secret",
                "apiBaseUrl", platform.url("")))));
    }

    private static String telegramText(long updateId, String text) {
        return "{\"update_id\":" + updateId + ",\"message\":{\"message_id\":7,\"from\":{\"id\":42,\"first_name\":\"Lea\","
                + "\"last_name\":\"Fischer\"},\"chat\":{\"id\":42,\"type\":\"private\"},\"text\":\"" + text + "\"}}";
    }

    @Test
    void telegramUpdatesAreCheckedStoredOnceAndAnsweredWithSendMessage() throws Exception {
        Channel tg = telegram();
        Map<String, String> secret = Map.of("X-Telegram-Bot-Api-Secret-Token", "tg-secret");

        assertEquals(200, post(tg, telegramText(1001, "Hallo"), secret).statusCode());
        assertEquals(200, post(tg, telegramText(1001, "Hallo"), secret).statusCode(), "a redelivery");
        assertEquals(401, post(tg, telegramText(1002, "Hi"), Map.of("X-Telegram-Bot-Api-Secret-Token", "nope"))
                .statusCode());
        assertEquals(400, post(tg, "{\"update_id\":", secret).statusCode());
        assertEquals(200, post(tg, "{\"update_id\":1003,\"edited_message\":{}}", secret).statusCode());

        List<Message> in = inbound(tg, "42");
        assertEquals(1, in.size());
        assertEquals("Hallo", in.get(0).text());
        assertEquals("Lea Fischer", channels.desk.contacts.find(channels.desk.conversations
                .find(in.get(0).conversationId()).orElseThrow().contactId()).orElseThrow().name());

        platform.answer(r -> Response.json("{\"ok\":true,\"result\":{\"message_id\":99}}"));
        Message sent = reply(tg, "42", "Hi Lea!");
        assertEquals(DeliveryState.SENT, sent.deliveryState());
        JsonNode body = JSON.readTree(calls("/bot123:abc/sendMessage").get(0).body());
        assertEquals("42", body.get("chat_id").asText());
        assertEquals("Hi Lea!", body.get("text").asText());
    }

    @Test
    void telegramDocumentsAreFetchedAndRateLimitsRetried() throws Exception {
        Channel tg = telegram();
        platform.answer(r -> switch (r.path()) {
            case "/bot123:abc/getFile" -> Response.json("{\"ok\":true,\"result\":{\"file_path\":\"documents/f1.pdf\"}}");
            case "/file/bot123:abc/documents/f1.pdf" -> new Response(200, PDF, 0);
            default -> new Response(404, "{}", 0);
        });
        String update = "{\"update_id\":2001,\"message\":{\"message_id\":8,\"from\":{\"id\":43,\"first_name\":\"Tom\"},"
                + "\"chat\":{\"id\":43},\"caption\":\"my invoice\",\"document\":{\"file_id\":\"F1\","
                + "\"file_name\":\"invoice.pdf\",\"mime_type\":\"application/pdf\"}}}";
        assertEquals(200, post(tg, update, Map.of("X-Telegram-Bot-Api-Secret-Token", "tg-secret")).statusCode());
        Message in = inbound(tg, "43").get(0);
        assertEquals("my invoice", in.text());
        assertEquals("invoice.pdf", in.attachments().get(0).name());
        assertEquals("application/pdf", in.attachments().get(0).mediaType());
        assertEquals(PDF.length(), in.attachments().get(0).size());

        int[] calls = { 0 };
        platform.answer(r -> ++calls[0] == 1
                ? new Response(429, "{\"ok\":false,\"error_code\":429,\"description\":\"Too Many Requests: retry after 1\","
                        + "\"parameters\":{\"retry_after\":1}}", 0)
                : Response.json("{\"ok\":true,\"result\":{\"message_id\":100}}"));
        long start = System.nanoTime();
        Message sent = reply(tg, "43", "Thanks Tom");
        assertEquals(DeliveryState.SENT, sent.deliveryState());
        assertTrue(System.nanoTime() - start >= 900_000_000L, "waited for retry_after");
    }

    // --- WhatsApp ---------------------------------------------------------------------------------------------

    private Channel whatsapp() {
        return channels.run("whatsapp", id -> new WhatsAppChannel(Configs.of(WhatsAppConfig.class, Map.of(
                "humanchat.channel.id", id, "phoneNumberId", "1055", "accessToken", "wa-token", "appSecret",
                "wa-app-secret", "verifyToken", "wa-verify", "apiBaseUrl", platform.url("")))));
    }

    private HttpResponse<String> postSignedWhatsApp(Channel channel, String json) throws Exception {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        return channels.post("/channels/" + channel.id() + "/", body, Map.of("X-Hub-Signature-256",
                "sha256=" + Signatures.hmacSha256Hex("wa-app-secret", body)));
    }

    private static String whatsAppMessage(String id, String message) {
        return "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"WABA\",\"changes\":[{\"field\":"
                + "\"messages\",\"value\":{\"messaging_product\":\"whatsapp\",\"contacts\":[{\"profile\":{\"name\":"
                + "\"Jonas Weber\"},\"wa_id\":\"4915112345678\"}],\"messages\":[{\"from\":\"4915112345678\",\"id\":\""
                + id + "\",\"timestamp\":\"1700000000\"," + message + "}]}}]}]}";
    }

    @Test
    void whatsAppVerifiesItsWebhookAndStoresSignedMessagesOnce() throws Exception {
        Channel wa = whatsapp();
        String path = "/channels/" + wa.id() + "/?hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token=";
        var verified = channels.get(path + "wa-verify");
        assertEquals(200, verified.statusCode());
        assertEquals("1158201444", verified.body());
        assertEquals(403, channels.get(path + "wrong").statusCode());

        String text = whatsAppMessage("wamid.IN1", "\"type\":\"text\",\"text\":{\"body\":\"Where is my parcel?\"}");
        assertEquals(200, postSignedWhatsApp(wa, text).statusCode());
        assertEquals(200, postSignedWhatsApp(wa, text).statusCode(), "a redelivery");
        assertEquals(401, channels.post("/channels/" + wa.id() + "/", text.getBytes(StandardCharsets.UTF_8),
                Map.of("X-Hub-Signature-256", "sha256=" + Signatures.hmacSha256Hex("other", text.getBytes(
                        StandardCharsets.UTF_8)))).statusCode());
        List<Message> in = inbound(wa, "+4915112345678");
        assertEquals(1, in.size());
        assertEquals("Where is my parcel?", in.get(0).text());

        platform.answer(r -> switch (r.path()) {
            case "/MEDIA1" -> Response.json("{\"url\":\"" + platform.url("/download/MEDIA1") + "\",\"mime_type\":"
                    + "\"application/pdf\"}");
            case "/download/MEDIA1" -> "Bearer wa-token".equals(r.header("Authorization")) ? new Response(200, PDF, 0)
                    : new Response(401, "{}", 0);
            default -> new Response(404, "{}", 0);
        });
        assertEquals(200, postSignedWhatsApp(wa, whatsAppMessage("wamid.IN2", "\"type\":\"document\",\"document\":"
                + "{\"id\":\"MEDIA1\",\"filename\":\"receipt.pdf\",\"mime_type\":\"application/pdf\"}")).statusCode());
        Message withFile = inbound(wa, "+4915112345678").get(1);
        assertEquals("receipt.pdf", withFile.attachments().get(0).name());
        assertEquals(PDF.length(), withFile.attachments().get(0).size());
    }

    @Test
    void whatsAppRepliesGoThroughTheCloudApiAndStatusCallbacksUpdateThem() throws Exception {
        Channel wa = whatsapp();
        postSignedWhatsApp(wa, whatsAppMessage("wamid.IN3", "\"type\":\"text\",\"text\":{\"body\":\"Hello\"}"));
        platform.answer(r -> Response.json("{\"messaging_product\":\"whatsapp\",\"contacts\":[{\"input\":"
                + "\"4915112345678\",\"wa_id\":\"4915112345678\"}],\"messages\":[{\"id\":\"wamid.OUT1\"}]}"));

        Message sent = reply(wa, "+4915112345678", "Your parcel arrives tomorrow");
        assertEquals(DeliveryState.SENT, sent.deliveryState());
        FakeHttpServer.Request call = calls("/1055/messages").get(0);
        assertEquals("Bearer wa-token", call.header("Authorization"));
        JsonNode body = JSON.readTree(call.body());
        assertEquals("4915112345678", body.get("to").asText());
        assertEquals("Your parcel arrives tomorrow", body.get("text").get("body").asText());

        String failed = "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"changes\":[{\"field\":\"messages\","
                + "\"value\":{\"statuses\":[{\"id\":\"wamid.OUT1\",\"status\":\"failed\",\"recipient_id\":"
                + "\"4915112345678\",\"errors\":[{\"code\":131047,\"title\":\"Re-engagement message\"}]}]}}]}]}";
        assertEquals(200, postSignedWhatsApp(wa, failed).statusCode());
        Message after = channels.reloaded(sent);
        assertEquals(DeliveryState.FAILED, after.deliveryState());
        assertEquals("WhatsApp: 131047 Re-engagement message", after.deliveryError());

        platform.answer(r -> new Response(400, "{\"error\":{\"message\":\"(#100) Invalid parameter\"}}", 0));
        Message refused = reply(wa, "+4915112345678", "Hello?");
        assertEquals(DeliveryState.FAILED, refused.deliveryState());
        assertTrue(refused.deliveryError().contains("Invalid parameter"), refused.deliveryError());
    }

    @Test
    void filesGoOutAsUploadsToWhatsAppAndDocumentsToTelegram() throws Exception {
        org.humanchat.api.model.Attachment invoice = channels.attachments.store("invoice.pdf", "application/pdf",
                new java.io.ByteArrayInputStream(PDF.getBytes(StandardCharsets.US_ASCII)));
        Channel wa = whatsapp();
        postSignedWhatsApp(wa, whatsAppMessage("wamid.IN4", "\"type\":\"text\",\"text\":{\"body\":\"Invoice?\"}"));
        platform.answer(r -> r.path().equals("/1055/media") ? Response.json("{\"id\":\"MEDIA-OUT\"}")
                : Response.json("{\"messages\":[{\"id\":\"wamid.OUT2\"}]}"));
        Conversation c = channels.desk.conversations.latestOf(wa.id(), "+4915112345678").orElseThrow();
        Message sent = channels.desk.conversations.reply(c.id(), channels.desk.ana.id(), "", List.of(invoice), true);
        channels.settleOutbox();
        assertEquals(DeliveryState.SENT, channels.reloaded(sent).deliveryState());
        assertTrue(calls("/1055/media").get(0).bodyText().contains(PDF), "the file is uploaded");
        JsonNode document = JSON.readTree(calls("/1055/messages").get(0).body());
        assertEquals("document", document.get("type").asText());
        assertEquals("MEDIA-OUT", document.get("document").get("id").asText());
        assertEquals("invoice.pdf", document.get("document").get("filename").asText());

        Channel tg = telegram();
        post(tg, telegramText(3001, "Invoice please"), Map.of("X-Telegram-Bot-Api-Secret-Token", "tg-secret"));
        platform.answer(r -> Response.json("{\"ok\":true,\"result\":{\"message_id\":5}}"));
        Conversation t = channels.desk.conversations.latestOf(tg.id(), "42").orElseThrow();
        Message doc = channels.desk.conversations.reply(t.id(), channels.desk.ana.id(), "", List.of(invoice), true);
        channels.settleOutbox();
        assertEquals(DeliveryState.SENT, channels.reloaded(doc).deliveryState());
        FakeHttpServer.Request upload = calls("/bot123:abc/sendDocument").get(0);
        assertTrue(upload.header("Content-Type").startsWith("multipart/form-data; boundary="));
        assertTrue(upload.bodyText().contains("filename=\"invoice.pdf\"") && upload.bodyText().contains(PDF));
    }

    // --- Messenger --------------------------------------------------------------------------------------------

    private Channel messenger() {
        return channels.run("messenger", id -> new MessengerChannel(Configs.of(MessengerConfig.class, Map.of(
                "humanchat.channel.id", id, "pageAccessToken", "page-token", "appSecret", "fb-secret",
                "verifyToken", "fb-verify", "apiBaseUrl", platform.url("")))));
    }

    @Test
    void messengerVerifiesStoresByMidIgnoresEchoesAndAnswersWithTheSendApi() throws Exception {
        Channel fb = messenger();
        assertEquals("abc", channels.get("/channels/" + fb.id() + "/?hub.mode=subscribe&hub.challenge=abc"
                + "&hub.verify_token=" + URLEncoder.encode("fb-verify", StandardCharsets.UTF_8)).body());
        String event = "{\"object\":\"page\",\"entry\":[{\"id\":\"PAGE\",\"time\":1,\"messaging\":["
                + "{\"sender\":{\"id\":\"PSID-7\"},\"recipient\":{\"id\":\"PAGE\"},\"timestamp\":1,"
                + "\"message\":{\"mid\":\"m_1\",\"text\":\"Do you ship to Italy?\"}},"
                + "{\"sender\":{\"id\":\"PAGE\"},\"recipient\":{\"id\":\"PSID-7\"},\"timestamp\":2,"
                + "\"message\":{\"mid\":\"m_2\",\"is_echo\":true,\"text\":\"an echo of the page's own message\"}}]}]}";
        byte[] body = event.getBytes(StandardCharsets.UTF_8);
        Map<String, String> signed = Map.of("X-Hub-Signature-256", "sha256=" + Signatures.hmacSha256Hex("fb-secret",
                body));
        assertEquals(200, channels.post("/channels/" + fb.id() + "/", body, signed).statusCode());
        assertEquals(200, channels.post("/channels/" + fb.id() + "/", body, signed).statusCode(), "a redelivery");
        assertEquals(401, channels.post("/channels/" + fb.id() + "/", body, Map.of()).statusCode());
        List<Message> in = inbound(fb, "PSID-7");
        assertEquals(1, in.size());
        assertEquals("Do you ship to Italy?", in.get(0).text());

        platform.answer(r -> Response.json("{\"recipient_id\":\"PSID-7\",\"message_id\":\"m_OUT\"}"));
        Message sent = reply(fb, "PSID-7", "Yes, in 3 to 5 days");
        assertEquals(DeliveryState.SENT, sent.deliveryState());
        FakeHttpServer.Request call = calls("/me/messages").get(0);
        assertEquals("Bearer page-token", call.header("Authorization"));
        JsonNode out = JSON.readTree(call.body());
        assertEquals("PSID-7", out.get("recipient").get("id").asText());
        assertEquals("Yes, in 3 to 5 days", out.get("message").get("text").asText());
        assertNull(sent.deliveryError());
    }
}
