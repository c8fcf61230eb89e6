package org.humanchat.api.connector;

import java.util.Objects;

/**
 * One kind of connector instance a bundle offers, e.g. "WhatsApp number": its ConfigAdmin factory PID and the name
 * and description of its configuration form.
 */
public record ConnectorType(String factoryPid, ConnectorKind kind, String name, String description) {

    public ConnectorType {
        Objects.requireNonNull(factoryPid, "factoryPid");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
    }
}
