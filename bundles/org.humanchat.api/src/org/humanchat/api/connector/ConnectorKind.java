package org.humanchat.api.connector;

/** What a connector bundle brings: a channel (end users write through it) or a Brain (a bot answering them). */
public enum ConnectorKind {
    CHANNEL, BRAIN
}
