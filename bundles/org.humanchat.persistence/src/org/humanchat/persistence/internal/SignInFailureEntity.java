package org.humanchat.persistence.internal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** Row of table sign_in_failure: failed sign-ins counted under one key (an account or a source address). */
@Entity
@Table(name = "sign_in_failure")
class SignInFailureEntity {
    @Id
    @Column(name = "failure_key")
    String failureKey;
    int failures;
    @Column(name = "last_at")
    long lastAt;
}
