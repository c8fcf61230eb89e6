package org.humanchat.core.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.humanchat.api.event.ConversationEvents;
import org.humanchat.api.model.ChannelIdentity;
import org.humanchat.api.model.Conversation;
import org.humanchat.api.model.DeliveryState;
import org.humanchat.api.model.Direction;
import org.humanchat.api.model.Message;
import org.humanchat.api.model.OutboundDelivery;
import org.humanchat.api.service.DeliveryService;
import org.humanchat.api.service.HumanChatException;
import org.humanchat.api.service.NotFoundException;
import org.humanchat.core.spi.ConversationStore;
import org.humanchat.core.spi.OutboxEntry;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.event.EventAdmin;

/** The outbox over the message table: claims with a lease, retries, failures, and platform status reports. */
@Component(service = DeliveryService.class)
public final class DeliveryRules implements DeliveryService {

    private static final int MAX_CLAIM = 500;

    private final ConversationStore store;
    private final ChangeRunner runner;
    private final Clock clock;

    @Activate
    public DeliveryRules(@Reference ConversationStore store, @Reference EventAdmin eventAdmin) {
        this(store, eventAdmin, Clock.systemUTC());
    }

    public DeliveryRules(ConversationStore store, EventAdmin eventAdmin, Clock clock) {
        this.store = store;
        this.clock = clock;
        this.runner = new ChangeRunner(store, eventAdmin, clock);
    }

    @Override
    public List<OutboundDelivery> claimDue(int limit, Duration lease) {
        return claimDue(limit, lease, null, Duration.ZERO);
    }

    @Override
    public List<OutboundDelivery> claimDue(int limit, Duration lease, Set<Long> channelIds, Duration dueFor) {
        if (limit < 1 || limit > MAX_CLAIM) {
            throw new IllegalArgumentException("limit must be in 1.." + MAX_CLAIM);
        }
        Set<Long> channels = channelIds == null ? null : Set.copyOf(channelIds);
        long now = clock.millis();
        long dueBy = now - dueFor.toMillis();
        List<Long> due = store.read(r -> r.outbox().due(dueBy, limit, channels));
        List<OutboundDelivery> claimed = new ArrayList<>(due.size());
        for (long id : due) {
            // One short transaction per message: a claim never waits behind a long batch.
            runner.change(c -> {
                Optional<OutboxEntry> locked = c.outbox().lock(id);
                if (locked.isEmpty() || locked.get().message().deliveryState() != DeliveryState.PENDING
                        || locked.get().nextAttemptAt() == null || locked.get().nextAttemptAt() > now) {
                    return null; // another sender took it meanwhile
                }
                OutboxEntry entry = locked.get();
                Conversation conversation = c.conversations().find(entry.message().conversationId()).orElseThrow();
                String recipient = c.contacts().find(conversation.contactId()).orElseThrow().identities().stream()
                        .filter(i -> i.channelId() == entry.channelId()).map(ChannelIdentity::externalId)
                        .findFirst().orElse(null);
                if (recipient == null) {
                    c.outbox().saveDelivery(id, DeliveryState.FAILED, "The contact has no identity on this channel",
                            entry.attempts(), null, null);
                    publish(c, conversation, id, DeliveryState.FAILED);
                    return null;
                }
                OutboxEntry claim = c.outbox().saveDelivery(id, DeliveryState.PENDING, entry.message().deliveryError(),
                        entry.attempts() + 1, now + lease.toMillis(), entry.platformRef());
                claimed.add(new OutboundDelivery(claim.message(), claim.channelId(), recipient, claim.attempts()));
                return null;
            });
        }
        return claimed;
    }

    @Override
    public Optional<Instant> nextDue() {
        return store.read(r -> r.outbox().nextDue(null)).map(Instant::ofEpochMilli);
    }

    @Override
    public boolean sharedWithOtherRuntimes() {
        return store.shared();
    }

    @Override
    public Optional<Instant> nextDue(Set<Long> channelIds) {
        Set<Long> channels = Set.copyOf(channelIds);
        return store.read(r -> r.outbox().nextDue(channels)).map(Instant::ofEpochMilli);
    }

    @Override
    public void sent(long messageId, String platformRef) {
        update(messageId, e -> new Update(DeliveryState.SENT, null, null, platformRef, e.attempts()));
    }

    @Override
    public void retryLater(long messageId, String reason, Instant at) {
        update(messageId,
                e -> new Update(DeliveryState.PENDING, reason, at.toEpochMilli(), e.platformRef(), e.attempts()));
    }

    @Override
    public void failed(long messageId, String reason) {
        update(messageId, e -> new Update(DeliveryState.FAILED, reason, null, e.platformRef(), e.attempts()));
    }

    @Override
    public Message retry(long messageId, long actingAgentId) {
        return update(messageId, e -> {
            if (e.message().deliveryState() != DeliveryState.FAILED) {
                throw new HumanChatException("Only a message that failed to be delivered can be sent again");
            }
            return new Update(DeliveryState.PENDING, null, clock.millis(), null, 0); // counts from one again
        });
    }

    @Override
    public boolean platformStatus(long channelId, String platformRef, DeliveryState state, String reason) {
        if (state != DeliveryState.SENT && state != DeliveryState.FAILED) {
            throw new IllegalArgumentException("A platform reports a message sent or failed, not " + state);
        }
        Optional<Long> id = store.read(r -> r.outbox().byPlatformRef(channelId, platformRef));
        id.ifPresent(messageId -> update(messageId, e -> new Update(state, reason, null, e.platformRef(),
                e.attempts())));
        return id.isPresent();
    }

    private record Update(DeliveryState state, String error, Long nextAttemptAt, String platformRef, int attempts) {
    }

    private Message update(long messageId, java.util.function.Function<OutboxEntry, Update> change) {
        return runner.change(c -> {
            OutboxEntry entry = c.outbox().lock(messageId)
                    .orElseThrow(() -> new NotFoundException("Message", messageId));
            if (entry.message().direction() != Direction.OUTBOUND) {
                throw new IllegalArgumentException("Message " + messageId + " is not an outbound message");
            }
            Update u = change.apply(entry);
            OutboxEntry saved = c.outbox().saveDelivery(messageId, u.state(), u.error(), u.attempts(),
                    u.nextAttemptAt(), u.platformRef());
            c.conversations().find(entry.message().conversationId())
                    .ifPresent(conversation -> publish(c, conversation, messageId, u.state()));
            return saved.message();
        });
    }

    private static void publish(ChangeSet c, Conversation conversation, long messageId, DeliveryState state) {
        c.publish(ConversationEvents.DELIVERY_CHANGED, conversation, Map.of(ConversationEvents.MESSAGE_ID, messageId,
                ConversationEvents.DELIVERY_STATE, state.name()));
    }
}
