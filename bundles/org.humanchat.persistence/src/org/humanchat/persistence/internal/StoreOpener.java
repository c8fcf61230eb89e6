package org.humanchat.persistence.internal;

import org.humanchat.core.spi.ConversationStore;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.util.tracker.ServiceTracker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens the database (migration and connection pool) as soon as the runtime starts, on a thread of its own: the
 * desk's window and the framework's start-up do not wait for it, and by the time the first view asks for data the
 * store is usually ready. A headless runtime learns of a database problem at start, not at the first message.
 * <p>
 * The tracker only waits for the store's registration; the store itself is taken on the opener's thread. (A
 * tracker that takes the service would open it on whichever thread registers it: the framework's start-up thread.)
 * The opener holds the store until it stops, so that the store is not closed and reopened between users.
 */
@Component(immediate = true)
public final class StoreOpener {

    private static final Logger LOG = LoggerFactory.getLogger(StoreOpener.class);
    private static final long WAIT_MS = 60_000;

    private final ServiceTracker<ConversationStore, ServiceReference<ConversationStore>> registrations;
    private final Thread opener;
    private final BundleContext context;
    private volatile ServiceReference<ConversationStore> held;

    @Activate
    public StoreOpener(BundleContext context) {
        this.context = context;
        registrations = new ServiceTracker<>(context, ConversationStore.class, null) {
            @Override
            public ServiceReference<ConversationStore> addingService(ServiceReference<ConversationStore> reference) {
                return reference;
            }
        };
        opener = new Thread(() -> {
            registrations.open();
            try {
                ServiceReference<ConversationStore> reference = registrations.waitForService(WAIT_MS);
                if (reference == null) {
                    LOG.error("The conversation store did not start within {} s: check the database settings",
                            WAIT_MS / 1000);
                } else if (context.getService(reference) == null) {
                    LOG.error("The conversation store could not be opened: see the error above");
                } else {
                    held = reference;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                LOG.error("The conversation store could not be opened", e);
            }
        }, "humanchat-open-database");
        opener.setDaemon(true);
        opener.start();
    }

    @Deactivate
    public void stop() throws InterruptedException {
        opener.interrupt();
        opener.join(5_000);
        ServiceReference<ConversationStore> reference = held;
        if (reference != null) {
            context.ungetService(reference);
        }
        registrations.close();
    }
}
