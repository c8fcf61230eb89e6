package org.humanchat.brain.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.humanchat.api.model.Assignee;
import org.humanchat.api.model.Direction;
import org.humanchat.api.model.InboxQuery;
import org.humanchat.api.model.InboxTab;
import org.humanchat.api.model.Message;
import org.humanchat.brain.api.BrainAnswer;
import org.humanchat.brain.api.BrainConnector;
import org.humanchat.brain.api.BrainReply;
import org.humanchat.brain.api.BrainRequest;
import org.humanchat.brain.runtime.internal.DispatcherConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dispatcher's own deadline on a Brain that never answers: not a connector's HTTP timeout (the HTTP Brains' cases
 * time out in their connectors first), but a Brain whose call simply does not return. The end user is never left
 * waiting: humans take over, or with Human Chat off the fallback text is sent.
 */
class BrainDeadlineTest {

    /** Short, so that the case is quick; the hanging Brain would wait {@link #HANG_SECONDS} for nothing. */
    private static final long DEADLINE_MILLIS = 500;
    private static final long HANG_SECONDS = 60;

    @TempDir
    Path folder;
    BrainDesk brains;
    /** Counted down when the Brain was called, and when its call was interrupted (the dispatcher gave up on it). */
    final CountDownLatch called = new CountDownLatch(1);
    final CountDownLatch interrupted = new CountDownLatch(1);
    /** Never released while a case runs: the Brain does not answer. */
    final CountDownLatch never = new CountDownLatch(1);

    @BeforeEach
    void start() {
        brains = new BrainDesk(folder, DEADLINE_MILLIS);
        brains.run(brains.desk.rules.id(), new BrainConnector() {
            @Override
            public BrainAnswer answer(BrainRequest request) {
                called.countDown();
                try {
                    never.await(HANG_SECONDS, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    interrupted.countDown();
                    Thread.currentThread().interrupt();
                }
                return BrainAnswer.keep(BrainReply.text("too late"));
            }
        });
    }

    @AfterEach
    void stop() {
        never.countDown();
        brains.close();
    }

    private List<Long> tab(InboxTab tab) {
        return brains.desk.inbox.page(InboxQuery.firstPage(tab, brains.desk.ana.id(), 100)).stream()
                .map(r -> r.conversation().id()).toList();
    }

    @Test
    void aBrainThatDoesNotAnswerWithinTheDeadlineIsLeftAndHumansTakeOver() throws Exception {
        var desk = brains.desk;
        long id = desk.userWrites(desk.webchat, "visitor", "Hello?").conversationId();

        assertTrue(called.await(30, TimeUnit.SECONDS), "the Brain was not called");
        brains.settle(); // returns only once the dispatcher has given up on the Brain and applied what follows

        assertEquals(List.of(id), tab(InboxTab.UNASSIGNED));
        assertEquals(Assignee.NOBODY, desk.conversations.find(id).orElseThrow().assignee());
        assertTrue(brains.timeline(id).contains("Rules handed over to humans: Brain unavailable: Rules did not answer"
                + " in time"), () -> "timeline " + brains.timeline(id));
        assertEquals(List.of(), brains.brainSaid(id), "nothing from the Brain");
        assertTrue(interrupted.await(30, TimeUnit.SECONDS), "the Brain's call goes on after the deadline");
    }

    @Test
    void withHumanChatOffTheUserGetsTheFallbackTextWhenTheBrainDoesNotAnswerInTime() throws Exception {
        var desk = brains.desk;
        desk.directory.setHumanChatEnabled(desk.production.id(), false, desk.ana.id());
        long id = desk.userWrites(desk.webchat, "visitor", "Hello?").conversationId();

        assertTrue(called.await(30, TimeUnit.SECONDS), "the Brain was not called");
        brains.settle();

        assertEquals(List.of(id), tab(InboxTab.BRAIN), "no human is asked: Human Chat is off");
        assertEquals(List.of(), tab(InboxTab.UNASSIGNED));
        Message last = desk.conversations.messages(id, 0, 100).stream()
                .filter(m -> m.direction() == Direction.OUTBOUND).reduce((a, b) -> b).orElseThrow();
        assertEquals(desk.production.fallbackText(), last.text());
        assertTrue(brains.timeline(id).stream().anyMatch(t -> t.startsWith("Rules asked for a human (Brain "
                + "unavailable: Rules did not answer in time), but Human Chat is off")),
                () -> "timeline " + brains.timeline(id));
    }

    /** The deadline the README gives ("deadline 20 s, PID org.humanchat.brain.runtime") is the one in force. */
    @Test
    void theDeadlineIsTwentySecondsUnlessConfigured() throws Exception {
        assertEquals(20_000L, DispatcherConfig.class.getMethod("deadlineMillis").getDefaultValue());
    }
}
