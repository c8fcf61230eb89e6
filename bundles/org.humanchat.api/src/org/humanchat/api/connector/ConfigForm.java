package org.humanchat.api.connector;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** The configuration form of a connector type, generated from its OSGi Metatype. */
public record ConfigForm(ConnectorType type, List<ConfigField> fields) {

    public ConfigForm {
        Objects.requireNonNull(type, "type");
        fields = List.copyOf(fields);
    }

    public Optional<ConfigField> field(String id) {
        return fields.stream().filter(f -> f.id().equals(id)).findFirst();
    }
}
