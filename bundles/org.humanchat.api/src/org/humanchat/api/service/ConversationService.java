package org.humanchat.api.service;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

import org.humanchat.api.model.Attachment;
import org.humanchat.api.model.Conversation;
import org.humanchat.api.model.HandoverResult;
import org.humanchat.api.model.InboundMessage;
import org.humanchat.api.model.InboundResult;
import org.humanchat.api.model.Message;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The life of conversations. Every method is one transaction, safe against concurrent calls on the same
 * conversation, and publishes its change through EventAdmin (see {@code org.humanchat.api.event.ConversationEvents}).
 * {@code actingAgentId} is the agent who acts; it decides what the timeline says.
 */
@ProviderType
public interface ConversationService {

    /**
     * Stores a message from an end user. A message on an unknown or resolved conversation opens (or reopens) one,
     * handled by the channel's default Brain if it has one, otherwise waiting for a human. A redelivery (same
     * channel and external message id) stores nothing and answers with the stored message.
     */
    InboundResult receive(InboundMessage message);

    /**
     * Stores a message as {@link #receive} does, without holding the calling thread while it is committed: for
     * request threads that should go on serving others meanwhile. The stage completes once the message is committed,
     * or fails with the exception {@code receive} would throw (both refuse with a {@link BusyException} when more
     * messages wait to be stored than the store takes). What depends on it runs on a thread that completes many
     * messages in turn: keep it short and never block in it.
     */
    CompletionStage<InboundResult> receiveLater(InboundMessage message);

    /**
     * An agent answers. The conversation becomes the agent's and a Brain in it leaves. When another agent owns it,
     * the reply is refused with {@link ConversationOwnedException} unless {@code takeOver} is set.
     */
    Message reply(long conversationId, long agentId, String text, List<Attachment> attachments, boolean takeOver);

    /** A Brain answers a conversation it handles; refused once it no longer handles it. */
    Message brainReply(long conversationId, long brainId, String text, List<Attachment> attachments);

    /**
     * A Brain hands the conversation to humans, with a reason shown to agents. Refused, with the environment's
     * fallback text sent instead, when Human Chat is off there.
     */
    HandoverResult handOver(long conversationId, long brainId, String reason);

    /** A Brain settles a conversation it handles; refused once it no longer handles it. */
    Conversation brainResolve(long conversationId, long brainId);

    Conversation assignToAgent(long conversationId, long agentId, long actingAgentId);

    /** Gives the conversation back to a Brain of its environment, which resumes with the history. */
    Conversation assignToBrain(long conversationId, long brainId, long actingAgentId);

    /** Puts the conversation back in Unassigned. */
    Conversation unassign(long conversationId, long actingAgentId);

    Conversation resolve(long conversationId, long actingAgentId);

    Conversation reopen(long conversationId, long actingAgentId);

    Conversation tag(long conversationId, String tag, long actingAgentId);

    Conversation untag(long conversationId, String tag, long actingAgentId);

    Optional<Conversation> find(long conversationId);

    /** The agent has read the conversation up to now: its unread marker goes for them (announced on SEEN). */
    void markSeen(long conversationId, long agentId);

    /** The latest conversation of whoever writes as {@code senderExternalId} on the channel. */
    Optional<Conversation> latestOf(long channelId, String senderExternalId);

    /**
     * Up to {@code limit} messages older than {@code beforeMessageId} (0 for the newest), oldest first: pages of a
     * long transcript, loaded as the reader scrolls back.
     */
    List<Message> messages(long conversationId, long beforeMessageId, int limit);
}
