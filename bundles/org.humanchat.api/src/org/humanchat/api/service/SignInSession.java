package org.humanchat.api.service;

import java.time.Instant;
import java.util.Objects;

import org.humanchat.api.model.Agent;

/**
 * A signed-in agent: the session {@code token} (shown to its holder once; only its hash is kept) and when it ends at
 * the latest. It also ends after {@link AccountService#IDLE_TIMEOUT} unused, and when revoked.
 */
public record SignInSession(String token, Agent agent, Instant expiresAt) {

    public SignInSession {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(agent, "agent");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    @Override
    public String toString() {
        return "SignInSession[" + agent.email() + ", until " + expiresAt + "]"; // never the token
    }
}
