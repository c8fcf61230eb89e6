package org.humanchat.persistence.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.humanchat.api.model.Attachment;
import org.humanchat.api.model.AuthorKind;
import org.humanchat.api.model.Conversation;
import org.humanchat.api.model.Direction;
import org.humanchat.api.model.Message;
import org.humanchat.core.spi.ConversationWrites;

/**
 * Conversations and their messages in one transaction. The rows of an inbound message go through JDBC
 * ({@link JdbcRows}); transcripts and other reads through the entity manager. Keeps the inbox counters in step with
 * every conversation it saves (written once, before the commit).
 */
final class JpaConversations implements ConversationWrites {

    private final TransactionContext context;

    private final InboxCounters.Pending counters = new InboxCounters.Pending();

    /** The inbox bucket of each conversation this transaction has locked or written, as it is now. */
    private final Map<Long, InboxCounters.Bucket> lockedBuckets = new HashMap<>();

    JpaConversations(TransactionContext context) {
        this.context = context;
    }

    @Override
    public Optional<Conversation> find(long conversationId) {
        return Optional.ofNullable(context.em().find(ConversationEntity.class, conversationId))
                .map(DomainValues::conversation);
    }

    @Override
    public List<Message> transcriptPage(long conversationId, long beforeMessageId, int limit) {
        // ordered as the index message_conversation (conversation_id, id), so that H2 reads only the page
        // (InboxFilter.order says why): newest page of a 100,000-message conversation 106 -> 0.08 ms
        List<MessageEntity> newestFirst = context.em().createQuery("SELECT m FROM MessageEntity m"
                + " WHERE m.conversationId = :c AND m.id < :before ORDER BY m.conversationId DESC, m.id DESC",
                MessageEntity.class)
                .setParameter("c", conversationId)
                .setParameter("before", beforeMessageId == 0 ? Long.MAX_VALUE : beforeMessageId)
                .setMaxResults(limit).getResultList();
        List<MessageEntity> oldestFirst = new ArrayList<>(newestFirst);
        Collections.reverse(oldestFirst);
        return withAttachments(oldestFirst);
    }

    /** The messages as domain values, with their attachments read in one query. */
    List<Message> withAttachments(List<MessageEntity> messages) {
        if (messages.isEmpty()) {
            return List.of();
        }
        Map<Long, List<Attachment>> attachments = new HashMap<>();
        List<Long> ids = messages.stream().map(m -> m.id).toList();
        context.em().createQuery("SELECT a FROM AttachmentEntity a WHERE a.key.messageId IN :ids"
                + " ORDER BY a.key.messageId, a.key.position", AttachmentEntity.class).setParameter("ids", ids)
                .getResultList().forEach(a -> attachments.computeIfAbsent(a.key.messageId, k -> new ArrayList<>())
                        .add(DomainValues.attachment(a)));
        return messages.stream().map(m -> DomainValues.message(m, attachments.getOrDefault(m.id, List.of()))).toList();
    }

    @Override
    public Optional<Conversation> latest(long contactId, long channelId) {
        return Optional.ofNullable(context.jdbc().latestConversation(contactId, channelId, false))
                .map(DomainValues::conversation);
    }

    @Override
    public List<Conversation> ofContact(long contactId, int limit) {
        return context.em().createQuery("SELECT c FROM ConversationEntity c WHERE c.contactId = :contact"
                + " ORDER BY c.lastMessageAt DESC, c.id DESC", ConversationEntity.class)
                .setParameter("contact", contactId).setMaxResults(limit).getResultList().stream()
                .map(DomainValues::conversation).toList();
    }

    @Override
    public Optional<Conversation> lock(long conversationId) {
        return locked(context.jdbc().conversation(conversationId, true));
    }

    @Override
    public Optional<Conversation> lockLatest(long contactId, long channelId) {
        return locked(context.jdbc().latestConversation(contactId, channelId, true));
    }

