package org.humanchat.api.model;

/**
 * What an agent may do, checked by the core services on every change (a refused call throws
 * {@code PermissionDeniedException}).
 * <ul>
 * <li>{@link #AGENT}: works their own conversations, unassigned ones and those a Brain handles (reply, resolve,
 * reopen, tag, assign to a colleague or a Brain), edits contacts, sets their own presence.</li>
 * <li>{@link #SUPERVISOR}: also anyone's conversations (take over, assign, resolve), and the quick responses.</li>
 * <li>{@link #ADMIN}: everything: environments and their settings, channels, Brains, agents, tags, connectors.</li>
 * </ul>
 */
public enum AgentRole {
    AGENT, ADMIN, SUPERVISOR;

    /** Whether this role may work anyone's conversations and manage quick responses. */
    public boolean supervises() {
        return this != AGENT;
    }

    /** How the desk names the role. */
    public String label() {
        return switch (this) {
            case AGENT -> "Agent";
            case SUPERVISOR -> "Supervisor";
            case ADMIN -> "Admin";
        };
    }
}
