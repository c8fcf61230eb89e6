package org.humanchat.core.spi;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.humanchat.api.model.Agent;
import org.humanchat.api.model.Brain;
import org.humanchat.api.model.Channel;
import org.humanchat.api.model.Contact;
import org.humanchat.api.model.Conversation;
import org.humanchat.api.model.Environment;
import org.humanchat.api.model.InboxCounts;
import org.humanchat.api.model.InboxQuery;
import org.humanchat.api.model.InboxRow;
import org.humanchat.api.model.Message;
import org.humanchat.api.model.QuickResponse;
import org.osgi.annotation.versioning.ProviderType;

/** Reads of the domain. */
@ProviderType
public interface StoreReader {

    Optional<Conversation> conversation(long conversationId);

    /** Up to {@code limit} messages with ids below {@code beforeMessageId} (all when 0), oldest first. */
    List<Message> messages(long conversationId, long beforeMessageId, int limit);

    Optional<Contact> contact(long contactId);

    /** The contact known under an identity on a channel. */
    Optional<Long> contactIdByIdentity(long channelId, String externalId);

    /** The contact's most recent conversation on the channel. */
    Optional<Conversation> latestConversation(long contactId, long channelId);

    List<Conversation> conversationsOfContact(long contactId, int limit);

    List<InboxRow> inboxPage(InboxQuery query);

    long inboxCount(InboxQuery query);

    InboxCounts inboxCounts(long agentId);

    List<String> tags();

    List<Environment> environments();

    Optional<Environment> environment(long environmentId);

    List<Channel> channels();

    Optional<Channel> channel(long channelId);

    List<Brain> brains();

    Optional<Brain> brain(long brainId);

    List<Agent> agents();

    Optional<Agent> agent(long agentId);

    Optional<Agent> agentByEmail(String email);

    /** The agent whose API token has this SHA-256 hash (lower-case hex). */
    Optional<Agent> agentByApiTokenHash(String tokenHash);

    List<QuickResponse> quickResponses(long environmentId);

    Optional<QuickResponse> quickResponse(long quickResponseId);

    /**
     * Ids of pending outbound messages due at {@code nowMillis}, the longest due first; only of {@code channelIds}
     * unless that is null.
     */
    List<Long> dueDeliveries(long nowMillis, int limit, Set<Long> channelIds);

    /** When the earliest pending outbound message (of {@code channelIds}, unless null) is due, in epoch ms. */
    Optional<Long> nextDeliveryDue(Set<Long> channelIds);

    /** The outbound message a channel knows under {@code platformRef}. */
    Optional<Long> messageByPlatformRef(long channelId, String platformRef);
}
