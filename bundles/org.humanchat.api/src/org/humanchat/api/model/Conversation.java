package org.humanchat.api.model;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * A conversation between one contact and the team, on one channel.
 *
 * @param handedOverAt      when a Brain last handed it to humans, or {@code null}
 * @param firstHumanReplyAt when an agent first answered, or {@code null}
 * @param resolvedAt        when it was last resolved, or {@code null} while open
 */
public record Conversation(long id, long environmentId, long channelId, long contactId, ConversationStatus status,
        Assignee assignee, Set<String> tags, Instant createdAt, Instant lastMessageAt, Instant handedOverAt,
        Instant firstHumanReplyAt, Instant resolvedAt) {

    public Conversation {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(assignee, "assignee");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(lastMessageAt, "lastMessageAt");
        tags = Set.copyOf(tags);
    }

    public Conversation withAssignee(Assignee newAssignee) {
        return new Conversation(id, environmentId, channelId, contactId, status, newAssignee, tags, createdAt,
                lastMessageAt, handedOverAt, firstHumanReplyAt, resolvedAt);
    }

    /** The conversation in a new status; resolving stamps {@code resolvedAt}, reopening clears it. */
    public Conversation withStatus(ConversationStatus newStatus, Instant now) {
        return new Conversation(id, environmentId, channelId, contactId, newStatus, assignee, tags, createdAt,
                lastMessageAt, handedOverAt, firstHumanReplyAt, newStatus == ConversationStatus.RESOLVED ? now : null);
    }

    public Conversation withTags(Set<String> newTags) {
        return new Conversation(id, environmentId, channelId, contactId, status, assignee, newTags, createdAt,
                lastMessageAt, handedOverAt, firstHumanReplyAt, resolvedAt);
    }

    public Conversation withLastMessageAt(Instant at) {
        return new Conversation(id, environmentId, channelId, contactId, status, assignee, tags, createdAt, at,
                handedOverAt, firstHumanReplyAt, resolvedAt);
    }

    public Conversation withHandedOverAt(Instant at) {
        return new Conversation(id, environmentId, channelId, contactId, status, assignee, tags, createdAt,
                lastMessageAt, at, firstHumanReplyAt, resolvedAt);
    }

    public Conversation withFirstHumanReplyAt(Instant at) {
        return new Conversation(id, environmentId, channelId, contactId, status, assignee, tags, createdAt,
                lastMessageAt, handedOverAt, at, resolvedAt);
    }

    public boolean isOpen() {
        return status == ConversationStatus.OPEN;
    }

    public boolean isHandledByBrain() {
        return isOpen() && assignee.kind() == Assignee.Kind.BRAIN;
    }

    public boolean isWaitingForHuman() {
        return isOpen() && assignee.kind() == Assignee.Kind.NOBODY;
    }
}
