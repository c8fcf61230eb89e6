package org.humanchat.core.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.humanchat.api.model.Agent;
import org.humanchat.api.model.AgentRole;
import org.humanchat.api.model.Assignee;
import org.humanchat.api.model.AuthorKind;
import org.humanchat.api.model.InboundResult;
import org.humanchat.api.model.InboxQuery;
import org.humanchat.api.model.InboxTab;
import org.humanchat.api.service.ConversationOwnedException;
import org.humanchat.api.service.HumanChatException;
import org.humanchat.api.service.PermissionDeniedException;
import org.humanchat.core.internal.ConversationRules;
import org.humanchat.persistence.internal.DatabaseSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Agents and channels acting on the same conversations at the same moment, many rounds over. */
abstract class ConcurrencyContract {

    private static final int ROUNDS = 25;

    Desk desk;
    List<Agent> agents;
    ExecutorService pool;

    abstract DatabaseSettings database();

    @BeforeEach
    void openDesk() {
        desk = new Desk(database());
        agents = new ArrayList<>(List.of(desk.ana, desk.bob));
        for (String name : List.of("Chen", "Dana", "Eli", "Femi")) {
            // two supervisors (who may take over a colleague's conversation) and two agents (who may not)
            AgentRole role = name.compareTo("E") < 0 ? AgentRole.SUPERVISOR : AgentRole.AGENT;
            agents.add(desk.directory.createAgent(name, name.toLowerCase() + "@example.com", role, desk.ana.id()));
        }
        pool = Executors.newFixedThreadPool(agents.size());
    }

    @AfterEach
    void closeDesk() throws InterruptedException {
        pool.shutdownNow();
        pool.awaitTermination(10, TimeUnit.SECONDS);
        if (desk != null) {
            desk.close();
        }
    }

    /** Runs all tasks at once (released together) and returns their outcomes: a value or the exception. */
    private <T> List<Object> atOnce(List<Callable<T>> tasks) throws InterruptedException {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<T>> futures = new ArrayList<>();
        for (Callable<T> task : tasks) {
            futures.add(pool.submit(() -> {
                start.await();
                return task.call();
            }));
        }
        start.countDown();
        List<Object> outcomes = new ArrayList<>();
        for (Future<T> f : futures) {
            try {
                outcomes.add(f.get(60, TimeUnit.SECONDS));
            } catch (ExecutionException e) {
                outcomes.add(e.getCause());
            } catch (java.util.concurrent.TimeoutException e) {
                throw new AssertionError("A concurrent task did not finish within 60 s", e);
            }
        }
        return outcomes;
    }

    @Test
    void whenAllAgentsAnswerAWaitingConversationAtOnceExactlyOneOwnsIt() throws InterruptedException {
        for (int round = 0; round < ROUNDS; round++) {
            long id = desk.userWrites(desk.whatsapp, "+49151000" + (10_000 + round), "Help!").conversationId();
            List<Callable<Object>> replies = new ArrayList<>();
            for (Agent agent : agents) {
                replies.add(() -> desk.conversations.reply(id, agent.id(), "I'm on it, " + agent.name(), List.of(),
                        false));
            }

            List<Object> outcomes = atOnce(replies);

            long accepted = outcomes.stream().filter(o -> !(o instanceof Throwable)).count();
            List<Object> refused = outcomes.stream().filter(o -> o instanceof Throwable).toList();
            assertEquals(1, accepted, "round " + round + ": " + outcomes);
            for (int i = 0; i < outcomes.size(); i++) {
                if (outcomes.get(i) instanceof Throwable r) {
                    // a supervisor is offered the take-over; an agent may not take a colleague's conversation
                    assertEquals(agents.get(i).supervises() ? ConversationOwnedException.class
                            : PermissionDeniedException.class, r.getClass(), "round " + round);
                }
            }
            var owner = desk.conversations.find(id).orElseThrow().assignee();
            var agentMessages = desk.conversations.messages(id, 0, 100).stream()
                    .filter(m -> m.authorKind() == AuthorKind.AGENT).toList();
            assertEquals(1, agentMessages.size());
            assertEquals(owner, Assignee.agent(agentMessages.get(0).authorId()));
        }
        assertCountsMatchRows();
    }

    @Test
    void takeOversAtOnceLoseNoReply() throws InterruptedException {
        long id = desk.userWrites(desk.whatsapp, "+4915100099999", "Anyone?").conversationId();
        List<Agent> supervisors = agents.stream().filter(Agent::supervises).toList();
        for (int round = 0; round < ROUNDS; round++) {
            List<Callable<Object>> replies = new ArrayList<>();
            for (Agent agent : supervisors) {
                replies.add(() -> desk.conversations.reply(id, agent.id(), "round reply", List.of(), true));
            }
            atOnce(replies).forEach(o -> {
                if (o instanceof Throwable t) {
                    throw new AssertionError("A take-over reply failed", t);
                }
            });
        }
        long stored = desk.conversations.messages(id, 0, 1000).stream()
                .filter(m -> m.authorKind() == AuthorKind.AGENT).count();
        assertEquals((long) ROUNDS * supervisors.size(), stored);
        assertCountsMatchRows();
    }

