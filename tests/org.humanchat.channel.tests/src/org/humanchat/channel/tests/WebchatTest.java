package org.humanchat.channel.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.humanchat.api.model.Direction;
import org.humanchat.api.model.Message;
import org.humanchat.channel.api.ChannelConnector;
import org.humanchat.channel.webchat.internal.WebchatChannel;
import org.humanchat.channel.webchat.internal.WebchatConfig;
import org.humanchat.core.tests.Configs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The web chat channel over HTTP, as the widget uses it: sessions, writing, history, files, live replies, limits. */
class WebchatTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path folder;
    ChannelDesk channels;
    String base;

    @BeforeEach
    void start() throws Exception {
        channels = new ChannelDesk(folder, 64 * 1024, null, Map.of());
        long id = channels.desk.webchat.id();
        channels.channels.addConnector(new WebchatChannel(Configs.of(WebchatConfig.class, Map.of(
                "humanchat.channel.id", id, "sessionSecret", "0123456789abcdef-secret", "messagesPerMinute", 5))),
                Map.of(ChannelConnector.CHANNEL_ID, id));
        base = "/channels/" + id + "/";
    }

    @AfterEach
    void stop() throws Exception {
        channels.close();
    }

    private String session() throws Exception {
        var response = channels.post(base + "session", "{}".getBytes(StandardCharsets.UTF_8), Map.of());
        assertEquals(200, response.statusCode(), response.body());
        return JSON.readTree(response.body()).get("token").asText();
    }

    private HttpResponse<String> write(String token, String clientId, String text) throws Exception {
        byte[] body = JSON.writeValueAsBytes(Map.of("clientId", clientId, "text", text));
        return channels.post(base + "messages", body, Map.of("Authorization", "Bearer " + token,
                "Content-Type", "application/json"));
    }

    private JsonNode history(String token) throws Exception {
        var response = channels.http.send(HttpRequest.newBuilder(channels.uri(base + "history?after=0"))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return JSON.readTree(response.body()).get("messages");
    }

    private long conversationOf(String token) {
        return channels.desk.conversations.latestOf(channels.desk.webchat.id(), token.substring(0,
                token.lastIndexOf('.'))).orElseThrow().id();
    }

    @Test
    void servesTheWidgetAndADemoPage() throws Exception {
        var widget = channels.get(base + "widget.js");
        var demo = channels.get(base + "demo");
        assertEquals(200, widget.statusCode());
        assertTrue(widget.headers().firstValue("Content-Type").orElse("").startsWith("text/javascript"));
        assertTrue(widget.body().contains("hc-launcher"));
        assertEquals(200, demo.statusCode());
        assertTrue(demo.body().contains("<script src=\"widget.js\""));
    }

    @Test
    void aVisitorWritesAndReadsTheirOwnConversationOnly() throws Exception {
        String kim = session();
        String lee = session();

        var sent = write(kim, "c-1", "<b>Hi</b> & hello");
        assertEquals(200, sent.statusCode(), sent.body());
        var again = write(kim, "c-1", "<b>Hi</b> & hello");
        assertTrue(JSON.readTree(again.body()).get("duplicate").asBoolean(), "a resent message is stored once");

        JsonNode mine = history(kim);
        assertEquals(1, mine.size());
        assertEquals("<b>Hi</b> & hello", mine.get(0).get("text").asText(), "text stays text");
        assertTrue(mine.get(0).get("fromVisitor").asBoolean());
        assertEquals(0, history(lee).size(), "another visitor sees nothing of it");
        String forged = kim.substring(0, kim.lastIndexOf('.')) + ".0000";
        var refused = channels.http.send(HttpRequest.newBuilder(channels.uri(base + "history"))
                .header("Authorization", "Bearer " + forged).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(401, refused.statusCode());
        assertEquals(401, write("v-123.abc", "c-2", "Hi").statusCode());
    }

    @Test
    void aFloodIsAnswered429AndNotStored() throws Exception {
        String token = session();
        int accepted = 0;
        int refused = 0;
        for (int i = 0; i < 12; i++) {
            var r = write(token, "c-" + i, "Message " + i);
            if (r.statusCode() == 200) {
                accepted++;
            } else {
                assertEquals(429, r.statusCode());
                assertTrue(r.headers().firstValue("Retry-After").isPresent());
                refused++;
            }
        }
        assertEquals(5, accepted);
        assertEquals(7, refused);
        assertEquals(5, channels.messagesOf(conversationOf(token)).stream()
                .filter(m -> m.direction() == Direction.INBOUND).count());
    }

    @Test
    void agentRepliesArriveLiveOverServerSentEvents() throws Exception {
        String token = session();
        write(token, "c-1", "Is anyone there?");
        LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
        CompletableFuture<HttpResponse<Void>> stream = channels.http.sendAsync(
                HttpRequest.newBuilder(channels.uri(base + "events?token=" + token)).build(),
                HttpResponse.BodyHandlers.ofLines()).thenApplyAsync(r -> { // not on this thread, which polls
                    r.body().forEach(lines::add);
                    return null;
                });
        try {
            assertEquals(": connected", lines.poll(10, TimeUnit.SECONDS));
            Message reply = channels.desk.conversations.reply(conversationOf(token), channels.desk.ana.id(),
                    "Yes! <script>alert(1)</script>", List.of(), false);
            String event = null;
            for (String line; (line = lines.poll(10, TimeUnit.SECONDS)) != null;) {
                if (line.startsWith("data: ")) {
                    event = line.substring(6);
                    break;
                }
            }
            JsonNode pushed = JSON.readTree(event);
            assertEquals(reply.id(), pushed.get("id").asLong());
            assertEquals("Yes! <script>alert(1)</script>", pushed.get("text").asText());
            assertEquals("Ana", pushed.get("author").asText());
            channels.settleOutbox();
        } finally {
            stream.cancel(true);
        }
    }

    @Test
    void filesAreUploadedAndOnlyTheirOwnerCanDownloadThem() throws Exception {
        String kim = session();
        String lee = session();
        byte[] pdf = "%PDF-1.4 a tiny pdf".getBytes(StandardCharsets.US_ASCII);
        var upload = channels.post(base + "files?name=invoice%20march.pdf", pdf, Map.of(
                "Authorization", "Bearer " + kim, "Content-Type", "application/pdf", "X-Client-Id", "f-1"));
        assertEquals(200, upload.statusCode(), upload.body());

        JsonNode file = history(kim).get(0).get("files").get(0);
        assertEquals("invoice march.pdf", file.get("name").asText());
        var download = channels.http.send(HttpRequest.newBuilder(channels.uri(base + file.get("url").asText()
                + "?token=" + kim)).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, download.statusCode());
        assertEquals(new String(pdf, StandardCharsets.US_ASCII), new String(download.body(), StandardCharsets.US_ASCII));
        assertTrue(download.headers().firstValue("Content-Disposition").orElse("").startsWith("attachment"));
        var stolen = channels.http.send(HttpRequest.newBuilder(channels.uri(base + file.get("url").asText()
                + "?token=" + lee)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(404, stolen.statusCode());

        var fake = channels.post(base + "files?name=x.png", "GIF89a".getBytes(StandardCharsets.US_ASCII), Map.of(
                "Authorization", "Bearer " + kim, "Content-Type", "image/png", "X-Client-Id", "f-2"));
        assertEquals(415, fake.statusCode());
        var big = channels.post(base + "files?name=big.bin", new byte[70 * 1024], Map.of(
                "Authorization", "Bearer " + kim, "Content-Type", "application/octet-stream", "X-Client-Id", "f-3"));
        assertEquals(413, big.statusCode());
    }
}
