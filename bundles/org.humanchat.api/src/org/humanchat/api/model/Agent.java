package org.humanchat.api.model;

import java.util.Objects;

/**
 * A human who works conversations at the desk: {@code name} is what end users read, {@code email} the sign-in name.
 * A deactivated agent ({@code active} false) can no longer sign in and holds no conversations; their past work keeps
 * their name.
 */
public record Agent(long id, String name, String email, AgentRole role, Presence presence, boolean active) {

    public Agent {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(presence, "presence");
    }

    /** An active agent. */
    public Agent(long id, String name, String email, AgentRole role, Presence presence) {
        this(id, name, email, role, presence, true);
    }

    /** A new agent: active and available. */
    public Agent(long id, String name, String email, AgentRole role) {
        this(id, name, email, role, Presence.AVAILABLE);
    }

    /** An admin who is active: a deactivated admin may do nothing. */
    public boolean isAdmin() {
        return active && role == AgentRole.ADMIN;
    }

    /** Supervisors and admins: anyone's conversations and the quick responses. */
    public boolean supervises() {
        return active && role.supervises();
    }

    /** The same agent with another role, name, presence or state. */
    public Agent with(String newName, AgentRole newRole, Presence newPresence, boolean nowActive) {
        return new Agent(id, newName, email, newRole, newPresence, nowActive);
    }
}
