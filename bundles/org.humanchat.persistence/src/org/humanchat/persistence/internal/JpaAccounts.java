package org.humanchat.persistence.internal;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.persistence.LockModeType;

import org.humanchat.core.spi.AccountWrites;
import org.humanchat.core.spi.StoredToken;

/** Agents' credentials in one transaction: tables agent_credential, agent_token and sign_in_failure. */
final class JpaAccounts implements AccountWrites {

    private final TransactionContext context;

    JpaAccounts(TransactionContext context) {
        this.context = context;
    }

    @Override
    public Optional<String> passwordHash(long agentId) {
        return credential(agentId).map(c -> c.passwordHash);
    }

    @Override
    public Optional<StoredToken> tokenByHash(String tokenHash) {
        return context.em().createQuery("SELECT t FROM AgentTokenEntity t WHERE t.tokenHash = :h",
                AgentTokenEntity.class).setParameter("h", tokenHash).getResultStream().findFirst()
                .map(JpaAccounts::token);
    }

    @Override
    public List<StoredToken> tokens(long agentId) {
        return context.em().createQuery("SELECT t FROM AgentTokenEntity t WHERE t.agentId = :a ORDER BY t.id DESC",
                AgentTokenEntity.class).setParameter("a", agentId).getResultList().stream()
                .map(JpaAccounts::token).toList();
    }

    @Override
    public Optional<StoredToken> token(long tokenId) {
        return Optional.ofNullable(context.em().find(AgentTokenEntity.class, tokenId)).map(JpaAccounts::token);
    }

    @Override
    public Optional<SetPasswordCode> setPasswordCode(long agentId) {
        return credential(agentId).filter(c -> c.codeHash != null && c.codeExpiresAt != null)
                .map(c -> new SetPasswordCode(c.codeHash, Instant.ofEpochMilli(c.codeExpiresAt)));
    }

    @Override
    public Optional<Failures> failures(String key) {
        return Optional.ofNullable(context.em().find(SignInFailureEntity.class, key))
                .map(f -> new Failures(f.failures, Instant.ofEpochMilli(f.lastAt)));
    }

    @Override
    public void setPasswordHash(long agentId, String passwordHash) {
        AgentCredentialEntity c = lockedCredential(agentId);
        c.passwordHash = passwordHash;
        c.codeHash = null;
        c.codeExpiresAt = null;
    }

    @Override
    public void setSetPasswordCode(long agentId, SetPasswordCode code) {
        AgentCredentialEntity c = lockedCredential(agentId);
        c.codeHash = code.codeHash();
        c.codeExpiresAt = code.expiresAt().toEpochMilli();
    }

    @Override
    public StoredToken insertToken(StoredToken token) {
        AgentTokenEntity t = new AgentTokenEntity();
        t.agentId = token.agentId();
        t.tokenHash = token.tokenHash();
        t.label = token.label().length() > 100 ? token.label().substring(0, 100) : token.label();
        t.apiToken = token.apiToken();
        t.createdAt = token.createdAt().toEpochMilli();
        t.lastUsedAt = token.lastUsedAt().toEpochMilli();
        t.expiresAt = token.expiresAt().toEpochMilli();
        context.em().persist(t);
        context.em().flush();
        return token(t);
    }

    @Override
    public void touchToken(long tokenId, Instant lastUsedAt) {
        context.em().createQuery("UPDATE AgentTokenEntity t SET t.lastUsedAt = :at WHERE t.id = :id AND"
                + " t.lastUsedAt < :at").setParameter("at", lastUsedAt.toEpochMilli()).setParameter("id", tokenId)
                .executeUpdate();
    }

    @Override
    public boolean deleteToken(long tokenId) {
        return context.em().createQuery("DELETE FROM AgentTokenEntity t WHERE t.id = :id").setParameter("id", tokenId)
                .executeUpdate() > 0;
    }

    @Override
    public int deleteTokens(long agentId, boolean sessionsOnly) {
        // booleans as parameters: EclipseLink writes the literals as 1 and 0, which H2 does not compare to a BOOLEAN
        if (sessionsOnly) {
            return context.em().createQuery("DELETE FROM AgentTokenEntity t WHERE t.agentId = :a AND t.apiToken = :api")
                    .setParameter("a", agentId).setParameter("api", false).executeUpdate();
        }
        return context.em().createQuery("DELETE FROM AgentTokenEntity t WHERE t.agentId = :a")
                .setParameter("a", agentId).executeUpdate();
    }

    @Override
    public int deleteApiTokens(long agentId, String label) {
        return context.em().createQuery("DELETE FROM AgentTokenEntity t WHERE t.agentId = :a AND t.apiToken = :api"
                + " AND t.label = :l").setParameter("a", agentId).setParameter("api", true).setParameter("l", label)
                .executeUpdate();
    }

    @Override
    public int deleteExpiredTokens(Instant now) {
        return context.em().createQuery("DELETE FROM AgentTokenEntity t WHERE t.expiresAt <= :now")
                .setParameter("now", now.toEpochMilli()).executeUpdate();
    }

    @Override
    public Failures addFailure(String key, Instant at, Instant since) {
        SignInFailureEntity f = context.em().find(SignInFailureEntity.class, key, LockModeType.PESSIMISTIC_WRITE);
        if (f == null) {
            f = new SignInFailureEntity();
            f.failureKey = key;
            context.em().persist(f); // two first failures at once: the loser's transaction is retried
        }
        f.failures = f.lastAt < since.toEpochMilli() ? 1 : f.failures + 1;
        f.lastAt = at.toEpochMilli();
        return new Failures(f.failures, at);
    }

    @Override
    public void clearFailures(String key) {
        context.em().createQuery("DELETE FROM SignInFailureEntity f WHERE f.failureKey = :k").setParameter("k", key)
                .executeUpdate();
    }

    private Optional<AgentCredentialEntity> credential(long agentId) {
        return Optional.ofNullable(context.em().find(AgentCredentialEntity.class, agentId));
    }

    private AgentCredentialEntity lockedCredential(long agentId) {
        context.em().flush(); // an agent created in this transaction is written before its credential row
        AgentCredentialEntity c = context.em().find(AgentCredentialEntity.class, agentId,
                LockModeType.PESSIMISTIC_WRITE);
        if (c == null) {
            c = new AgentCredentialEntity();
            c.agentId = agentId;
            context.em().persist(c);
        }
        return c;
    }

    private static StoredToken token(AgentTokenEntity t) {
        return new StoredToken(t.id, t.agentId, t.tokenHash, t.label, t.apiToken, Instant.ofEpochMilli(t.createdAt),
                Instant.ofEpochMilli(t.lastUsedAt), Instant.ofEpochMilli(t.expiresAt));
    }
}
