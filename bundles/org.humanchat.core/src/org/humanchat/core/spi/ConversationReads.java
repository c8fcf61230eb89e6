package org.humanchat.core.spi;

import java.util.List;
import java.util.Optional;

import org.humanchat.api.model.Conversation;
import org.humanchat.api.model.Message;
import org.osgi.annotation.versioning.ProviderType;

/** Reads of conversations and their transcripts. */
@ProviderType
public interface ConversationReads {

    Optional<Conversation> find(long conversationId);

    /**
     * A page of the transcript: up to {@code limit} messages with ids below {@code beforeMessageId} (all when 0),
     * oldest first.
     */
    List<Message> transcriptPage(long conversationId, long beforeMessageId, int limit);

    /** The contact's most recent conversation on the channel. */
    Optional<Conversation> latest(long contactId, long channelId);

    /** The contact's conversations on every channel, the most recent first. */
    List<Conversation> ofContact(long contactId, int limit);
}
