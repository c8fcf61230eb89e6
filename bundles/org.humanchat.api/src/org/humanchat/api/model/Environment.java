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
 * @param businessHours       when humans answer; outside them a handover still goes to humans, and the end user gets
 *                            {@code outOfHoursText}
 */
public record Environment(long id, String name, boolean humanChatEnabled, String humanChatChangedBy,
        Instant humanChatChangedAt, String fallbackText, BusinessHours businessHours, String outOfHoursText) {

    public static final String DEFAULT_OUT_OF_HOURS_TEXT =
            "Thanks for your message. Our team is away right now; we will answer as soon as we are back.";

    public Environment {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(fallbackText, "fallbackText");
        Objects.requireNonNull(businessHours, "businessHours");
        Objects.requireNonNull(outOfHoursText, "outOfHoursText");
    }

    public Environment withName(String newName) {
        return new Environment(id, newName, humanChatEnabled, humanChatChangedBy, humanChatChangedAt, fallbackText,
                businessHours, outOfHoursText);
    }

    /** Human Chat switched, recorded with who did it and when. */
    public Environment withHumanChat(boolean enabled, String changedBy, Instant changedAt) {
        return new Environment(id, name, enabled, changedBy, changedAt, fallbackText, businessHours, outOfHoursText);
    }

    public Environment withFallbackText(String text) {
        return new Environment(id, name, humanChatEnabled, humanChatChangedBy, humanChatChangedAt, text,
                businessHours, outOfHoursText);
    }

    public Environment withBusinessHours(BusinessHours hours, String text) {
        return new Environment(id, name, humanChatEnabled, humanChatChangedBy, humanChatChangedAt, fallbackText,
                hours, text);
    }
}
