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
