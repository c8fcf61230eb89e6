package org.humanchat.persistence.internal;

import jakarta.persistence.Column;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

/** Row of table agent. */
@Entity
@Table(name = "agent")
class AgentEntity {
    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "agent_seq")
    @SequenceGenerator(name = "agent_seq", sequenceName = "agent_seq", allocationSize = 50)
    long id;
    String name;
    String email;
    String role;
    String presence;
    /** SHA-256 (hex) of the agent's admin API token; null when none was issued. */
    @Column(name = "api_token_hash")
    String apiTokenHash;
}
