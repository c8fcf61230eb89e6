package org.humanchat.persistence.internal;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.persistence.LockModeType;
import jakarta.persistence.TypedQuery;

import org.humanchat.api.model.DeliveryState;
import org.humanchat.core.spi.OutboxEntry;
import org.humanchat.core.spi.OutboxWrites;

/**
 * The outbox in one transaction: a row per outbound message given to it (table {@code outbox}), with its attempts,
 * when it is due and the platform's reference; the delivery state itself is the message's. Only what the rules
 * enqueue gets a row, so an inbound message writes no delivery index entries.
 */
final class JpaOutbox implements OutboxWrites {

    private final TransactionContext context;
    private final JpaConversations conversations;

    JpaOutbox(TransactionContext context, JpaConversations conversations) {
        this.context = context;
        this.conversations = conversations;
    }

    @Override
    public List<Long> due(long nowMillis, int limit, Set<Long> channelIds) {
        if (channelIds != null && channelIds.isEmpty()) {
            return List.of();
        }
        TypedQuery<Long> query = context.em().createQuery("SELECT o.messageId FROM OutboxEntity o"
                + " WHERE o.nextAttemptAt <= :now" + (channelIds == null ? "" : " AND o.channelId IN :channels")
                + " ORDER BY o.nextAttemptAt", Long.class).setParameter("now", nowMillis).setMaxResults(limit);
        if (channelIds != null) {
            query.setParameter("channels", channelIds);
        }
        return query.getResultList();
    }

    @Override
    public Optional<Long> nextDue(Set<Long> channelIds) {
        if (channelIds != null && channelIds.isEmpty()) {
            return Optional.empty();
        }
        TypedQuery<Long> query = context.em().createQuery("SELECT MIN(o.nextAttemptAt) FROM OutboxEntity o"
                + (channelIds == null ? "" : " WHERE o.channelId IN :channels"), Long.class);
        if (channelIds != null) {
            query.setParameter("channels", channelIds);
        }
        return Optional.ofNullable(query.getSingleResult());
    }

    @Override
    public Optional<Long> byPlatformRef(long channelId, String platformRef) {
        return context.em().createQuery("SELECT o.messageId FROM OutboxEntity o"
                + " WHERE o.channelId = :ch AND o.platformRef = :ref", Long.class)
                .setParameter("ch", channelId).setParameter("ref", platformRef).setMaxResults(1)
                .getResultStream().findFirst();
    }

    @Override
    public void enqueue(long messageId, long channelId, Instant dueAt) {
        // JDBC, as the message itself: a system reply on the ingest path (fallback, out of hours) costs no flush
        context.jdbc().insertOutbox(messageId, channelId, dueAt.toEpochMilli());
    }

    @Override
    public Optional<OutboxEntry> lock(long messageId) {
        // the message's row lock orders everything done to its delivery
        MessageEntity entity = context.em().find(MessageEntity.class, messageId, LockModeType.PESSIMISTIC_WRITE);
        return Optional.ofNullable(entity).map(m -> entry(m, context.em().find(OutboxEntity.class, messageId)));
    }

    @Override
    public OutboxEntry saveDelivery(long messageId, DeliveryState state, String error, int attempts,
            Long nextAttemptAt, String platformRef) {
        MessageEntity entity = context.em().find(MessageEntity.class, messageId, LockModeType.PESSIMISTIC_WRITE);
        if (entity == null) {
            throw new IllegalStateException("Message " + messageId + " vanished in its transaction");
        }
        entity.deliveryState = state.name();
        entity.deliveryError = error == null ? null : error.substring(0, Math.min(error.length(), 1000));
        OutboxEntity outbox = context.em().find(OutboxEntity.class, messageId);
        if (outbox == null) {
            outbox = new OutboxEntity();
            outbox.messageId = messageId;
            outbox.channelId = entity.channelId;
            context.em().persist(outbox);
        }
        outbox.attempts = attempts;
        outbox.nextAttemptAt = nextAttemptAt;
        outbox.platformRef = platformRef == null ? null
                : platformRef.substring(0, Math.min(platformRef.length(), 200));
        return entry(entity, outbox);
    }

    /** {@code outbox} is null for a message never given to the outbox (an inbound one). */
    private OutboxEntry entry(MessageEntity entity, OutboxEntity outbox) {
        return new OutboxEntry(conversations.withAttachments(List.of(entity)).get(0), entity.channelId,
                outbox == null ? 0 : outbox.attempts, outbox == null ? null : outbox.nextAttemptAt,
                outbox == null ? null : outbox.platformRef);
    }
}
