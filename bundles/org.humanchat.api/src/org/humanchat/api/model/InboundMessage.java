package org.humanchat.api.model;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A message from an end user as a channel connector normalized it.
 *
 * @param senderExternalId  the sender's identity on the channel (phone number, chat id, visitor id)
 * @param senderNameHint    a display name the platform gave, or {@code null}
 * @param externalMessageId the platform's message id; a second message with the same id is a redelivery
 */
public record InboundMessage(long channelId, String senderExternalId, String senderNameHint,
        String externalMessageId, String text, List<Attachment> attachments, Instant receivedAt) {

    public InboundMessage {
        Objects.requireNonNull(senderExternalId, "senderExternalId");
        Objects.requireNonNull(externalMessageId, "externalMessageId");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(receivedAt, "receivedAt");
        attachments = List.copyOf(attachments);
    }
}
