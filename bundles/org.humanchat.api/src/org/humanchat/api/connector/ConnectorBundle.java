package org.humanchat.api.connector;

import java.util.List;
import java.util.Objects;

/**
 * An installed connector bundle.
 *
 * @param builtIn part of the product: it can be stopped and started, but is updated with the product
 * @param dropIn  installed from the drop-in folder: it is updated and removed by replacing or deleting its file
 */
public record ConnectorBundle(long bundleId, String symbolicName, String name, String version, ConnectorKind kind,
        ConnectorState state, boolean builtIn, boolean dropIn, List<ConnectorType> types) {

    public ConnectorBundle {
        Objects.requireNonNull(symbolicName, "symbolicName");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(state, "state");
        types = List.copyOf(types);
    }

    public boolean active() {
        return state == ConnectorState.ACTIVE || state == ConnectorState.STARTING;
    }
}
