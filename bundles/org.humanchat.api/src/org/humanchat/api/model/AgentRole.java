package org.humanchat.api.model;

/** Admins also configure environments and connectors; agents work conversations. */
public enum AgentRole {
    AGENT, ADMIN
}
