package org.humanchat.persistence.internal;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.humanchat.api.model.Agent;
import org.humanchat.api.model.AgentRole;
import org.humanchat.api.model.Presence;
import org.humanchat.api.model.Assignee;
import org.humanchat.api.model.Attachment;
import org.humanchat.api.model.AuthorKind;
import org.humanchat.api.model.Brain;
import org.humanchat.api.model.BusinessHours;
import org.humanchat.api.model.Channel;
import org.humanchat.api.model.ChannelIdentity;
import org.humanchat.api.model.Contact;
import org.humanchat.api.model.Conversation;
import org.humanchat.api.model.ConversationStatus;
import org.humanchat.api.model.DeliveryState;
import org.humanchat.api.model.Direction;
import org.humanchat.api.model.Environment;
import org.humanchat.api.model.Message;
import org.humanchat.api.model.QuickResponse;

/** Turns the store's entity rows into the domain's values (records of org.humanchat.api.model) and back. */
final class DomainValues {

    private DomainValues() {
    }

    static Instant instant(Long epochMillis) {
        return epochMillis == null ? null : Instant.ofEpochMilli(epochMillis);
    }

    static Long millis(Instant instant) {
        return instant == null ? null : instant.toEpochMilli();
    }

    /** Tags are stored as "|a|b|", sorted, so that one tag is found with LIKE '%|a|%'. */
    static String tags(Set<String> tags) {
        return tags.isEmpty() ? "" : "|" + String.join("|", new TreeSet<>(tags)) + "|";
    }

    static Set<String> tags(String stored) {
        if (stored == null || stored.isEmpty()) {
            return Set.of();
        }
        return Set.copyOf(Arrays.stream(stored.split("\\|")).filter(t -> !t.isEmpty()).toList());
    }

    static Environment environment(EnvironmentEntity e) {
        return new Environment(e.id, e.name, e.humanChatEnabled, e.humanChatChangedBy, instant(e.humanChatChangedAt),
                e.fallbackText, BusinessHours.parse(e.businessHours, e.timeZone), e.outOfHoursText);
    }

    static Agent agent(AgentEntity e) {
        return new Agent(e.id, e.name, e.email, AgentRole.valueOf(e.role),
                e.presence == null ? Presence.AVAILABLE : Presence.valueOf(e.presence), e.active);
    }

    static Brain brain(BrainEntity e) {
        return new Brain(e.id, e.environmentId, e.name, e.connectorType);
    }

    static Channel channel(ChannelEntity e) {
        return new Channel(e.id, e.environmentId, e.type, e.name, e.defaultBrainId);
    }

    static Contact contact(ContactEntity e, List<ChannelIdentity> identities) {
        return new Contact(e.id, e.name, e.email, e.address, e.phone, identities);
    }

    static Conversation conversation(ConversationEntity e) {
        return new Conversation(e.id, e.environmentId, e.channelId, e.contactId, ConversationStatus.valueOf(e.status),
                Assignee.of(Assignee.Kind.valueOf(e.assigneeKind), e.assigneeId), tags(e.tags),
                Instant.ofEpochMilli(e.createdAt), Instant.ofEpochMilli(e.lastMessageAt), instant(e.handedOverAt),
                instant(e.firstHumanReplyAt), instant(e.resolvedAt));
    }

    /** Copies every field but the id and the preview. */
    static void copy(Conversation c, ConversationEntity e) {
        e.environmentId = c.environmentId();
        e.channelId = c.channelId();
        e.contactId = c.contactId();
        e.status = c.status().name();
        e.assigneeKind = c.assignee().kind().name();
        e.assigneeId = c.assignee().id();
        e.tags = tags(c.tags());
        e.createdAt = c.createdAt().toEpochMilli();
        e.lastMessageAt = c.lastMessageAt().toEpochMilli();
        e.handedOverAt = millis(c.handedOverAt());
        e.firstHumanReplyAt = millis(c.firstHumanReplyAt());
        e.resolvedAt = millis(c.resolvedAt());
    }

    static Message message(MessageEntity e, List<Attachment> attachments) {
        return new Message(e.id, e.conversationId, Direction.valueOf(e.direction), AuthorKind.valueOf(e.authorKind),
                e.authorId, e.text, attachments, e.externalId, DeliveryState.valueOf(e.deliveryState), e.deliveryError,
                Instant.ofEpochMilli(e.createdAt));
    }

    static Attachment attachment(AttachmentEntity e) {
        return new Attachment(e.name, e.mediaType, e.size, e.contentHash);
    }

    static QuickResponse quickResponse(QuickResponseEntity e) {
        return new QuickResponse(e.id, e.environmentId, e.shortcut, e.text);
    }

    /** The start of a message, on one line, as an inbox row shows it. */
    static String preview(String text, int attachmentCount) {
        String oneLine = text.strip().replaceAll("\\s+", " ");
        if (oneLine.isEmpty() && attachmentCount > 0) {
            oneLine = attachmentCount == 1 ? "[file]" : "[" + attachmentCount + " files]";
        }
        return oneLine.length() <= 200 ? oneLine : oneLine.substring(0, 199) + "\u2026";
    }
}
