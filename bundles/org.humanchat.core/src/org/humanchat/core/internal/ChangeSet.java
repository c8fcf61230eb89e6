package org.humanchat.core.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.humanchat.api.event.ConversationEvents;
import org.humanchat.api.model.AuthorKind;
import org.humanchat.api.model.Conversation;
import org.humanchat.api.model.DeliveryState;
import org.humanchat.api.model.Direction;
import org.humanchat.api.model.Message;
import org.humanchat.api.service.AuditChange;
import org.humanchat.api.service.AuditEntry;
import org.humanchat.api.service.AuditService;
import org.humanchat.core.spi.AccountWrites;
import org.humanchat.core.spi.AuditWrites;
import org.humanchat.core.spi.ContactWrites;
import org.humanchat.core.spi.ConversationWrites;
import org.humanchat.core.spi.DirectoryWrites;
import org.humanchat.core.spi.InboxWrites;
import org.humanchat.core.spi.OutboxWrites;
import org.humanchat.core.spi.StoreTransaction;
import org.humanchat.core.spi.StoredEvent;

/**
 * One attempt at a change: the transaction, the clock reading all of the change shares, and the events to publish
 * once it is committed. A retried attempt starts with a new change set, so nothing of a failed attempt is published.
 */
final class ChangeSet {

    private final StoreTransaction tx;
    final Instant now;
    private final List<StoredEvent> events = new ArrayList<>();

    ChangeSet(StoreTransaction tx, Clock clock) {
        this.tx = tx;
        this.now = clock.instant();
    }

    ConversationWrites conversations() {
        return tx.conversations();
    }

    ContactWrites contacts() {
        return tx.contacts();
    }

    OutboxWrites outbox() {
        return tx.outbox();
    }

    DirectoryWrites directory() {
        return tx.directory();
    }

    InboxWrites inbox() {
        return tx.inbox();
    }

    AuditWrites audit() {
        return tx.audit();
    }

    AccountWrites accounts() {
        return tx.accounts();
    }

    /**
     * Records the change in the audit log, in this transaction: it is kept if and only if the change is committed.
     * The acting agent is named as they are called now; 0 (or an agent not found) is the system.
     */
    AuditEntry audit(long actingAgentId, AuditChange change) {
        String who = actingAgentId == 0 ? AuditEntry.SYSTEM
                : directory().agent(actingAgentId).map(a -> a.name()).orElse(AuditEntry.SYSTEM);
        AuditEntry entry = audit().append(new AuditEntry(0, now, actingAgentId, who, change.action(),
                change.subjectKind(), change.subjectId(), change.subjectName(), change.before(), change.after()));
        publish(new StoredEvent(AuditService.RECORDED, Map.of(AuditService.ENTRY_ID, entry.id(), AuditService.ACTION,
                entry.action())));
        return entry;
    }

    /** See {@link StoreTransaction#checkpoint}: between the independent changes of one batch. */
    void checkpoint() {
        tx.checkpoint();
    }

    List<StoredEvent> events() {
        return events;
    }

    /** Adds a timeline event ("Brain left", "Assigned to Ana") to the conversation. */
    Message timeline(Conversation conversation, String text) {
        Message message = conversations().insertMessage(new Message(0, conversation.id(), Direction.INTERNAL,
                AuthorKind.SYSTEM, 0, text, List.of(), null, DeliveryState.NONE, null, now), conversation.channelId());
        publish(ConversationEvents.MESSAGE_ADDED, conversation, Map.of(ConversationEvents.MESSAGE_ID, message.id(),
                ConversationEvents.AUTHOR_KIND, AuthorKind.SYSTEM.name()));
        return message;
    }

    /** Adds a message and publishes it. */
    Message message(Conversation conversation, Message message) {
        Message stored = conversations().insertMessage(message, conversation.channelId());
        publish(ConversationEvents.MESSAGE_ADDED, conversation, Map.of(ConversationEvents.MESSAGE_ID, stored.id(),
                ConversationEvents.AUTHOR_KIND, stored.authorKind().name()));
        return stored;
    }

    /**
     * Adds a reply to the end user (an agent's, a Brain's or a system text), publishes it, and gives it to the
     * outbox, due at once: in the same commit, so a reply is never stored without being sent, nor sent unstored.
     */
    Message reply(Conversation conversation, Message reply) {
        if (reply.direction() != Direction.OUTBOUND || reply.deliveryState() != DeliveryState.PENDING) {
            throw new IllegalArgumentException("A reply is an outbound message waiting to be sent");
        }
        Message stored = message(conversation, reply);
        outbox().enqueue(stored.id(), conversation.channelId(), stored.createdAt());
        return stored;
    }

    /** Queues an event describing the conversation as it is after the change. */
    void publish(String topic, Conversation conversation, Map<String, Object> extra) {
        Map<String, Object> properties = new HashMap<>(extra);
        properties.put(ConversationEvents.CONVERSATION_ID, conversation.id());
        properties.put(ConversationEvents.ENVIRONMENT_ID, conversation.environmentId());
        properties.put(ConversationEvents.CHANNEL_ID, conversation.channelId());
        properties.put(ConversationEvents.CONTACT_ID, conversation.contactId());
        properties.put(ConversationEvents.STATUS, conversation.status().name());
        properties.put(ConversationEvents.ASSIGNEE_KIND, conversation.assignee().kind().name());
        properties.put(ConversationEvents.ASSIGNEE_ID, conversation.assignee().id());
        events.add(new StoredEvent(topic, properties));
    }

    void publish(StoredEvent event) {
        events.add(event);
    }
}
