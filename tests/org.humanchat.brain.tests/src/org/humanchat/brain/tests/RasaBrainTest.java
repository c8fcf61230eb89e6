package org.humanchat.brain.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.humanchat.brain.api.BrainConnector;
import org.humanchat.brain.rasa.internal.RasaBrain;
import org.humanchat.brain.rasa.internal.RasaBrainConfig;
import org.humanchat.core.tests.Configs;
import org.humanchat.core.tests.FakeHttpServer;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class RasaBrainTest extends HttpBrainContract {

    @Override
    BrainConnector connector(String baseUrl, long brainId, int timeoutMillis) {
        return new RasaBrain(Configs.of(RasaBrainConfig.class, Map.of("humanchat.brain.id", brainId,
                "baseUrl", baseUrl + "/", "timeoutMillis", timeoutMillis, "retries", RETRIES, "backoffMillis", 10)));
    }

    @Override
    String helloAnswer() {
        return "[{\"recipient_id\":\"x\",\"text\":\"Hello from the bot\","
                + "\"buttons\":[{\"title\":\"Yes\",\"payload\":\"/affirm\"},{\"title\":\"No\",\"payload\":\"/deny\"}]}]";
    }

    @Override
    String handoverAnswer() {
        return "[{\"recipient_id\":\"x\",\"custom\":{\"handover\":true,\"reason\":\"needs billing\"}}]";
    }

    @Test
    void postsSenderAndMessageToTheRestChannel() throws Exception {
        fake.answer(r -> FakeHttpServer.Response.json(helloAnswer()));
        long id = userWrites("hello rasa");
        brains.settle();

        FakeHttpServer.Request request = fake.requests.get(0);
        assertEquals("/webhooks/rest/webhook", request.path());
        JsonNode body = new ObjectMapper().readTree(request.body());
        assertEquals("humanchat-" + id, body.get("sender").asText());
        assertEquals("hello rasa", body.get("message").asText());
    }

    @Test
    void textsAndImagesBecomeReplies() throws Exception {
        fake.answer(r -> FakeHttpServer.Response.json("[{\"recipient_id\":\"x\",\"text\":\"Here is our map\"},"
                + "{\"recipient_id\":\"x\",\"image\":\"https://example.com/map.png\"}]"));
        long id = userWrites("where are you");
        brains.settle();
        assertEquals(List.of("Here is our map", "https://example.com/map.png"), brains.brainSaid(id));
    }

    @Test
    void anEmptyAnswerKeepsTheConversationQuietly() throws Exception {
        fake.answer(r -> FakeHttpServer.Response.json("[]"));
        long id = userWrites("...");
        brains.settle();
        assertEquals(List.of(), brains.brainSaid(id));
        assertEquals(List.of(id), tab(org.humanchat.api.model.InboxTab.BRAIN));
    }
}
