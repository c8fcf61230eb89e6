package org.humanchat.api.service;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.humanchat.api.model.DeliveryState;
import org.humanchat.api.model.Message;
import org.humanchat.api.model.OutboundDelivery;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The outbox: agent, Brain and system messages to end users wait here as {@link DeliveryState#PENDING} until a
 * sender delivers them. A message and its delivery are committed together, so pending deliveries survive a
 * restart. Every change publishes
 * {@code ConversationEvents.DELIVERY_CHANGED}.
 */
@ProviderType
public interface DeliveryService {

    /**
     * Claims up to {@code limit} pending messages that are due, for one attempt each. A claim lasts {@code lease}:
     * a sender that dies while sending leaves the message to be claimed again once the lease ran out, so a message
     * is never lost, and two senders on one database never send the same message at once.
     */
    List<OutboundDelivery> claimDue(int limit, Duration lease);

    /** When the next pending message is due, if any: senders sleep until then or until a new message arrives. */
    Optional<Instant> nextDue();

    /**
     * As {@link #claimDue(int, Duration)}, only messages of the given channels ({@code null}: every channel) that
     * have been due for at least {@code dueFor}. A runtime sharing its database with others (desks, a headless
     * server) claims at once only what its own connectors can send, so that a message waits for the runtime that
     * serves its channel instead of being taken and put back; what nobody took for a while, it takes to say that
     * the channel's connector is missing.
     */
    List<OutboundDelivery> claimDue(int limit, Duration lease, Set<Long> channelIds, Duration dueFor);

    /**
     * Whether other runtimes may deliver this database's messages (a database several runtimes share). When not, a
     * message whose channel connector does not run here has nobody else to wait for.
     */
    boolean sharedWithOtherRuntimes();

    /** As {@link #nextDue()}, for the pending messages of the given channels. */
    Optional<Instant> nextDue(Set<Long> channelIds);

    /** The channel took the message; {@code platformRef} is its id there (for status callbacks), or {@code null}. */
    void sent(long messageId, String platformRef);

    /** The attempt failed in a way that may pass: stays pending, shows the reason, and is tried again at {@code at}. */
    void retryLater(long messageId, String reason, Instant at);

    /** Delivery failed for good (or the retries are spent): the desk shows the reason and offers to retry. */
    void failed(long messageId, String reason);

    /** An agent asks to send a failed message again: it is pending and due at once. */
    Message retry(long messageId, long actingAgentId);

    /**
     * A channel reports what became of a message it took earlier (e.g. a WhatsApp status callback), found by the
     * {@code platformRef} given to {@link #sent}. Unknown references are ignored: the answer says whether one
     * matched.
     */
    boolean platformStatus(long channelId, String platformRef, DeliveryState state, String reason);
}
