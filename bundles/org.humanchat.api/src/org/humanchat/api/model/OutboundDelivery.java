package org.humanchat.api.model;

import java.util.Objects;

/**
 * An outbound message claimed for one delivery attempt: what to send, on which channel, to whom.
 *
 * @param recipientExternalId the contact's identity on the channel (phone number, chat id, visitor id)
 * @param attempt             1 for the first attempt, counting up with each retry
 */
public record OutboundDelivery(Message message, long channelId, String recipientExternalId, int attempt) {

    public OutboundDelivery {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(recipientExternalId, "recipientExternalId");
    }
}
