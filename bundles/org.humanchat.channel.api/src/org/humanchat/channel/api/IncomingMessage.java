package org.humanchat.channel.api;

import java.util.List;
import java.util.Objects;

/**
 * A message from an end user, normalized.
 *
 * @param senderId          the sender's identity on the platform (phone number, chat id, visitor id)
 * @param senderName        a display name the platform gave, or {@code null}
 * @param externalMessageId the platform's id for the message; the same id again is a redelivery
 * @param files             files already stored with {@link ChannelContext#storeFile}
 */
public record IncomingMessage(String senderId, String senderName, String externalMessageId, String text,
        List<FileRef> files) {

    public IncomingMessage {
        Objects.requireNonNull(senderId, "senderId");
        Objects.requireNonNull(externalMessageId, "externalMessageId");
        text = text == null ? "" : text;
        files = List.copyOf(files);
    }
}
