package org.humanchat.core.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.TimeUnit;

import org.humanchat.api.model.InboxTab;
import org.humanchat.api.service.AuditService;
import org.humanchat.api.service.ContactService;
import org.humanchat.api.service.ConversationService;
import org.humanchat.api.service.DirectoryService;
import org.humanchat.api.service.InboxService;
import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

/**
 * The bundles as the product runs them: SCR wires the rules to the store, which opens its embedded H2 database in
 * the data folder ({@code humanchat.data}, set by the build to a folder under target/).
 */
class DeclarativeServicesTest {

    private static <T> T service(Class<T> type) throws InterruptedException {
        BundleContext context = FrameworkUtil.getBundle(DeclarativeServicesTest.class).getBundleContext();
        ServiceTracker<T, T> tracker = new ServiceTracker<>(context, type, null);
        tracker.open();
        T service = tracker.waitForService(TimeUnit.SECONDS.toMillis(30));
        assertNotNull(service, type.getSimpleName() + " was not registered within 30 s");
        return service;
    }

    @Test
    void servicesAreWiredOnTheEmbeddedDatabase() throws InterruptedException {
        DirectoryService directory = service(DirectoryService.class);
        ConversationService conversations = service(ConversationService.class);
        InboxService inbox = service(InboxService.class);
        service(ContactService.class);
        service(AuditService.class);

        var admin = directory.ensureFirstAdmin("Local admin", "admin@localhost.localdomain");
        var environment = directory.environments().stream().findFirst()
                .orElseGet(() -> directory.createEnvironment("default", admin.id()));
        var channel = directory.createChannel(environment.id(), "webhook", "DS test " + System.nanoTime(), admin.id());
        long before = inbox.counts(admin.id()).of(InboxTab.UNASSIGNED);

        var result = conversations.receive(Desk.inbound(channel, "ds-user", "ds-1", "Hello through SCR"));

        assertTrue(conversations.find(result.conversationId()).orElseThrow().isWaitingForHuman());
        assertEquals(before + 1, inbox.counts(admin.id()).of(InboxTab.UNASSIGNED));
        assertEquals(List.of("Hello through SCR"),
                conversations.messages(result.conversationId(), 0, 10).stream().map(m -> m.text()).toList());
    }
}
