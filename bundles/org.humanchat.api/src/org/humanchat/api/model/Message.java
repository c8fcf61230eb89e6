package org.humanchat.api.model;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One entry of a conversation's timeline.
 *
 * @param authorId      the agent's or Brain's id for their messages, else 0
 * @param externalId    the channel's id of an inbound message, used to drop redeliveries; {@code null} otherwise
 * @param deliveryError why delivery failed, when {@link DeliveryState#FAILED}; else {@code null}
 */
public record Message(long id, long conversationId, Direction direction, AuthorKind authorKind, long authorId,
        String text, List<Attachment> attachments, String externalId, DeliveryState deliveryState,
        String deliveryError, Instant createdAt) {

    public Message {
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(authorKind, "authorKind");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(deliveryState, "deliveryState");
        Objects.requireNonNull(createdAt, "createdAt");
        attachments = List.copyOf(attachments);
    }
}
