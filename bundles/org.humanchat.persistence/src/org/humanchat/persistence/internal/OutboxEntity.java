package org.humanchat.persistence.internal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** Row of table outbox: the delivery of an outbound message (inbound messages have none). */
@Entity
@Table(name = "outbox")
class OutboxEntity {
    @Id
    @Column(name = "message_id")
    long messageId;
    @Column(name = "channel_id")
    long channelId;
    int attempts;
    @Column(name = "next_attempt_at")
    Long nextAttemptAt;
    @Column(name = "platform_ref")
    String platformRef;
}
