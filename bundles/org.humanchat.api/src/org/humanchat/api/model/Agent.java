package org.humanchat.api.model;

import java.util.Objects;

/** A human who works conversations at the desk. */
public record Agent(long id, String name, String email, AgentRole role) {

    public Agent {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(role, "role");
    }

    public boolean isAdmin() {
        return role == AgentRole.ADMIN;
    }
}
