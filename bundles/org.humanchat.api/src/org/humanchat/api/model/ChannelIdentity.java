package org.humanchat.api.model;

import java.util.Objects;

/** How a contact is known on one channel: a phone number, a Telegram chat id, a web chat visitor id. */
public record ChannelIdentity(long channelId, String externalId) {

    public ChannelIdentity {
        Objects.requireNonNull(externalId, "externalId");
    }
}
