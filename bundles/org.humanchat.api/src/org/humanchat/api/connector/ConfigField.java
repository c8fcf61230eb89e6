package org.humanchat.api.connector;

import java.util.List;
import java.util.Objects;

/**
 * One field of a generated configuration form.
 *
 * @param defaultValue the value used when the field is left empty; empty when there is none
 * @param options      allowed values (value and label), empty when any value of the type is allowed
 * @param multiple     the field holds a list: its text has one value per line (defaults and values alike)
 */
public record ConfigField(String id, String name, String description, FieldType type, boolean required,
        String defaultValue, List<Option> options, boolean multiple) {

    /** A field holding one value. */
    public ConfigField(String id, String name, String description, FieldType type, boolean required,
            String defaultValue, List<Option> options) {
        this(id, name, description, type, required, defaultValue, options, false);
    }

    public ConfigField {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(defaultValue, "defaultValue");
        options = List.copyOf(options);
    }

    /** Secrets are written, never read back: forms show whether one is set, not what it is. */
    public boolean secret() {
        return type == FieldType.SECRET;
    }

    public record Option(String value, String label) {
    }
}
