package org.humanchat.brain.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.humanchat.api.model.Brain;
import org.humanchat.api.model.InboxQuery;
import org.humanchat.api.model.InboxTab;
import org.humanchat.brain.api.BrainConnector;
import org.humanchat.core.tests.FakeHttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every HTTP Brain must do against its fake server: answer, and when the server is slow, failing, talking
 * nonsense or gone, hand the conversation to humans with "Brain unavailable" after its retries.
 */
abstract class HttpBrainContract {

    /**
     * The request timeout of every case but the one about timing out: a slow machine must not turn an answer into a
     * timeout. A case that times out on purpose runs a connector with {@link #SHORT_TIMEOUT_MILLIS}.
     */
    static final int TIMEOUT_MILLIS = 10_000;
    /** For the case about a slow Brain only: its fake answers 4 times later than this. */
    static final int SHORT_TIMEOUT_MILLIS = 300;
    static final int RETRIES = 2;

    @TempDir
    Path folder;
    BrainDesk brains;
    FakeHttpServer fake;
    Brain brain;

    /** The connector under test, talking to {@code baseUrl} with the given request timeout and the retries above. */
    abstract BrainConnector connector(String baseUrl, long brainId, int timeoutMillis);

    /** The connector under test with the generous timeout of the cases that are not about timing out. */
    BrainConnector connector(String baseUrl, long brainId) {
        return connector(baseUrl, brainId, TIMEOUT_MILLIS);
    }

    /** A normal answer: one reply "Hello from the bot" with buttons "Yes" and "No", keeping the conversation. */
    abstract String helloAnswer();

    /** An answer that asks for a human with reason "needs billing". */
    abstract String handoverAnswer();

    @BeforeEach
    void start() throws IOException {
        // The dispatcher's deadline stays above the connectors' tries (a slow Brain's 3 x 300 ms): the cases are about
        // what the connector does. BrainDeadlineTest is about the deadline.
        brains = new BrainDesk(folder, 20_000);
        fake = new FakeHttpServer();
        var desk = brains.desk;
        brain = desk.directory.createBrain(desk.production.id(), "Bot", "http", desk.ana.id());
        desk.directory.setDefaultBrain(desk.whatsapp.id(), brain.id(), desk.ana.id());
        brains.run(brain.id(), connector(fake.url(""), brain.id()));
    }

    @AfterEach
    void stop() {
        fake.close();
        brains.close();
    }

    long userWrites(String text) {
        return brains.desk.userWrites(brains.desk.whatsapp, "+4915100000042", text).conversationId();
    }

    List<Long> tab(InboxTab tab) {
        return brains.desk.inbox.page(InboxQuery.firstPage(tab, brains.desk.ana.id(), 100)).stream()
                .map(r -> r.conversation().id()).toList();
    }

    void assertHandedOverBecauseUnavailable(long id, String why) {
        assertEquals(List.of(id), tab(InboxTab.UNASSIGNED));
        assertTrue(brains.timeline(id).stream().anyMatch(t -> t.contains("Brain unavailable") && t.contains(why)),
                () -> "timeline " + brains.timeline(id));
    }

    @Test
    void answersAndKeepsTheConversation() throws Exception {
        fake.answer(r -> FakeHttpServer.Response.json(helloAnswer()));
        long id = userWrites("Hi there");
        brains.settle();
        assertEquals(List.of("Hello from the bot\n1. Yes\n2. No"), brains.brainSaid(id));
        assertEquals(List.of(id), tab(InboxTab.BRAIN));
        assertEquals(1, fake.requests.size());
    }

    @Test
    void handsOverWhenTheBrainAsks() throws Exception {
        fake.answer(r -> FakeHttpServer.Response.json(handoverAnswer()));
        long id = userWrites("I was charged twice");
        brains.settle();
        assertEquals(List.of(id), tab(InboxTab.UNASSIGNED));
        assertTrue(brains.timeline(id).contains("Bot handed over to humans: needs billing"), brains.timeline(id)::toString);
    }

