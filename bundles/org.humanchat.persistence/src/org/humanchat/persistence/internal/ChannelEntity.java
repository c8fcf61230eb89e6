package org.humanchat.persistence.internal;

import jakarta.persistence.Column;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

/** Row of table channel. */
@Entity
@Table(name = "channel")
class ChannelEntity {
    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "channel_seq")
    @SequenceGenerator(name = "channel_seq", sequenceName = "channel_seq", allocationSize = 50)
    long id;
    @Column(name = "environment_id")
    long environmentId;
    String type;
    String name;
    @Column(name = "default_brain_id")
    Long defaultBrainId;
}
