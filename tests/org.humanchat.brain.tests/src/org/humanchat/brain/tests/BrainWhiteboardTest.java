package org.humanchat.brain.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.humanchat.api.model.AuthorKind;
import org.humanchat.api.model.InboundMessage;
import org.humanchat.api.service.ConversationService;
import org.humanchat.api.service.DirectoryService;
import org.humanchat.brain.api.BrainAnswer;
import org.humanchat.brain.api.BrainConnector;
import org.humanchat.brain.api.BrainReply;
import org.humanchat.brain.api.BrainRequest;
import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osgi.framework.dto.ServiceReferenceDTO;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.service.component.runtime.dto.SatisfiedReferenceDTO;
import org.osgi.util.tracker.ServiceTracker;

/**
 * Brains as the product runs them: OSGi services that come and go at runtime, and rules Brain instances created
 * from ConfigAdmin factory configurations, picked up by the dispatcher without a restart.
 */
class BrainWhiteboardTest {

    private final BundleContext context = FrameworkUtil.getBundle(BrainWhiteboardTest.class).getBundleContext();

    private <T> T service(Class<T> type) throws InterruptedException {
        ServiceTracker<T, T> tracker = new ServiceTracker<>(context, type, null);
        tracker.open();
        T service = tracker.waitForService(TimeUnit.SECONDS.toMillis(30));
        assertNotNull(service, type.getSimpleName() + " is not registered");
        return service;
    }

