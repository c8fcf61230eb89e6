package org.humanchat.api.connector;

/** The life-cycle state of a connector bundle, as an admin reads it. */
public enum ConnectorState {
    /** Installed but its requirements are not (or no longer) met. */
    INSTALLED,
    /** Ready but stopped: its connectors do not run. */
    RESOLVED,
    STARTING,
    ACTIVE,
    STOPPING
}
