package org.humanchat.persistence.internal;

import jakarta.persistence.Column;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

/** Row of table message (an outbound one's delivery schedule is in {@link OutboxEntity}). */
@Entity
@Table(name = "message")
class MessageEntity {
    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "message_seq")
    @SequenceGenerator(name = "message_seq", sequenceName = "message_seq", allocationSize = 50)
    long id;
    @Column(name = "conversation_id")
    long conversationId;
    @Column(name = "channel_id")
    long channelId;
    String direction;
    @Column(name = "author_kind")
    String authorKind;
    @Column(name = "author_id")
    long authorId;
    String text;
    @Column(name = "external_id")
    String externalId;
    @Column(name = "delivery_state")
    String deliveryState;
    @Column(name = "delivery_error")
    String deliveryError;
    @Column(name = "created_at")
    long createdAt;
}
