package org.humanchat.api.service;

import java.util.List;
import java.util.Optional;

import org.humanchat.api.model.Agent;
import org.humanchat.api.model.AgentRole;
import org.humanchat.api.model.Brain;
import org.humanchat.api.model.Channel;
import org.humanchat.api.model.Environment;
import org.humanchat.api.model.Presence;
import org.humanchat.api.model.QuickResponse;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The set-up around conversations: environments and their settings, channels, Brains, agents and quick
 * responses. Changes to environments need an admin; {@code actingAgentId} is checked.
 */
@ProviderType
public interface DirectoryService {

    List<Environment> environments();

    Optional<Environment> environment(long environmentId);

    Environment createEnvironment(String name, long actingAgentId);

    Environment renameEnvironment(long environmentId, String name, long actingAgentId);

    /** Switches Human Chat at once; the change is recorded with who made it and when. */
    Environment setHumanChatEnabled(long environmentId, boolean enabled, long actingAgentId);

    Environment setFallbackText(long environmentId, String text, long actingAgentId);

    /**
     * Sets when humans answer, e.g. {@code "Mon-Fri 09:00-17:00, Sat 10:00-14:00"} in {@code timeZone} (empty hours:
     * always), and what the end user is told when a conversation reaches humans outside them.
     */
    Environment setBusinessHours(long environmentId, String hours, String timeZone, String outOfHoursText,
            long actingAgentId);

    List<Channel> channels();

    Optional<Channel> channel(long channelId);

    Channel createChannel(long environmentId, String type, String name, long actingAgentId);

    /** Sets the Brain that takes new conversations of a channel; 0 for none. */
    Channel setDefaultBrain(long channelId, long brainId, long actingAgentId);

    List<Brain> brains();

    Optional<Brain> brain(long brainId);

    Brain createBrain(long environmentId, String name, String connectorType, long actingAgentId);

    List<Agent> agents();

    Optional<Agent> agent(long agentId);

    Optional<Agent> agentByEmail(String email);

    Agent createAgent(String name, String email, AgentRole role, long actingAgentId);

    /** Sets how an agent is reachable; agents set their own, admins anybody's. Announced on PRESENCE_CHANGED. */
    Agent setPresence(long agentId, Presence presence, long actingAgentId);

    /**
     * Issues a new API token for the admin HTTP API to an agent, replacing the one they had. Agents issue their own;
     * admins may issue one to anybody. The token is shown once: only its hash is kept.
     */
    String issueApiToken(long agentId, long actingAgentId);

    /** The agent an API token was issued to, if it is current. */
    Optional<Agent> agentByApiToken(String token);

    /** Creates the very first agent, an admin, when there is none yet; otherwise returns the existing admin. */
    Agent ensureFirstAdmin(String name, String email);

    /**
     * Renames a tag on every conversation (merging it into {@code to} where a conversation has both); admins only.
     * Returns how many conversations had it.
     */
    int renameTag(String from, String to, long actingAgentId);

    /** Takes a tag off every conversation; admins only. Returns how many conversations had it. */
    int deleteTag(String tag, long actingAgentId);

    List<QuickResponse> quickResponses(long environmentId);

    QuickResponse saveQuickResponse(long environmentId, String shortcut, String text, long actingAgentId);

    void deleteQuickResponse(long quickResponseId, long actingAgentId);
}
