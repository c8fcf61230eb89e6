package org.humanchat.core.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.humanchat.api.service.DatabaseStatus;
import org.humanchat.core.spi.ConversationStore;
import org.humanchat.persistence.internal.DatabaseConfig;
import org.humanchat.persistence.internal.DatabaseOpener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceEvent;
import org.osgi.framework.ServiceListener;
import org.osgi.framework.ServiceReference;

/**
 * The database's readiness is a service state: the store is registered only once the database is open (so that
 * everything above can take it with a plain reference), and a database that cannot be opened is said through
 * {@link DatabaseStatus} instead of a store that never comes.
 */
class DatabaseOpenerTest {

    private final BundleContext context = FrameworkUtil.getBundle(DatabaseOpenerTest.class).getBundleContext();
    private final List<String> seen = new CopyOnWriteArrayList<>();
    private final ServiceListener recorder = event -> {
        if (event.getType() == ServiceEvent.REGISTERED && mine(event.getServiceReference())) {
            Object service = context.getService(event.getServiceReference());
            seen.add(service instanceof DatabaseStatus status ? status.state().name() : "STORE");
            context.ungetService(event.getServiceReference());
        }
    };
    private String url;
    private DatabaseOpener opener;

    @TempDir
    Path folder;

    @AfterEach
    void stop() throws InterruptedException {
        context.removeServiceListener(recorder);
        if (opener != null) {
            opener.stop();
        }
    }

    @Test
    void theStoreIsRegisteredOnlyOnceTheDatabaseIsOpen() throws Exception {
        url = "jdbc:h2:file:" + folder.resolve("db").resolve("opener");
        open(url);

        awaitSeen("OPEN");
        assertEquals(List.of("OPENING", "STORE", "OPEN"), seen, "opening is said first, the store comes when open");
        ServiceReference<ConversationStore> store = storeOf();
        assertFalse(context.getService(store).shared(), "an H2 file is this runtime's alone");
        context.ungetService(store);

        opener.stop();
        opener = null;
        assertTrue(context.getServiceReferences(ConversationStore.class, null).stream().noneMatch(this::mine),
                "a stopped opener takes its store back");
    }

    @Test
    void aDatabaseThatCannotBeOpenedIsSaidAndNoStoreComes() throws Exception {
        url = "jdbc:postgresql://127.0.0.1:1/nothing_listens_here";
        open(url);

        awaitSeen("FAILED");
        assertEquals(List.of("OPENING", "FAILED"), seen);
        DatabaseStatus failed = context.getServiceReferences(DatabaseStatus.class, null).stream().filter(this::mine)
                .map(context::getService).findFirst().orElseThrow();
        assertEquals(DatabaseStatus.State.FAILED, failed.state());
        assertTrue(failed.problem().orElseThrow().startsWith("The database " + url + " cannot be opened"),
                failed.problem().orElseThrow());
    }

    private void open(String jdbcUrl) {
        context.addServiceListener(recorder);
        opener = new DatabaseOpener(Configs.of(DatabaseConfig.class, Map.of("jdbcUrl", jdbcUrl, "user", "sa")),
                context);
    }

    /** Services of this test's opener: registered by this test bundle (the product's own are the persistence's). */
    private boolean mine(ServiceReference<?> reference) {
        return reference.getBundle() != null && reference.getBundle().equals(context.getBundle());
    }

    private ServiceReference<ConversationStore> storeOf() throws Exception {
        return context.getServiceReferences(ConversationStore.class, null).stream().filter(this::mine).findFirst()
                .orElseThrow();
    }

    private void awaitSeen(String state) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!seen.contains(state)) {
            assertTrue(System.nanoTime() < deadline, "no " + state + " within 30 s; seen " + seen);
            Thread.sleep(10);
        }
    }
}
