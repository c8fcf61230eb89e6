package org.humanchat.persistence.internal;

import jakarta.persistence.Column;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

/** Row of table contact_identity. */
@Entity
@Table(name = "contact_identity")
class ContactIdentityEntity {
    @EmbeddedId
    ContactIdentityKey key;
    @Column(name = "contact_id")
    long contactId;
}