    private static void waitUntil(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out waiting until " + what);
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("Interrupted waiting until " + what, e);
            }
        }
    }

    /** Waits until the Brain dispatcher's component has the Brain service bound, as SCR reports it. */
    private void waitUntilTheDispatcherHas(ServiceReference<BrainConnector> brain) throws InterruptedException {
        ServiceComponentRuntime components = service(ServiceComponentRuntime.class);
        long serviceId = (Long) brain.getProperty(Constants.SERVICE_ID);
        waitUntil("the Brain dispatcher has the Brain", () -> dispatcherHas(components, serviceId));
    }

    private static boolean dispatcherHas(ServiceComponentRuntime components, long serviceId) {
        for (ComponentDescriptionDTO description : components.getComponentDescriptionDTOs()) {
            if (!description.implementationClass.endsWith(".BrainDispatcher")) {
                continue;
            }
            for (ComponentConfigurationDTO configuration : components.getComponentConfigurationDTOs(description)) {
                for (SatisfiedReferenceDTO reference : configuration.satisfiedReferences) {
                    for (ServiceReferenceDTO bound : reference.boundServices) {
                        if (bound.id == serviceId) {
                            return true;
                        }
                    }
                }
            }
        }
        return false;
    }

    private static long brainMessages(ConversationService conversations, long id) {
        return conversations.messages(id, 0, 500).stream().filter(m -> m.authorKind() == AuthorKind.BRAIN).count();
    }

    @Test
    void aBrainServiceRegisteredAtRuntimeAnswersAndItsRemovalHandsOver() throws Exception {
        DirectoryService directory = service(DirectoryService.class);
        ConversationService conversations = service(ConversationService.class);
        var admin = directory.ensureFirstAdmin("Local admin", "admin@localhost.localdomain");
        var environment = directory.createEnvironment("whiteboard-" + System.nanoTime(), admin.id());
        var brain = directory.createBrain(environment.id(), "Echo", "echo", admin.id());
        var channel = directory.setDefaultBrain(
                directory.createChannel(environment.id(), "webhook", "Whiteboard", admin.id()).id(), brain.id(),
                admin.id());

        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put(BrainConnector.BRAIN_ID, brain.id());
        ServiceRegistration<BrainConnector> registration = context.registerService(BrainConnector.class,
                request -> BrainAnswer.keep(BrainReply.text("echo: " + request.latestText())), properties);
        long id;
        try {
            id = conversations.receive(new InboundMessage(channel.id(), "wb-user", null, "wb-1", "ping", List.of(),
                    Instant.now())).conversationId();
            waitUntil("the Brain answered", () -> brainMessages(conversations, id) == 1);
            assertEquals("echo: ping", conversations.messages(id, 0, 10).stream()
                    .filter(m -> m.authorKind() == AuthorKind.BRAIN).findFirst().orElseThrow().text());
        } finally {
            registration.unregister();
        }

        conversations.receive(new InboundMessage(channel.id(), "wb-user", null, "wb-2", "anyone?", List.of(),
                Instant.now()));
        waitUntil("the conversation went to humans", () -> conversations.find(id).orElseThrow().isWaitingForHuman());
        assertTrue(conversations.messages(id, 0, 50).stream()
                .anyMatch(m -> m.text().contains("Brain unavailable: Echo is not running")));
    }

    @Test
    void aBrainIsToldWhenAnAgentTakesOverAndAnswersWhenItIsHandedBack() throws Exception {
        DirectoryService directory = service(DirectoryService.class);
        ConversationService conversations = service(ConversationService.class);
        var admin = directory.ensureFirstAdmin("Local admin", "admin@localhost.localdomain");
        var environment = directory.createEnvironment("handback-" + System.nanoTime(), admin.id());
        var brain = directory.createBrain(environment.id(), "Minder", "minder", admin.id());
        var channel = directory.setDefaultBrain(
                directory.createChannel(environment.id(), "webhook", "Hand back", admin.id()).id(), brain.id(),
                admin.id());
        List<Long> left = new CopyOnWriteArrayList<>();
        List<Long> resumed = new CopyOnWriteArrayList<>();
        BrainConnector minder = new BrainConnector() {
            @Override
            public BrainAnswer answer(BrainRequest request) {
                return BrainAnswer.keep(BrainReply.text("noted: " + request.latestText()));
            }

            @Override
            public void left(BrainRequest request) {
                left.add(request.conversationId());
            }

            @Override
            public BrainAnswer resumed(BrainRequest request) {
                resumed.add(request.conversationId());
                return BrainAnswer.keep(BrainReply.text("Welcome back, I have " + request.history().size()
                        + " messages of this conversation"));
            }
        };
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put(BrainConnector.BRAIN_ID, brain.id());
        ServiceRegistration<BrainConnector> registration = context.registerService(BrainConnector.class, minder,
                properties);
        try {
            long id = conversations.receive(new InboundMessage(channel.id(), "hb-user", null, "hb-1", "hello",
                    List.of(), Instant.now())).conversationId();
            waitUntil("the Brain answered", () -> brainMessages(conversations, id) == 1);

            conversations.reply(id, admin.id(), "Let me look into it myself", List.of(), true);
            waitUntil("the Brain was told it left", () -> left.contains(id));
            assertEquals(List.of(), resumed);

            conversations.assignToBrain(id, brain.id(), admin.id());
            waitUntil("the Brain was told it is back", () -> resumed.contains(id));
            waitUntil("its answer to the hand-back was sent", () -> brainMessages(conversations, id) == 2);
            String welcome = conversations.messages(id, 0, 50).stream()
                    .filter(m -> m.authorKind() == AuthorKind.BRAIN).reduce((a, b) -> b).orElseThrow().text();
            assertTrue(welcome.startsWith("Welcome back, I have "), welcome);
            assertEquals(List.of(id), left, "told once that it left");
        } finally {
            registration.unregister();
        }
    }

    @Test
    void aRulesBrainIsCreatedFromAFactoryConfiguration() throws Exception {
        DirectoryService directory = service(DirectoryService.class);
        ConversationService conversations = service(ConversationService.class);
        ConfigurationAdmin configAdmin = service(ConfigurationAdmin.class);
        var admin = directory.ensureFirstAdmin("Local admin", "admin@localhost.localdomain");
        var environment = directory.createEnvironment("rules-" + System.nanoTime(), admin.id());
        var brain = directory.createBrain(environment.id(), "FAQ bot", "rules", admin.id());
        var channel = directory.setDefaultBrain(
                directory.createChannel(environment.id(), "webchat", "Rules web chat", admin.id()).id(), brain.id(),
                admin.id());

        Configuration configuration = configAdmin.createFactoryConfiguration("org.humanchat.brain.rules", "?");
        Dictionary<String, Object> settings = new Hashtable<>();
        settings.put(BrainConnector.BRAIN_ID, brain.id());
        settings.put("greeting", "");
        settings.put("faq", new String[] { "refund|money back => Refunds take 5 working days." });
        configuration.update(settings);
        try {
            ServiceTracker<BrainConnector, BrainConnector> tracker = new ServiceTracker<>(context,
                    context.createFilter("(&(objectClass=" + BrainConnector.class.getName() + ")("
                            + BrainConnector.BRAIN_ID + "=" + brain.id() + "))"), null);
            tracker.open();
            assertNotNull(tracker.waitForService(TimeUnit.SECONDS.toMillis(20)), "no rules Brain from the configuration");
            // The Brain is registered by ConfigAdmin's thread: the dispatcher may hear of it a moment after this
            // tracker does, and a message before that goes to humans ("not running").
            waitUntilTheDispatcherHas(tracker.getServiceReference());

            long id = conversations.receive(new InboundMessage(channel.id(), "rules-user", null, "r-1",
                    "I want my money back", List.of(), Instant.now())).conversationId();
            waitUntil("the rules Brain answered", () -> brainMessages(conversations, id) == 1);
            assertEquals("Refunds take 5 working days.", conversations.messages(id, 0, 10).stream()
                    .filter(m -> m.authorKind() == AuthorKind.BRAIN).findFirst().orElseThrow().text());
            tracker.close();
        } finally {
            configuration.delete();
        }
    }
}
