package org.humanchat.persistence.internal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

/** Row of table agent_token: a session or named API token, by its hash. */
@Entity
@Table(name = "agent_token")
class AgentTokenEntity {
    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "agent_token_seq")
    @SequenceGenerator(name = "agent_token_seq", sequenceName = "agent_token_seq", allocationSize = 50)
    long id;
    @Column(name = "agent_id")
    long agentId;
    @Column(name = "token_hash")
    String tokenHash;
    String label;
    @Column(name = "api_token")
    boolean apiToken;
    @Column(name = "created_at")
    long createdAt;
    @Column(name = "last_used_at")
    long lastUsedAt;
    @Column(name = "expires_at")
    long expiresAt;
}
