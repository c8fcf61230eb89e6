package org.humanchat.persistence.internal;

import java.util.Optional;

import org.humanchat.api.service.DatabaseStatus;
import org.humanchat.core.spi.ConversationStore;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens the database (migration and connection pool) as soon as the runtime starts, on a thread of its own, and
 * registers the {@link ConversationStore} only once it is open: "registered" means "ready", so everything above takes
 * the store and the domain services with plain references, and nothing opens the database on the framework's
 * start-up thread or the desk's UI thread. {@link DatabaseStatus} says meanwhile that it is opening, and why it
 * could not be opened if so (the desk shows it; a headless runtime logs it at start, not at the first message).
 * A new configuration of {@code org.humanchat.persistence} closes the store and opens the database again.
 */
@Component(immediate = true, configurationPid = "org.humanchat.persistence",
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = DatabaseConfig.class)
public final class DatabaseOpener {

    private static final Logger LOG = LoggerFactory.getLogger(DatabaseOpener.class);

    private record Status(State state, String database, Optional<String> problem) implements DatabaseStatus {
    }

    private final BundleContext context;
    private final String database;
    private final Thread opening;
    private final Object lock = new Object();
    private ServiceRegistration<DatabaseStatus> status;
    private ServiceRegistration<ConversationStore> registration;
    private JpaConversationStore store;
    private boolean stopped;

    @Activate
    public DatabaseOpener(DatabaseConfig config, BundleContext context) {
        this.context = context;
        DatabaseSettings settings = DatabaseSettings.from(config);
        this.database = settings.describe();
        this.status = context.registerService(DatabaseStatus.class,
                new Status(DatabaseStatus.State.OPENING, database, Optional.empty()), null);
        this.opening = Thread.ofPlatform().name("humanchat-open-database").daemon().start(() -> open(settings));
    }

    private void open(DatabaseSettings settings) {
        JpaConversationStore opened;
        try {
            opened = new JpaConversationStore(settings);
        } catch (RuntimeException e) {
            // the store has logged it with the database's own words
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            publish(new Status(DatabaseStatus.State.FAILED, database, Optional.of(why.startsWith("The database")
                    ? why : "The database " + database + " cannot be opened: " + why)));
            return;
        }
        synchronized (lock) {
            if (stopped) {
                opened.close();
                return;
            }
            store = opened;
        }
        // outside the lock: registering activates the components that waited for the store, on this thread
        ServiceRegistration<ConversationStore> registered = context.registerService(ConversationStore.class, opened,
                null);
        boolean kept;
        synchronized (lock) {
            kept = !stopped;
            if (kept) {
                registration = registered;
            }
        }
        if (!kept) {
            unregister(registered); // stopped while registering: take it back (stop() closes the store)
            return;
        }
        publish(new Status(DatabaseStatus.State.OPEN, database, Optional.empty()));
    }

    /** Replaces the status service by one in the new state (a new registration: injection follows it). */
    private void publish(Status next) {
        ServiceRegistration<DatabaseStatus> previous;
        synchronized (lock) {
            if (stopped) {
                return;
            }
            previous = status;
            status = null;
        }
        unregister(previous);
        ServiceRegistration<DatabaseStatus> registered = context.registerService(DatabaseStatus.class, next, null);
        synchronized (lock) {
            if (!stopped) {
                status = registered;
                return;
            }
        }
        unregister(registered);
    }

    @Deactivate
    public void stop() throws InterruptedException {
        ServiceRegistration<ConversationStore> registered;
        ServiceRegistration<DatabaseStatus> shown;
        JpaConversationStore open;
        synchronized (lock) {
            stopped = true;
            registered = registration;
            shown = status;
            open = store;
            registration = null;
            status = null;
            store = null;
        }
        unregister(registered); // the components using the store stop before it closes
        unregister(shown);
        // An opening under way ends (and, seeing it is stopped, closes what it opened) before a new configuration
        // opens the database again; bounded, so that a migration stuck on a lock cannot hold the framework.
        opening.join(30_000);
        if (opening.isAlive()) {
            LOG.warn("The database {} was still opening when its runtime stopped", database);
        }
        if (open != null) {
            open.close();
        }
    }

    private static void unregister(ServiceRegistration<?> registration) {
        if (registration == null) {
            return;
        }
        try {
            registration.unregister();
        } catch (IllegalStateException alreadyGone) {
            // the bundle stopped: the framework took it back
        }
    }
}
