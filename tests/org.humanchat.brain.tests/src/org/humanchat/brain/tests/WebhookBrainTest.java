package org.humanchat.brain.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.humanchat.brain.api.BrainConnector;
import org.humanchat.brain.webhook.internal.WebhookBrain;
import org.humanchat.brain.webhook.internal.WebhookBrainConfig;
import org.humanchat.core.tests.Configs;
import org.humanchat.core.tests.FakeHttpServer;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class WebhookBrainTest extends HttpBrainContract {

    private static final String SECRET = "s3cret-for-tests";

    @Override
    BrainConnector connector(String baseUrl, long brainId, int timeoutMillis) {
        return new WebhookBrain(Configs.of(WebhookBrainConfig.class, Map.of("humanchat.brain.id", brainId,
                "url", baseUrl + "/humanchat", "secret", SECRET, "timeoutMillis", timeoutMillis,
                "retries", RETRIES, "backoffMillis", 10)));
    }

    @Override
    String helloAnswer() {
        return "{\"replies\":[{\"text\":\"Hello from the bot\",\"buttons\":[\"Yes\",\"No\"]}],\"action\":\"keep\"}";
    }

    @Override
    String handoverAnswer() {
        return "{\"replies\":[],\"action\":\"handover\",\"reason\":\"needs billing\"}";
    }

    @Test
    void requestsCarryTheHistoryAndAValidSignature() throws Exception {
        fake.answer(r -> FakeHttpServer.Response.json(helloAnswer()));
        long id = userWrites("Where is my parcel?");
        brains.settle();

        FakeHttpServer.Request request = fake.requests.get(0);
        assertEquals("/humanchat", request.path());
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        assertEquals("sha256=" + HexFormat.of().formatHex(mac.doFinal(request.body())),
                request.header("X-HumanChat-Signature"));
        JsonNode body = new ObjectMapper().readTree(request.body());
        assertEquals("message", body.get("event").asText());
        assertEquals(id, body.get("conversationId").asLong());
        assertEquals("whatsapp", body.get("channel").asText());
        assertEquals("Where is my parcel?", body.get("history").get(0).get("text").asText());
        assertEquals("END_USER", body.get("history").get(0).get("author").asText());
    }

    @Test
    void theBrainCanResolve() throws Exception {
        fake.answer(r -> FakeHttpServer.Response.json("{\"replies\":[{\"text\":\"Glad I could help\"}],\"action\":\"resolve\"}"));
        long id = userWrites("Thanks, that's all");
        brains.settle();
        assertEquals(java.util.List.of(id), tab(org.humanchat.api.model.InboxTab.CLOSED));
        assertEquals(java.util.List.of("Glad I could help"), brains.brainSaid(id));
    }

    @Test
    void anUnknownActionIsMalformed() throws Exception {
        fake.answer(r -> FakeHttpServer.Response.json("{\"action\":\"dance\"}"));
        long id = userWrites("Hello?");
        brains.settle();
        assertHandedOverBecauseUnavailable(id, "unknown action");
    }

    @Test
    void theBrainCanSendFilesAndAFileThatIsNotWhatItClaimsIsLeftOut() throws Exception {
        String pdf = java.util.Base64.getEncoder().encodeToString("%PDF-1.4 opening hours".getBytes(
                StandardCharsets.US_ASCII));
        String fake = java.util.Base64.getEncoder().encodeToString("<html>".getBytes(StandardCharsets.US_ASCII));
        this.fake.answer(r -> FakeHttpServer.Response.json("{\"replies\":[{\"text\":\"Here is the list\","
                + "\"files\":[{\"name\":\"hours.pdf\",\"mediaType\":\"application/pdf\",\"data\":\"" + pdf + "\"}]},"
                + "{\"files\":[{\"name\":\"map.png\",\"mediaType\":\"image/png\",\"data\":\"" + fake + "\"}]}],"
                + "\"action\":\"keep\"}"));
        long id = userWrites("When are you open?");
        brains.settle();

        var said = brains.desk.conversations.messages(id, 0, 50).stream()
                .filter(m -> m.authorKind() == org.humanchat.api.model.AuthorKind.BRAIN).toList();
        assertEquals(2, said.size());
        assertEquals("Here is the list", said.get(0).text());
        assertEquals("hours.pdf", said.get(0).attachments().get(0).name());
        assertEquals("application/pdf", said.get(0).attachments().get(0).mediaType());
        try (var in = brains.attachments.open(said.get(0).attachments().get(0).contentHash()).orElseThrow()) {
            assertEquals("%PDF-1.4 opening hours", new String(in.readAllBytes(), StandardCharsets.US_ASCII));
        }
        assertEquals("(map.png could not be sent)", said.get(1).text());
        assertEquals(0, said.get(1).attachments().size());
    }

    @Test
    void aFileThatIsNotBase64IsMalformed() throws Exception {
        fake.answer(r -> FakeHttpServer.Response.json("{\"replies\":[{\"text\":\"x\",\"files\":[{\"name\":\"a.pdf\","
                + "\"data\":\"%%%\"}]}]}"));
        long id = userWrites("Hello?");
        brains.settle();
        assertHandedOverBecauseUnavailable(id, "not base64");
    }
}