    /** A conversation row read with its lock: its inbox bucket is known from now on (see save). */
    private Optional<Conversation> locked(ConversationEntity row) {
        if (row == null) {
            return Optional.empty();
        }
        lockedBuckets.put(row.id, InboxCounters.Bucket.of(row));
        return Optional.of(DomainValues.conversation(row));
    }

    @Override
    public Optional<Message> byExternalId(long channelId, String externalId) {
        Long found = context.jdbc().messageByExternalId(channelId, externalId);
        if (found == null) {
            return Optional.empty();
        }
        return Optional.of(withAttachments(List.of(context.em().find(MessageEntity.class, found))).get(0));
    }

    @Override
    public Conversation save(Conversation conversation) {
        JdbcRows rows = context.jdbc();
        ConversationEntity entity = new ConversationEntity();
        DomainValues.copy(conversation, entity);
        InboxCounters.Bucket from;
        if (conversation.id() == 0) {
            rows.insertConversation(entity);
            from = null;
        } else {
            entity.id = conversation.id();
            from = lockedBuckets.get(entity.id);
            if (from == null) {
                ConversationEntity current = rows.conversation(entity.id, true);
                if (current == null) {
                    throw new IllegalStateException("Conversation " + entity.id + " vanished in its transaction");
                }
                from = InboxCounters.Bucket.of(current);
            }
            context.holdBack(entity); // written with the message that follows, or before anything else
        }
        InboxCounters.Bucket to = InboxCounters.Bucket.of(entity);
        lockedBuckets.put(entity.id, to);
        counters.move(entity.id, from, to);
        return DomainValues.conversation(entity);
    }

    @Override
    public Message insertMessage(Message message, long channelId) {
        MessageEntity entity = new MessageEntity();
        entity.conversationId = message.conversationId();
        entity.channelId = channelId;
        entity.direction = message.direction().name();
        entity.authorKind = message.authorKind().name();
        entity.authorId = message.authorId();
        entity.text = message.text();
        entity.externalId = message.externalId();
        entity.deliveryState = message.deliveryState().name();
        entity.deliveryError = message.deliveryError();
        entity.createdAt = message.createdAt().toEpochMilli();
        List<AttachmentEntity> attachmentRows = new ArrayList<>();
        int position = 0;
        for (Attachment a : message.attachments()) {
            AttachmentEntity row = new AttachmentEntity();
            row.key = new AttachmentKey(0, position++); // the message id is known once the message is inserted
            row.name = a.name();
            row.mediaType = a.mediaType();
            row.size = a.size();
            row.contentHash = a.contentHash();
            attachmentRows.add(row);
        }
        // The save of this message's conversation, if it waits, goes into the same UPDATE as the preview.
        ConversationEntity conversation = context.takeHeldBack(message.conversationId());
        JdbcRows rows = context.jdbc(); // writes a held-back save of another conversation first
        rows.insertMessage(entity, attachmentRows);
        // Timeline events leave the preview; for an end user's message the last inbound time is our clock, as for
        // last_message_at (the message's own time is the platform's).
        boolean timeline = message.direction() == Direction.INTERNAL && message.authorKind() == AuthorKind.SYSTEM;
        String preview = timeline ? null : DomainValues.preview(message.text(), message.attachments().size());
        boolean inbound = message.direction() == Direction.INBOUND;
        if (conversation != null) {
            rows.updateConversation(conversation, preview, inbound);
        } else if (preview != null) {
            rows.updatePreview(message.conversationId(), preview, inbound);
        }
        if (conversation != null || preview != null) {
            context.jdbcWritten(); // a copy of the conversation the entity manager may hold is out of date now
        }
        return DomainValues.message(entity, message.attachments());
    }

    /** Writes the inbox counter changes of every conversation saved; once, just before the commit. */
    void writeCounters() {
        counters.write(context.jdbc());
    }
}
