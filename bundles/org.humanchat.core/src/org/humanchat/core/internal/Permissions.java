package org.humanchat.core.internal;

import org.humanchat.api.model.Agent;
import org.humanchat.api.model.Assignee;
import org.humanchat.api.model.Conversation;
import org.humanchat.api.service.NotFoundException;
import org.humanchat.api.service.PermissionDeniedException;

/**
 * The roles' rules (see {@link org.humanchat.api.model.AgentRole}), checked inside the transaction of every change
 * from the agent who acts, whatever called the service: a desk, an HTTP API or a script.
 */
final class Permissions {

    private Permissions() {
    }

    /** The acting agent, who must exist. */
    static Agent actor(ChangeSet c, long actingAgentId) {
        Agent actor = c.directory().agent(actingAgentId)
                .orElseThrow(() -> new NotFoundException("Agent", actingAgentId));
        if (!actor.active()) {
            throw new PermissionDeniedException(actor.name() + "'s account is deactivated: it can change nothing.");
        }
        return actor;
    }

    /** Environments, channels, Brains, agents, tags: admins only. */
    static Agent requireAdmin(ChangeSet c, long actingAgentId, String what) {
        return requireAdmin(actor(c, actingAgentId), what);
    }

    /** The same for a reader: {@code actor} is the acting agent as read in its transaction. */
    static Agent requireAdmin(Agent actor, String what) {
        if (!actor.active()) {
            throw new PermissionDeniedException(actor.name() + "'s account is deactivated: it can change nothing.");
        }
        if (!actor.isAdmin()) {
            throw new PermissionDeniedException("Only an admin can " + what + "; " + actor.name() + " is "
                    + article(actor) + ".");
        }
        return actor;
    }

    /** Quick responses: supervisors and admins. */
    static Agent requireSupervisor(ChangeSet c, long actingAgentId, String what) {
        Agent actor = actor(c, actingAgentId);
        if (!actor.supervises()) {
            throw new PermissionDeniedException("Only a supervisor or an admin can " + what + "; " + actor.name()
                    + " is an agent.");
        }
        return actor;
    }

    /**
     * An agent works their own conversations, unassigned ones and those a Brain handles; another agent's only a
     * supervisor or an admin may change.
     */
    static Agent requireMayWork(ChangeSet c, Conversation conversation, long actingAgentId) {
        Agent actor = actor(c, actingAgentId);
        if (conversation.assignee() instanceof Assignee.ToAgent owner && owner.agentId() != actor.id()
                && !actor.supervises()) {
            String ownerName = c.directory().agent(owner.agentId()).map(Agent::name).orElse("Another agent");
            throw new PermissionDeniedException(ownerName + " is handling this conversation: only a supervisor or an"
                    + " admin can take it over or change it.");
        }
        return actor;
    }

    private static String article(Agent agent) {
        return agent.supervises() ? "a supervisor" : "an agent";
    }
}
