package org.humanchat.core.spi;

import java.time.Instant;
import java.util.Optional;

import org.humanchat.api.model.DeliveryState;
import org.osgi.annotation.versioning.ProviderType;

/** The outbox inside a transaction: messages given to it, claimed and reported on. */
@ProviderType
public interface OutboxWrites extends OutboxReads {

    /**
     * Gives an outbound message just inserted ({@link ConversationWrites#insertMessage}) to the outbox, due at
     * {@code dueAt}; it is delivered through {@code channelId}, the channel of its conversation.
     */
    void enqueue(long messageId, long channelId, Instant dueAt);

    /** Reads an outbound message with its delivery bookkeeping and locks it. */
    Optional<OutboxEntry> lock(long messageId);

    /** Writes the delivery bookkeeping of a locked outbound message. */
    OutboxEntry saveDelivery(long messageId, DeliveryState state, String error, int attempts, Long nextAttemptAt,
            String platformRef);
}
