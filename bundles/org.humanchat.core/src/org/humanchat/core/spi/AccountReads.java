package org.humanchat.core.spi;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/** Agents' credentials: password hashes, tokens, set-password codes and failed sign-ins. */
@ProviderType
public interface AccountReads {

    /** A pending set-password code: the SHA-256 hash (hex) of the code and when it stops working. */
    record SetPasswordCode(String codeHash, Instant expiresAt) {
    }

    /** Failed sign-ins counted under one key ("account:ana@example.com", "address:192.0.2.7"). */
    record Failures(int count, Instant lastAt) {
    }

    /** The agent's password hash (an Argon2id PHC string), if they have a password. */
    Optional<String> passwordHash(long agentId);

    Optional<StoredToken> tokenByHash(String tokenHash);

    /** The agent's tokens, newest first, expired ones included. */
    List<StoredToken> tokens(long agentId);

    Optional<StoredToken> token(long tokenId);

    Optional<SetPasswordCode> setPasswordCode(long agentId);

    Optional<Failures> failures(String key);
}
