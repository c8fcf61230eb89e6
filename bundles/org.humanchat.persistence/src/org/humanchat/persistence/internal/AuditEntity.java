package org.humanchat.persistence.internal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

/** Row of table audit_log: one recorded change. */
@Entity
@Table(name = "audit_log")
class AuditEntity {
    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "audit_seq")
    @SequenceGenerator(name = "audit_seq", sequenceName = "audit_seq", allocationSize = 50)
    long id;
    long at;
    @Column(name = "agent_id")
    long agentId;
    @Column(name = "agent_name")
    String agentName;
    String action;
    @Column(name = "subject_kind")
    String subjectKind;
    @Column(name = "subject_id")
    String subjectId;
    @Column(name = "subject_name")
    String subjectName;
    @Column(name = "before_text")
    String beforeText;
    @Column(name = "after_text")
    String afterText;
}
