package org.humanchat.core.spi;

import java.util.Optional;

import org.humanchat.api.model.Conversation;
import org.humanchat.api.model.Message;
import org.osgi.annotation.versioning.ProviderType;

/** Conversations and their messages inside a transaction: locks, saves, new messages. */
@ProviderType
public interface ConversationWrites extends ConversationReads {

    /** Reads a conversation and locks it against concurrent changes. */
    Optional<Conversation> lock(long conversationId);

    /** The contact's most recent conversation on the channel, read and locked against concurrent changes. */
    Optional<Conversation> lockLatest(long contactId, long channelId);

    /** An inbound message already stored under the channel's external id. */
    Optional<Message> byExternalId(long channelId, String externalId);

    /** Creates (id 0) or updates a conversation; the inbox counts follow. */
    Conversation save(Conversation conversation);

    /**
     * Adds a message; for end-user, Brain and agent messages it also becomes the conversation's preview. An outbound
     * message is delivered only once it is also given to the outbox ({@link OutboxWrites#enqueue}).
     */
    Message insertMessage(Message message, long channelId);
}
