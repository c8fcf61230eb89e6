package org.humanchat.api.model;

import java.util.Objects;

/** A canned answer of an environment, inserted at the desk by typing {@code /shortcut}. */
public record QuickResponse(long id, long environmentId, String shortcut, String text) {

    public QuickResponse {
        Objects.requireNonNull(shortcut, "shortcut");
        Objects.requireNonNull(text, "text");
    }
}