    @Test
    void concurrentRedeliveriesOfOneMessageStoreItOnce() throws InterruptedException {
        for (int round = 0; round < ROUNDS; round++) {
            String sender = "+49152000" + (10_000 + round);
            String externalId = "wamid.race." + round;
            List<Callable<InboundResult>> deliveries = new ArrayList<>();
            for (int i = 0; i < agents.size(); i++) {
                deliveries.add(() -> desk.conversations.receive(Desk.inbound(desk.whatsapp, sender, externalId, "Hi")));
            }

            List<Object> outcomes = atOnce(deliveries);

            outcomes.forEach(o -> {
                if (o instanceof Throwable t) {
                    throw new AssertionError("A redelivery failed", t);
                }
            });
            long fresh = outcomes.stream().map(InboundResult.class::cast).filter(r -> !r.duplicate()).count();
            assertEquals(1, fresh, "round " + round);
            long conversationId = ((InboundResult) outcomes.get(0)).conversationId();
            outcomes.forEach(o -> assertEquals(conversationId, ((InboundResult) o).conversationId()));
            assertEquals(1, desk.conversations.messages(conversationId, 0, 100).size());
        }
        assertCountsMatchRows();
    }

    /**
     * Each delivery through rules of its own, as several runtimes serving one channel on a shared database would
     * take them (one runtime's rules queue its messages into one writer; these do not wait for each other): a
     * message redelivered at once is still stored once, and a sender's messages, new sender or known, land in one
     * conversation.
     */
    @Test
    void concurrentDeliveriesThroughSeveralRuntimesStoreEachOnceInOneConversation() throws InterruptedException {
        List<ConversationRules> runtimes = new ArrayList<>();
        for (int i = 0; i < agents.size() / 2; i++) { // two deliveries each, one pool thread per delivery
            runtimes.add(new ConversationRules(desk.store, desk.events));
        }
        for (int round = 0; round < ROUNDS; round++) {
            String sender = "+49153000" + (10_000 + round);
            if (round % 2 == 1) { // a known sender, with an open conversation
                desk.conversations.receive(Desk.inbound(desk.whatsapp, sender, "wamid.first." + round, "Hi"));
            }
            List<Callable<InboundResult>> deliveries = new ArrayList<>();
            for (int i = 0; i < runtimes.size(); i++) {
                ConversationRules runtime = runtimes.get(i);
                // two copies of one message, and one message of its own, per runtime
                String twice = "wamid.twice." + round;
                String own = "wamid.own." + round + "." + i;
                deliveries.add(() -> runtime.receive(Desk.inbound(desk.whatsapp, sender, twice, "A")));
                deliveries.add(() -> runtime.receive(Desk.inbound(desk.whatsapp, sender, own, "B")));
            }

            List<Object> outcomes = atOnce(deliveries);

            outcomes.forEach(o -> {
                if (o instanceof Throwable t) {
                    throw new AssertionError("A delivery failed", t);
                }
            });
            List<InboundResult> results = outcomes.stream().map(InboundResult.class::cast).toList();
            long conversationId = results.get(0).conversationId();
            for (InboundResult r : results) {
                assertEquals(conversationId, r.conversationId(), "round " + round);
            }
            assertEquals(runtimes.size() + 1, results.stream().filter(r -> !r.duplicate()).count(), "round " + round);
            assertEquals(runtimes.size() + 1 + round % 2, desk.conversations.messages(conversationId, 0, 100).size(),
                    "round " + round);
        }
        assertCountsMatchRows();
    }

    @Test
    void countsStayExactUnderRandomConcurrentChanges() throws InterruptedException {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            ids.add(desk.userWrites(i % 2 == 0 ? desk.webchat : desk.whatsapp, "user-" + i, "Hello").conversationId());
        }
        for (int round = 0; round < ROUNDS; round++) {
            Random random = new Random(round);
            List<Callable<Object>> changes = new ArrayList<>();
            for (Agent agent : agents) {
                long id = ids.get(random.nextInt(ids.size()));
                int action = random.nextInt(6);
                changes.add(() -> switch (action) {
                    case 0 -> desk.conversations.reply(id, agent.id(), "hi", List.of(), true);
                    case 1 -> desk.conversations.resolve(id, agent.id());
                    case 2 -> desk.conversations.reopen(id, agent.id());
                    case 3 -> desk.conversations.assignToBrain(id, desk.rules.id(), agent.id());
                    case 4 -> desk.conversations.unassign(id, agent.id());
                    default -> desk.userWrites(desk.webchat, "user-" + (id % 12), "more");
                });
            }
            for (Object outcome : atOnce(changes)) {
                if (outcome instanceof Throwable t && !(t instanceof HumanChatException)) {
                    throw new AssertionError("Unexpected failure", t);
                }
            }
        }
        assertCountsMatchRows();
    }

    private void assertCountsMatchRows() {
        for (Agent agent : agents) {
            var counts = desk.inbox.counts(agent.id());
            for (InboxTab tab : InboxTab.values()) {
                long counted = desk.store.read(r -> r.inbox().count(InboxQuery.firstPage(tab, agent.id(), 1)));
                assertEquals(counted, counts.of(tab), agent.name() + " " + tab);
            }
        }
    }
}
