package org.humanchat.persistence.internal;

import jakarta.persistence.Column;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

/** Row of table conversation. */
@Entity
@Table(name = "conversation")
class ConversationEntity {
    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "conversation_seq")
    @SequenceGenerator(name = "conversation_seq", sequenceName = "conversation_seq", allocationSize = 50)
    long id;
    @Column(name = "environment_id")
    long environmentId;
    @Column(name = "channel_id")
    long channelId;
    @Column(name = "contact_id")
    long contactId;
    String status;
    @Column(name = "assignee_kind")
    String assigneeKind;
    @Column(name = "assignee_id")
    long assigneeId;
    String tags;
    String preview;
    @Column(name = "created_at")
    long createdAt;
    @Column(name = "last_message_at")
    long lastMessageAt;
    /** When the end user last wrote; null before the first inbound message of this version. */
    @Column(name = "last_inbound_at")
    Long lastInboundAt;
    @Column(name = "handed_over_at")
    Long handedOverAt;
    @Column(name = "first_human_reply_at")
    Long firstHumanReplyAt;
    @Column(name = "resolved_at")
    Long resolvedAt;
}
