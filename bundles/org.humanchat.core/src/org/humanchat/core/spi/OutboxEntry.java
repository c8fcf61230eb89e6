package org.humanchat.core.spi;

import org.humanchat.api.model.Message;

/**
 * An outbound message with its delivery bookkeeping.
 *
 * @param attempts      attempts made (claims) so far
 * @param nextAttemptAt when it is due, in epoch milliseconds; {@code null} once sent or failed for good
 * @param platformRef   the channel's id of the sent message, or {@code null}
 */
public record OutboxEntry(Message message, long channelId, int attempts, Long nextAttemptAt, String platformRef) {
}
