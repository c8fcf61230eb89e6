package org.humanchat.api.model;

import java.util.Objects;

/** A human who works conversations at the desk. */
public record Agent(long id, String name, String email, AgentRole role, Presence presence) {

    public Agent {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(presence, "presence");
    }

    /** A new agent: available. */
    public Agent(long id, String name, String email, AgentRole role) {
        this(id, name, email, role, Presence.AVAILABLE);
    }

    public boolean isAdmin() {
        return role == AgentRole.ADMIN;
    }

    /** Supervisors and admins: anyone's conversations and the quick responses. */
    public boolean supervises() {
        return role.supervises();
    }
}
