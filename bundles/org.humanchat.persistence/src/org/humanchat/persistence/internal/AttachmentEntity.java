package org.humanchat.persistence.internal;

import jakarta.persistence.Column;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

/** Row of table message_attachment. */
@Entity
@Table(name = "message_attachment")
class AttachmentEntity {
    @EmbeddedId
    AttachmentKey key;
    String name;
    @Column(name = "media_type")
    String mediaType;
    @Column(name = "size_bytes")
    long size;
    @Column(name = "content_hash")
    String contentHash;
}
