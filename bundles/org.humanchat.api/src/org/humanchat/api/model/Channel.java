package org.humanchat.api.model;

import java.util.Objects;
import java.util.Optional;

/**
 * One integration instance inside an environment: a web chat widget, a WhatsApp number, a Telegram bot...
 *
 * @param type           the connector type, e.g. {@code "webchat"}, {@code "whatsapp"}
 * @param defaultBrainId the Brain that takes new conversations of this channel, or {@code null} for none
 */
public record Channel(long id, long environmentId, String type, String name, Long defaultBrainId) {

    public Channel {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(name, "name");
    }

    public Optional<Long> defaultBrain() {
        return Optional.ofNullable(defaultBrainId);
    }
}
