package org.humanchat.api.service;

import java.time.Instant;
import java.util.Objects;

/**
 * A session or a named API token of an agent, as listed for revocation: never the token itself.
 *
 * @param label what it is: "Desk on host-1", or an API token's name
 * @param apiToken whether it is a named API token (no idle timeout) rather than a signed-in session
 */
public record AccountToken(long id, long agentId, String label, boolean apiToken, Instant createdAt,
        Instant lastUsedAt, Instant expiresAt) {

    public AccountToken {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(lastUsedAt, "lastUsedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }
}
