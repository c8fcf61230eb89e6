package org.humanchat.core.spi;

import java.time.Instant;
import java.util.Objects;

/**
 * A session or a named API token as kept: the SHA-256 hash (lower-case hex) of the token, never the token.
 *
 * @param apiToken a named API token (no idle timeout) rather than a signed-in session
 */
public record StoredToken(long id, long agentId, String tokenHash, String label, boolean apiToken, Instant createdAt,
        Instant lastUsedAt, Instant expiresAt) {

    public StoredToken {
        Objects.requireNonNull(tokenHash, "tokenHash");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(lastUsedAt, "lastUsedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }
}
