package org.humanchat.persistence.internal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** Row of table agent_credential: an agent's password hash and pending set-password code. */
@Entity
@Table(name = "agent_credential")
class AgentCredentialEntity {
    @Id
    @Column(name = "agent_id")
    long agentId;
    @Column(name = "password_hash")
    String passwordHash;
    @Column(name = "code_hash")
    String codeHash;
    @Column(name = "code_expires_at")
    Long codeExpiresAt;
}
