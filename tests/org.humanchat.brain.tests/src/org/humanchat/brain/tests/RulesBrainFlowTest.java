package org.humanchat.brain.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.humanchat.api.model.Assignee;
import org.humanchat.api.model.ConversationStatus;
import org.humanchat.api.model.InboxQuery;
import org.humanchat.api.model.InboxTab;
import org.humanchat.brain.api.BrainAnswer;
import org.humanchat.brain.api.BrainConnector;
import org.humanchat.brain.api.BrainRequest;
import org.humanchat.brain.rules.internal.RulesBrain;
import org.humanchat.brain.rules.internal.RulesBrainConfig;
import org.humanchat.core.tests.Configs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole life of a conversation with the built-in rules Brain, driven through the core service. */
class RulesBrainFlowTest {

    @TempDir
    Path folder;
    BrainDesk brains;
    AtomicInteger calls = new AtomicInteger();
    RulesBrain rules;

    @BeforeEach
    void start() {
        brains = new BrainDesk(folder, 10_000);
        rules = new RulesBrain(Configs.of(RulesBrainConfig.class, Map.of("humanchat.brain.id", brains.desk.rules.id())));
        brains.run(brains.desk.rules.id(), new BrainConnector() {
            @Override
            public BrainAnswer answer(BrainRequest request) {
                calls.incrementAndGet();
                return rules.answer(request);
            }
        });
    }

    @AfterEach
    void stop() {
        brains.close();
    }

    private List<Long> tab(InboxTab tab) {
        return brains.desk.inbox.page(InboxQuery.firstPage(tab, brains.desk.ana.id(), 100)).stream()
                .map(r -> r.conversation().id()).toList();
    }

    @Test
    void userBrainHandoverAgentResolveAndBackToTheBrain() throws Exception {
        var desk = brains.desk;
        long id = desk.userWrites(desk.webchat, "visitor", "Hello").conversationId();
        brains.settle();
        assertEquals(1, brains.brainSaid(id).size(), "greeting");
        assertTrue(brains.brainSaid(id).get(0).startsWith("Hi!"));

        desk.userWrites(desk.webchat, "visitor", "What are your opening hours?");
        brains.settle();
        assertEquals("We are open Monday to Friday, 9:00 to 17:00.", brains.brainSaid(id).get(1));
        assertEquals(List.of(id), tab(InboxTab.BRAIN));

        desk.userWrites(desk.webchat, "visitor", "Can I talk to a human please");
        brains.settle();
        assertEquals(List.of(id), tab(InboxTab.UNASSIGNED));
        assertTrue(brains.timeline(id).contains("Rules handed over to humans: The customer asked for a human"));

        desk.conversations.reply(id, desk.bob.id(), "Hi, Bob here. How can I help?", List.of(), false);
        assertEquals(List.of(id), brains.desk.inbox.page(InboxQuery.firstPage(InboxTab.ME, desk.bob.id(), 10))
                .stream().map(r -> r.conversation().id()).toList());
        int callsBefore = calls.get();
        desk.userWrites(desk.webchat, "visitor", "My order 123 never arrived");
        brains.settle();
        assertEquals(callsBefore, calls.get(), "the Brain hears nothing once an agent has the conversation");
        assertEquals(3, brains.brainSaid(id).size());

        desk.conversations.resolve(id, desk.bob.id());
        desk.userWrites(desk.webchat, "visitor", "What does it cost?");
        brains.settle();
        var reopened = desk.conversations.find(id).orElseThrow();
        assertEquals(ConversationStatus.OPEN, reopened.status());
        assertEquals(Assignee.brain(desk.rules.id()), reopened.assignee());
        assertTrue(brains.brainSaid(id).get(brains.brainSaid(id).size() - 1).startsWith("Our plans start at"));
    }

