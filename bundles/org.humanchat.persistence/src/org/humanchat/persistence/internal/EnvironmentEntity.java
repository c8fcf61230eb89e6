package org.humanchat.persistence.internal;

import jakarta.persistence.Column;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

/** Row of table environment. */
@Entity
@Table(name = "environment")
class EnvironmentEntity {
    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "environment_seq")
    @SequenceGenerator(name = "environment_seq", sequenceName = "environment_seq", allocationSize = 50)
    long id;
    String name;
    @Column(name = "human_chat_enabled")
    boolean humanChatEnabled;
    @Column(name = "human_chat_changed_by")
    String humanChatChangedBy;
    @Column(name = "human_chat_changed_at")
    Long humanChatChangedAt;
    @Column(name = "fallback_text")
    String fallbackText;
    @Column(name = "business_hours")
    String businessHours;
    @Column(name = "time_zone")
    String timeZone;
    @Column(name = "out_of_hours_text")
    String outOfHoursText;
}
