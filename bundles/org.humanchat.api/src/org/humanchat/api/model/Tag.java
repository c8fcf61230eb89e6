package org.humanchat.api.model;

import java.util.Locale;
import java.util.Objects;

/** A label on conversations. Names are kept trimmed and lower case so that "VIP" and "vip " are one tag. */
public record Tag(String name) {

    public Tag {
        Objects.requireNonNull(name, "name");
        name = normalize(name);
        if (name.isEmpty()) {
            throw new IllegalArgumentException("A tag needs a name");
        }
    }

    public static String normalize(String name) {
        return name.strip().toLowerCase(Locale.ROOT);
    }
}
