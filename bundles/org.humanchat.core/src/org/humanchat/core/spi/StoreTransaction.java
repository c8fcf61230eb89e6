package org.humanchat.core.spi;

import java.util.List;
import java.util.Optional;

import org.humanchat.api.model.Agent;
import org.humanchat.api.model.Brain;
import org.humanchat.api.model.Channel;
import org.humanchat.api.model.Contact;
import org.humanchat.api.model.Conversation;
import org.humanchat.api.model.DeliveryState;
import org.humanchat.api.model.Environment;
import org.humanchat.api.model.Message;
import org.humanchat.api.model.QuickResponse;
import org.osgi.annotation.versioning.ProviderType;
import org.osgi.service.event.Event;

/**
 * Writes of the domain inside one transaction. Row locks are held until the transaction ends. Items with id 0 are
 * created and come back with their new id.
 */
@ProviderType
public interface StoreTransaction extends StoreReader {

    /**
     * The events this change publishes once committed, for the other runtimes on the same database: a store that
     * several runtimes share hands them over with the commit (PostgreSQL: NOTIFY, delivered only if the
     * transaction commits). By default they stay in this runtime.
     */
    default void announce(List<Event> events) {
    }


    /**
     * Writes the changes so far (they stay uncommitted) and lets go of what the transaction has loaded, so that a
     * transaction doing many independent changes (a batch of inbound messages) stays as cheap per change as a short
     * one. Items read before must be read again after.
     */
    void checkpoint();

    /** Reads a conversation and locks it against concurrent changes. */
    Optional<Conversation> lockConversation(long conversationId);

    /** The contact's most recent conversation on the channel, read and locked against concurrent changes. */
    Optional<Conversation> lockLatestConversation(long contactId, long channelId);

    /**
     * The id of the contact behind an identity on a channel, created (with the name hint) when unknown. Not locked:
     * a sender's messages are ordered by their conversation's lock ({@link #lockLatestConversation}); the first
     * messages of a new sender, which have no conversation yet, by the identity's key (a concurrent transaction
     * that creates the same identity waits for this one and then fails on the key, and is retried).
     */
    long contactForIdentity(long channelId, String externalId, String nameHint);

    /** An inbound message already stored under the channel's external id. */
    Optional<Message> messageByExternalId(long channelId, String externalId);

    /** Creates or updates a conversation; the inbox counts follow. */
    Conversation saveConversation(Conversation conversation);

    /** Adds a message; for end-user, Brain and agent messages it also becomes the conversation's preview. */
    Message insertMessage(Message message, long channelId);

    /** Reads an outbound message with its delivery bookkeeping and locks it. */
    Optional<OutboxEntry> lockOutboxEntry(long messageId);

    /** Writes the delivery bookkeeping of a locked outbound message. */
    OutboxEntry saveDelivery(long messageId, DeliveryState state, String error, int attempts, Long nextAttemptAt,
            String platformRef);

    Contact saveContact(Contact contact);

    /** Remembers a tag name for completion. */
    void rememberTag(String tag);

    /**
     * Renames a tag on every conversation that has it (merging it into {@code to} where both are there) and in the
     * list of known tags. Returns how many conversations had it.
     */
    int renameTag(String from, String to);

    /** Takes a tag off every conversation and out of the known tags. Returns how many conversations had it. */
    int deleteTag(String tag);

    Environment saveEnvironment(Environment environment);

    Channel saveChannel(Channel channel);

    Brain saveBrain(Brain brain);

    Agent saveAgent(Agent agent);

    void setApiTokenHash(long agentId, String tokenHash);

    /** Records that the agent saw the conversation at this time (later times only move it forward). */
    void markSeen(long agentId, long conversationId, long seenAtMillis);

    QuickResponse saveQuickResponse(QuickResponse quickResponse);

    void deleteQuickResponse(long quickResponseId);
}
