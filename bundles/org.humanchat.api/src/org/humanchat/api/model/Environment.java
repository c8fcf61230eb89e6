package org.humanchat.api.model;

import java.time.Instant;
import java.util.Objects;

/**
 * A separate world of channels, Brains and conversations, such as "development" or "production".
 *
 * @param humanChatEnabled    whether conversations of this environment may go to humans at all
 * @param humanChatChangedBy  name of whoever last switched Human Chat, or {@code null} if never switched
 * @param humanChatChangedAt  when Human Chat was last switched, or {@code null}
 * @param fallbackText        sent to the end user when a handover is asked for but Human Chat is off
 */
public record Environment(long id, String name, boolean humanChatEnabled, String humanChatChangedBy,
        Instant humanChatChangedAt, String fallbackText) {

    public Environment {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(fallbackText, "fallbackText");
    }
}
