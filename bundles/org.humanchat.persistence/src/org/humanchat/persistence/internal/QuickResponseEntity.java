package org.humanchat.persistence.internal;

import jakarta.persistence.Column;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

/** Row of table quick_response. */
@Entity
@Table(name = "quick_response")
class QuickResponseEntity {
    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "quick_response_seq")
    @SequenceGenerator(name = "quick_response_seq", sequenceName = "quick_response_seq", allocationSize = 50)
    long id;
    @Column(name = "environment_id")
    long environmentId;
    String shortcut;
    String text;
}
