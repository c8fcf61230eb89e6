package org.humanchat.api.service;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.humanchat.api.model.Agent;
import org.humanchat.api.model.AgentRole;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Agents' accounts: passwords (kept as Argon2id hashes only), sign-in with sessions, one-time set-password codes,
 * roles and deactivation. Sign-ins, failed ones too, and every account change are recorded in the audit log.
 * <p>
 * A token (session or named API token) is 256 random bits, shown to its holder once; only its SHA-256 hash is kept.
 * A session ends {@link #SESSION_LIFETIME} after sign-in at the latest, after {@link #IDLE_TIMEOUT} unused, when
 * revoked, or when its agent signs out everywhere or is deactivated. After {@link #FREE_FAILURES} failed sign-ins
 * within {@link #FAILURE_WINDOW}, for one account or from one address, each further attempt waits, longer after each
 * failure ({@link TooManyAttemptsException}).
 */
@ProviderType
public interface AccountService {

    int MIN_PASSWORD_LENGTH = 12;
    Duration SESSION_LIFETIME = Duration.ofDays(30);
    Duration IDLE_TIMEOUT = Duration.ofDays(7);
    Duration SET_PASSWORD_CODE_LIFETIME = Duration.ofHours(24);
    Duration FAILURE_WINDOW = Duration.ofMinutes(15);
    int FREE_FAILURES = 5;

    /** Whether the database has no agent yet: the first start, which creates the first admin. */
    boolean needsFirstAdmin();

    /**
     * Creates the very first agent, an admin with a password, and signs them in. Refused once any agent exists (a
     * second desk or node that raced this one).
     */
    SignInSession createFirstAdmin(String name, String email, char[] password, String client);

    /**
     * Signs an agent in with their email and password.
     *
     * @param sourceAddress where the attempt comes from (an IP address, or "desk"), counted for the brute-force delay
     * @param client what the session is, as its agent will see it listed ("Desk on host-1", "curl")
     * @throws TooManyAttemptsException when attempts must wait, before the password is even checked
     * @throws SignInRefusedException for a wrong email or password, said the same way for both
     */
    SignInSession signIn(String email, char[] password, String sourceAddress, String client);

    /**
     * Signs in the one admin of this runtime's own embedded database without a password, as the single-user desk
     * always did: only when the database is not shared and its only agent is an admin who has no password yet.
     */
    Optional<SignInSession> signInLocalAdmin(String client);

    /** The agent a session or API token belongs to, if it is current (and then it counts as used now). */
    Optional<Agent> agentByToken(String token);

    /** Ends the session of this token (no error when it has ended already). */
    void signOut(String token);

    /** The agent's sessions and API tokens that are current, newest first; their own, or anybody's for an admin. */
    List<AccountToken> tokens(long agentId, long actingAgentId);

    /** Ends one session or API token; the agent's own, or anybody's for an admin. */
    void revoke(long tokenId, long actingAgentId);

    /** Ends all of an agent's sessions and API tokens; their own, or anybody's for an admin. */
    int signOutEverywhere(long agentId, long actingAgentId);

    /**
     * A named API token for scripts (the admin HTTP API), with the agent's role; it does not time out when idle but
     * ends after {@link #SESSION_LIFETIME} times 12. Their own, or anybody's for an admin.
     */
    String issueApiToken(long agentId, String name, long actingAgentId);

    /**
     * A one-time code with which the agent sets their password, valid {@link #SET_PASSWORD_CODE_LIFETIME}; admins
     * only. A new code replaces the one before; the password the agent had keeps working until the code is used.
     * Shown once: only its hash is kept.
     */
    String issueSetPasswordCode(long agentId, long actingAgentId);

    /** Sets a password with a code from an admin, and signs the agent in. Refused like a wrong password otherwise. */
    SignInSession setPasswordWithCode(String email, String code, char[] password, String sourceAddress,
            String client);

    /**
     * An agent changes their own password: every session of theirs ends, and the one returned replaces the caller's.
     */
    SignInSession changePassword(long agentId, char[] currentPassword, char[] newPassword, String client,
            long actingAgentId);

    /** Why a password would be refused (too short, too common), or empty when it is acceptable. */
    Optional<String> passwordProblem(char[] password, String email, String name);

    /** What end users read as the agent's name; their own, or anybody's for an admin. */
    Agent rename(long agentId, String name, long actingAgentId);

    /** Admins only; the last active admin keeps being one. */
    Agent setRole(long agentId, AgentRole role, long actingAgentId);

    /**
     * Deactivates an agent (admins only, never themselves nor the last admin): their sessions end, and their open
     * conversations go back to Unassigned, each with a timeline entry. Or activates them again.
     */
    Agent setActive(long agentId, boolean active, long actingAgentId);
}