    @Test
    void anEventRelayedFromAnotherRuntimeDoesNotCallTheBrainAgain() throws Exception {
        var desk = brains.desk;
        long id = desk.userWrites(desk.webchat, "visitor", "Hello").conversationId();
        brains.settle();
        assertEquals(1, brains.brainSaid(id).size(), "greeting");
        // the same message as another runtime on the database would relay it: that runtime calls the Brain
        org.osgi.service.event.Event local = desk.events.events.stream()
                .filter(e -> e.getTopic().equals(org.humanchat.api.event.ConversationEvents.MESSAGE_ADDED))
                .findFirst().orElseThrow();
        java.util.Map<String, Object> properties = new java.util.HashMap<>();
        for (String key : local.getPropertyNames()) {
            properties.put(key, local.getProperty(key));
        }
        properties.put(org.humanchat.api.event.ConversationEvents.REMOTE, true);
        brains.dispatcher.handleEvent(new org.osgi.service.event.Event(local.getTopic(), properties));
        brains.settle();
        assertEquals(1, brains.brainSaid(id).size(), "no second greeting");
        brains.dispatcher.handleEvent(local);
        brains.settle();
        assertEquals(2, brains.brainSaid(id).size(), "the same event, local, does call the Brain (the check can fail)");
    }

    @Test
    void handsOverAfterMessagesItCannotAnswer() throws Exception {
        var desk = brains.desk;
        long id = desk.userWrites(desk.webchat, "visitor", "Hello").conversationId();
        desk.userWrites(desk.webchat, "visitor", "The flux capacitor is making a noise");
        brains.settle();
        assertEquals(List.of(id), tab(InboxTab.BRAIN));
        desk.userWrites(desk.webchat, "visitor", "Still the flux capacitor, it is broken");
        brains.settle();
        assertEquals(List.of(id), tab(InboxTab.UNASSIGNED));
        assertTrue(brains.timeline(id).contains(
                "Rules handed over to humans: The Brain could not answer 2 messages in a row"));
    }

    @Test
    void withHumanChatOffTheBrainKeepsTheConversationAndSendsTheFallback() throws Exception {
        var desk = brains.desk;
        desk.directory.setHumanChatEnabled(desk.production.id(), false, desk.ana.id());
        long id = desk.userWrites(desk.webchat, "visitor", "agent").conversationId();
        brains.settle();
        assertEquals(List.of(id), tab(InboxTab.BRAIN));
        assertEquals(List.of(), tab(InboxTab.UNASSIGNED));
        List<String> said = brains.brainSaid(id);
        assertEquals(desk.production.fallbackText(), said.get(said.size() - 1));

        desk.directory.setHumanChatEnabled(desk.production.id(), true, desk.ana.id());
        desk.userWrites(desk.webchat, "visitor", "agent");
        brains.settle();
        assertEquals(List.of(id), tab(InboxTab.UNASSIGNED), "the toggle takes effect at once");
    }

    @Test
    void anAgentHandsTheConversationBackAndTheBrainResumes() throws Exception {
        var desk = brains.desk;
        long id = desk.userWrites(desk.whatsapp, "+4915100000001", "Hello").conversationId();
        desk.conversations.reply(id, desk.ana.id(), "Hi!", List.of(), false);

        desk.conversations.assignToBrain(id, desk.rules.id(), desk.ana.id());
        brains.settle();

        assertEquals(List.of(id), tab(InboxTab.BRAIN));
        assertEquals(List.of("I'm back. How else can I help you?"), brains.brainSaid(id));
        desk.userWrites(desk.whatsapp, "+4915100000001", "How much is the price?");
        brains.settle();
        assertTrue(brains.brainSaid(id).get(1).startsWith("Our plans start at"));
    }

    @Test
    void aBrainThatIsNotRunningHandsOverAtOnce() throws Exception {
        var desk = brains.desk;
        var sleeping = desk.directory.createBrain(desk.production.id(), "Sleeping bot", "webhook", desk.ana.id());
        desk.directory.setDefaultBrain(desk.whatsapp.id(), sleeping.id(), desk.ana.id());

        long id = desk.userWrites(desk.whatsapp, "+4915100000002", "Hello?").conversationId();
        brains.settle();

        assertEquals(List.of(id), tab(InboxTab.UNASSIGNED));
        assertTrue(brains.timeline(id).stream().anyMatch(t -> t.contains("Brain unavailable: Sleeping bot is not running")));
    }
}
