package org.humanchat.channel.runtime.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongConsumer;

import org.humanchat.api.event.ConversationEvents;
import org.humanchat.api.model.AuthorKind;
import org.humanchat.api.model.Message;
import org.humanchat.api.model.OutboundDelivery;
import org.humanchat.api.service.DeliveryService;
import org.humanchat.channel.api.ChannelConnector;
import org.humanchat.channel.api.OutgoingMessage;
import org.humanchat.channel.api.SendException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the outbox: claims due messages, sends each through its channel's connector, and records the outcome.
 * Messages of one conversation go out one after the other, in order; conversations go out in parallel. Failures that
 * may pass are retried with a doubling wait (or the platform's Retry-After); others, and the last attempt, mark the
 * message failed with the reason. A message whose connector is not running waits as "connector missing" and goes
 * out when it starts. After a restart, whatever was pending is sent.
 */
@Component(immediate = true, configurationPid = "org.humanchat.outbox",
        configurationPolicy = ConfigurationPolicy.OPTIONAL,
        property = { EventConstants.EVENT_TOPIC + "=" + ConversationEvents.MESSAGE_ADDED,
                EventConstants.EVENT_TOPIC + "=" + ConversationEvents.DELIVERY_CHANGED })
@Designate(ocd = OutboxConfig.class)
public final class OutboxSender implements EventHandler {

    private static final Logger LOG = LoggerFactory.getLogger(OutboxSender.class);
    static final String CONNECTOR_MISSING = "Channel connector missing: waiting for it to start";
    private static final int BATCH = 100;

    private final DeliveryService deliveries;
    private final Channels channels;
    private final OutboxConfig config;
    private final ExecutorService senders;
    private final Thread loop;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wake = lock.newCondition();
    private final LongConsumer arrival = id -> wakeUp();
    private boolean woken = true;
    private volatile boolean running = true;

    /** Runs once the database is open: the delivery service is registered only then. */
    @Activate
    public OutboxSender(@Reference DeliveryService deliveries, @Reference Channels channels, OutboxConfig config) {
        this.deliveries = deliveries;
        this.channels = channels;
        this.config = config;
        AtomicInteger n = new AtomicInteger();
        this.senders = Executors.newFixedThreadPool(config.threads(), r -> {
            Thread t = new Thread(r, "humanchat-outbox-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        channels.onArrival(arrival);
        this.loop = new Thread(this::run, "humanchat-outbox");
        loop.setDaemon(true);
        loop.start();
    }

    @Deactivate
    public void stop() throws InterruptedException {
        // A sender is made anew with each configuration and each opening of the database: the stopped one lets go.
        channels.removeArrivalListener(arrival);
        running = false;
        wakeUp();
        loop.join(5_000);
        senders.shutdown();
        senders.awaitTermination(5, TimeUnit.SECONDS);
    }

    @Override
    public void handleEvent(Event event) {
        Object author = event.getProperty(ConversationEvents.AUTHOR_KIND);
        if (!AuthorKind.END_USER.name().equals(author)) {
            wakeUp();
        }
    }

    void wakeUp() {
        lock.lock();
        try {
            woken = true;
            wake.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * For tests and benchmarks: waits until no message is pending. A message being sent still counts: its claim keeps
     * it pending until the outcome is recorded.
     */
    public boolean awaitEmpty(long timeout, TimeUnit unit) throws InterruptedException {
        long end = System.nanoTime() + unit.toNanos(timeout);
        while (System.nanoTime() < end) {
            if (deliveries.nextDue().isEmpty()) {
                return true;
            }
            Thread.sleep(10);
        }
        return false;
    }

    private void run() {
        while (running) {
            try {
                lock.lock();
                try {
                    woken = false;
                } finally {
                    lock.unlock();
                }
                DeliveryService store = deliveries;
                // What a connector here can send, at once; what nobody sent for a while (its connector runs in no
                // runtime on this database), to say so ("connector missing") and try again later. On a database
                // no other runtime uses, nobody else will send it: that is said at once.
                Duration lease = Duration.ofMillis(config.leaseMillis());
                Duration missingAfter = store.sharedWithOtherRuntimes()
                        ? Duration.ofMillis(config.connectorMissingRetryMillis()) : Duration.ZERO;
                Set<Long> served = channels.served();
                List<OutboundDelivery> batch = served.isEmpty() ? List.of()
                        : store.claimDue(BATCH, lease, served, Duration.ZERO);
                if (batch.isEmpty()) {
                    batch = store.claimDue(BATCH, lease, null, missingAfter);
                }
                if (!batch.isEmpty()) {
                    sendAll(batch);
                    continue;
                }
                Instant mine = served.isEmpty() ? null : store.nextDue(served).orElse(null);
                Instant unserved = store.nextDue().map(due -> due.plus(missingAfter)).orElse(null);
                sleepUntil(mine == null || unserved != null && unserved.isBefore(mine) ? unserved : mine);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.warn("The outbox could not be read: {}; trying again shortly", e.toString());
                sleepQuietly(2_000);
            }
        }
    }

    private void sendAll(List<OutboundDelivery> batch) throws InterruptedException {
        Map<Long, List<OutboundDelivery>> byConversation = new LinkedHashMap<>();
        batch.forEach(d -> byConversation
                .computeIfAbsent(d.message().conversationId(), k -> new java.util.ArrayList<>()).add(d));
        List<Future<?>> sends = new java.util.ArrayList<>();
        for (List<OutboundDelivery> conversation : byConversation.values()) {
            sends.add(senders.submit(() -> conversation.forEach(this::deliver)));
        }
        for (Future<?> send : sends) {
            try {
                send.get();
            } catch (java.util.concurrent.ExecutionException e) {
                LOG.error("Delivering a message failed unexpectedly", e.getCause());
            }
        }
    }

    private void deliver(OutboundDelivery delivery) {
        Message message = delivery.message();
        long id = message.id();
        try {
            Optional<ChannelConnector> connector = channels.connector(delivery.channelId());
            if (connector.isEmpty()) {
                deliveries.retryLater(id, CONNECTOR_MISSING,
                        Instant.now().plusMillis(config.connectorMissingRetryMillis()));
                return;
            }
            OutgoingMessage outgoing = new OutgoingMessage(id, message.conversationId(),
                    delivery.recipientExternalId(), channels.authorName(message), message.text(),
                    FileRefs.of(message.attachments()), delivery.attempt());
            String ref = connector.get().send(outgoing, channels.context(delivery.channelId()));
            deliveries.sent(id, ref);
        } catch (SendException e) {
            failedAttempt(delivery, e.getMessage(), e.retryable(), e.retryAfter());
        } catch (RuntimeException e) {
            LOG.warn("Message {}: the connector failed: {}", id, e.toString());
            failedAttempt(delivery, "The channel connector failed (" + e.getClass().getSimpleName() + ")", true,
                    null);
        }
    }

    private void failedAttempt(OutboundDelivery delivery, String reason, boolean retryable, Duration retryAfter) {
        long id = delivery.message().id();
        try {
            if (!retryable) {
                deliveries.failed(id, reason);
            } else if (delivery.attempt() >= config.maxAttempts()) {
                deliveries.failed(id, reason + " (gave up after " + delivery.attempt() + " attempts)");
            } else {
                long wait = retryAfter != null ? retryAfter.toMillis() : backoff(delivery.attempt());
                deliveries.retryLater(id, reason + " (attempt " + delivery.attempt() + " of "
                        + config.maxAttempts() + ", next in " + Math.max(1, wait / 1000) + " s)",
                        Instant.now().plusMillis(wait));
            }
        } catch (RuntimeException e) {
            // the claim runs out and the message is tried again: nothing is lost
            LOG.warn("Message {}: the outcome could not be recorded: {}", id, e.toString());
        }
    }

    long backoff(int attempt) {
        long wait = config.backoffMillis() << Math.min(attempt - 1, 20);
        return Math.min(wait, config.maxBackoffMillis());
    }

    private void sleepUntil(Instant due) throws InterruptedException {
        long waitMillis = due == null ? 30_000 : Math.max(0, due.toEpochMilli() - System.currentTimeMillis());
        waitMillis = Math.min(waitMillis, 30_000);
        lock.lock();
        try {
            long nanos = TimeUnit.MILLISECONDS.toNanos(waitMillis);
            while (!woken && running && nanos > 0) {
                nanos = wake.awaitNanos(nanos);
            }
        } finally {
            lock.unlock();
        }
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
