package org.humanchat.api.model;

import java.util.Objects;

/** A configured Brain connector instance in an environment; {@code connectorType} names the connector. */
public record Brain(long id, long environmentId, String name, String connectorType) {

    public Brain {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(connectorType, "connectorType");
    }
}
