package org.humanchat.core.spi;

import java.time.Instant;

import org.osgi.annotation.versioning.ProviderType;

/** Agents' credentials inside a transaction. */
@ProviderType
public interface AccountWrites extends AccountReads {

    /** Sets the agent's password hash (an Argon2id PHC string), and forgets any set-password code. */
    void setPasswordHash(long agentId, String passwordHash);

    /** Stores a token (its id 0) and returns it with its id. */
    StoredToken insertToken(StoredToken token);

    void touchToken(long tokenId, Instant lastUsedAt);

    /** Deletes one token; returns whether it was there. */
    boolean deleteToken(long tokenId);

    /** Deletes the agent's tokens, all or only the sessions ({@code sessionsOnly}); returns how many. */
    int deleteTokens(long agentId, boolean sessionsOnly);

    /** Deletes the agent's API tokens of this name; returns how many. */
    int deleteApiTokens(long agentId, String label);

    /** Deletes tokens that expired before {@code now}; returns how many. */
    int deleteExpiredTokens(Instant now);

    /** Replaces the agent's set-password code. */
    void setSetPasswordCode(long agentId, SetPasswordCode code);

    /** Counts one more failed sign-in under a key; a count whose last failure is older than {@code since} restarts. */
    Failures addFailure(String key, Instant at, Instant since);

    void clearFailures(String key);
}
