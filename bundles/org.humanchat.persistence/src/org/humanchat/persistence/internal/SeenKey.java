package org.humanchat.persistence.internal;

import java.io.Serializable;
import java.util.Objects;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/** Key of conversation_seen: an agent and a conversation. */
@Embeddable
class SeenKey implements Serializable {

    private static final long serialVersionUID = 1L;

    @Column(name = "agent_id")
    long agentId;
    @Column(name = "conversation_id")
    long conversationId;

    SeenKey() {
    }

    SeenKey(long agentId, long conversationId) {
        this.agentId = agentId;
        this.conversationId = conversationId;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SeenKey k && agentId == k.agentId && conversationId == k.conversationId;
    }

    @Override
    public int hashCode() {
        return Objects.hash(agentId, conversationId);
    }
}
