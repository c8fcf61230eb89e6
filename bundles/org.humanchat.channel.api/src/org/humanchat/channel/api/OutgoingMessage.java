package org.humanchat.channel.api;

import java.util.List;

/**
 * A message to an end user.
 *
 * @param messageId   Human Chat's id of the message: platforms that accept an idempotency key get this one
 * @param recipientId the end user's identity on the platform
 * @param attempt     1 for the first attempt
 */
public record OutgoingMessage(long messageId, long conversationId, String recipientId, String authorName,
        String text, List<FileRef> files, int attempt) {

    public OutgoingMessage {
        files = List.copyOf(files);
    }
}
