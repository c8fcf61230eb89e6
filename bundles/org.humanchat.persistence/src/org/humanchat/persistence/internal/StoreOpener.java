package org.humanchat.persistence.internal;

import org.humanchat.core.spi.ConversationStore;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.util.tracker.ServiceTracker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens the database (migration and connection pool) as soon as the runtime starts, on a thread of its own: the
 * desk's window and the framework's start-up do not wait for it, and by the time the first view asks for data the
 * store is usually ready. A headless runtime learns of a database problem at start, not at the first message.
 */
@Component(immediate = true)
public final class StoreOpener {

    private static final Logger LOG = LoggerFactory.getLogger(StoreOpener.class);
    private static final long WAIT_MS = 60_000;

    @Activate
    public StoreOpener(BundleContext context) {
        Thread opener = new Thread(() -> {
            ServiceTracker<ConversationStore, ConversationStore> tracker = new ServiceTracker<>(context,
                    ConversationStore.class, null);
            tracker.open();
            try {
                if (tracker.waitForService(WAIT_MS) == null) {
                    LOG.error("The conversation store did not start within {} s: check the database settings",
                            WAIT_MS / 1000);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                LOG.error("The conversation store could not be opened", e);
            } finally {
                tracker.close();
            }
        }, "humanchat-open-database");
        opener.setDaemon(true);
        opener.start();
    }
}
