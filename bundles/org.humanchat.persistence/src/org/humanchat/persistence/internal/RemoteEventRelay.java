package org.humanchat.persistence.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

import org.humanchat.api.event.ConversationEvents;
import org.humanchat.core.spi.StoredEvent;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a runtime live when others share its PostgreSQL database (several desks, a headless server): listens for
 * the events their commits announce ({@link RemoteEvents}) and posts them to this runtime's EventAdmin, marked
 * {@link ConversationEvents#REMOTE}, so that inboxes, open conversations and notifications follow changes made
 * elsewhere without a refresh. A lost connection is opened again; then {@link ConversationEvents#REFRESH} tells
 * views to read again, since events may have been missed meanwhile. On H2 (one runtime per database) it does nothing.
 */
@Component(immediate = true, configurationPid = "org.humanchat.persistence",
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
public final class RemoteEventRelay {

    private static final Logger LOG = LoggerFactory.getLogger(RemoteEventRelay.class);
    private static final int POLL_MILLIS = 500;
    private static final long RECONNECT_MILLIS = 2_000;
    private static final long CHECK_NANOS = 30_000_000_000L;

    private final DatabaseSettings settings;
    private final EventAdmin events;
    private final String origin;
    private final Thread listener;
    private volatile boolean running = true;
    private volatile boolean listening;

    @Activate
    public RemoteEventRelay(DatabaseConfig config, @Reference EventAdmin events) {
        this(DatabaseSettings.from(config), events, RemoteEvents.ORIGIN);
    }

    /** @param origin the id of this runtime's store: its own events are not posted again */
    public RemoteEventRelay(DatabaseSettings settings, EventAdmin events, String origin) {
        this.settings = settings;
        this.events = events;
        this.origin = origin;
        this.listener = new Thread(this::listen, "humanchat-remote-events");
        listener.setDaemon(true);
        if (settings.isPostgres()) {
            listener.start();
        }
    }

    /** Whether it listens now (for tests: events committed before it listens are not relayed). */
    public boolean listening() {
        return listening;
    }

    @Deactivate
    public void stop() throws InterruptedException {
        running = false;
        listener.interrupt();
        listener.join(5_000);
    }

    private void listen() {
        String channel = RemoteEvents.channel(settings.schema());
        boolean wasCutOff = false;
        boolean toldCutOff = false;
        while (running) {
            try (Connection connection = settings.dataSource().getConnection();
                    Statement statement = connection.createStatement()) {
                statement.execute("LISTEN \"" + channel + "\"");
                listening = true;
                if (wasCutOff) {
                    LOG.info("Listening again for changes made by other runtimes on {}", settings.describe());
                    events.postEvent(new Event(ConversationEvents.REFRESH, Map.of(ConversationEvents.REMOTE, true)));
                }
                toldCutOff = false;
                PGConnection pg = connection.unwrap(PGConnection.class);
                long checked = System.nanoTime();
                while (running) {
                    PGNotification[] notifications = pg.getNotifications(POLL_MILLIS);
                    if (System.nanoTime() - checked > CHECK_NANOS) {
                        // a connection cut off without a word (a server gone, a network down) would only be
                        // silent: ask something now and then, so that it fails and is opened again
                        statement.execute("SELECT 1");
                        checked = System.nanoTime();
                    }
                    if (notifications == null) {
                        continue;
                    }
                    for (PGNotification notification : notifications) {
                        if (channel.equals(notification.getName())) {
                            for (StoredEvent event : RemoteEvents.decode(notification.getParameter(), origin)) {
                                events.postEvent(new Event(event.topic(), event.properties()));
                            }
                        }
                    }
                }
            } catch (SQLException | RuntimeException e) {
                listening = false;
                wasCutOff = true;
                if (!running) {
                    return;
                }
                if (!toldCutOff) {
                    LOG.warn("Not listening for changes made by other runtimes on {} ({}); trying again",
                            settings.describe(), e.getMessage());
                    toldCutOff = true;
                }
                try {
                    Thread.sleep(RECONNECT_MILLIS);
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
    }
}
