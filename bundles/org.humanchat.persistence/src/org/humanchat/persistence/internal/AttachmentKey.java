package org.humanchat.persistence.internal;

import java.io.Serializable;
import java.util.Objects;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/** Key of message_attachment: the message and the attachment's place in it. */
@Embeddable
class AttachmentKey implements Serializable {

    private static final long serialVersionUID = 1L;

    @Column(name = "message_id")
    long messageId;
    @Column(name = "position")
    int position;

    AttachmentKey() {
    }

    AttachmentKey(long messageId, int position) {
        this.messageId = messageId;
        this.position = position;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AttachmentKey k && Objects.equals(messageId, k.messageId) && Objects.equals(position, k.position);
    }

    @Override
    public int hashCode() {
        return Objects.hash(messageId, position);
    }
}
