package org.humanchat.persistence.internal;

import jakarta.persistence.Column;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

/** Row of table brain. */
@Entity
@Table(name = "brain")
class BrainEntity {
    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "brain_seq")
    @SequenceGenerator(name = "brain_seq", sequenceName = "brain_seq", allocationSize = 50)
    long id;
    @Column(name = "environment_id")
    long environmentId;
    String name;
    @Column(name = "connector_type")
    String connectorType;
}