    @Test
    void aSlowBrainIsRetriedThenHumansTakeOver() throws Exception {
        brains.run(brain.id(), connector(fake.url(""), brain.id(), SHORT_TIMEOUT_MILLIS)); // replaces the running one
        fake.answer(r -> new FakeHttpServer.Response(200, helloAnswer(), SHORT_TIMEOUT_MILLIS * 4L));
        long id = userWrites("Hello?");
        brains.settle();
        assertHandedOverBecauseUnavailable(id, "did not answer within " + SHORT_TIMEOUT_MILLIS + " ms");
        assertEquals(1 + RETRIES, fake.requests.size());
        assertEquals(List.of(), brains.brainSaid(id));
    }

    @Test
    void serverErrorsAreRetriedThenHumansTakeOver() throws Exception {
        fake.answer(r -> new FakeHttpServer.Response(503, "{\"error\":\"overloaded\"}", 0));
        long id = userWrites("Hello?");
        brains.settle();
        assertHandedOverBecauseUnavailable(id, "HTTP 503");
        assertEquals(1 + RETRIES, fake.requests.size());
    }

    @Test
    void aRecoveringBrainAnswersOnRetry() throws Exception {
        fake.answer(r -> fake.requests.size() == 1 ? new FakeHttpServer.Response(502, "", 0)
                : FakeHttpServer.Response.json(helloAnswer()));
        long id = userWrites("Hello?");
        brains.settle();
        assertEquals(List.of("Hello from the bot\n1. Yes\n2. No"), brains.brainSaid(id));
        assertEquals(2, fake.requests.size());
    }

    @Test
    void malformedAnswersHandOverWithoutRetry() throws Exception {
        fake.answer(r -> FakeHttpServer.Response.json("{\"replies\": [ this is not json"));
        long id = userWrites("Hello?");
        brains.settle();
        assertHandedOverBecauseUnavailable(id, "malformed JSON");
        assertEquals(1, fake.requests.size());
    }

    @Test
    void clientErrorsHandOverWithoutRetry() throws Exception {
        fake.answer(r -> new FakeHttpServer.Response(401, "{}", 0));
        long id = userWrites("Hello?");
        brains.settle();
        assertHandedOverBecauseUnavailable(id, "HTTP 401");
        assertEquals(1, fake.requests.size());
    }

    @Test
    void aRefusedConnectionHandsOver() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        brains.run(brain.id(), connector("http://127.0.0.1:" + closedPort, brain.id())); // replaces the running one
        long id = userWrites("Hello?");
        brains.settle();
        assertHandedOverBecauseUnavailable(id, "refused the connection");
    }

    @Test
    void anAnswerArrivingAfterAnAgentTookOverIsDropped() throws Exception {
        CountDownLatch answered = new CountDownLatch(1);
        CountDownLatch agentReplied = new CountDownLatch(1);
        BrainConnector http = connector(fake.url(""), brain.id());
        brains.run(brain.id(), request -> {
            var answer = http.answer(request);
            // The Brain has its answer in hand: it is held back until the agent replied.
            answered.countDown();
            try {
                if (!agentReplied.await(30, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("the test never let the Brain's answer go");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return answer;
        });
        fake.answer(r -> FakeHttpServer.Response.json(helloAnswer()));
        long id = userWrites("Hello?");
        assertTrue(answered.await(10, TimeUnit.SECONDS), "the Brain was asked and answered before the agent replied");
        assertEquals(1, fake.requests.size(), "the Brain's server got the request");
        brains.desk.conversations.reply(id, brains.desk.bob.id(), "Bob here", List.of(), false);
        agentReplied.countDown();
        brains.settle();
        assertEquals(List.of(), brains.brainSaid(id), "no Brain message after the agent took over");
        assertEquals(List.of(id), brains.desk.inbox.page(InboxQuery.firstPage(InboxTab.ME, brains.desk.bob.id(), 10))
                .stream().map(r -> r.conversation().id()).toList());
    }
}
