package org.humanchat.persistence.internal;

import jakarta.persistence.Column;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/** Row of conversation_seen: when an agent last looked at a conversation. */
@Entity
@Table(name = "conversation_seen")
class SeenEntity {
    @EmbeddedId
    SeenKey key;
    @Column(name = "seen_at")
    long seenAt;
}
