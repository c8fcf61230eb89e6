package org.humanchat.persistence.internal;

import java.io.Serializable;
import java.util.Objects;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/** Key of contact_identity: a sender's id on one channel. */
@Embeddable
class ContactIdentityKey implements Serializable {

    private static final long serialVersionUID = 1L;

    @Column(name = "channel_id")
    long channelId;
    @Column(name = "external_id")
    String externalId;

    ContactIdentityKey() {
    }

    ContactIdentityKey(long channelId, String externalId) {
        this.channelId = channelId;
        this.externalId = externalId;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ContactIdentityKey k && Objects.equals(channelId, k.channelId) && Objects.equals(externalId, k.externalId);
    }

    @Override
    public int hashCode() {
        return Objects.hash(channelId, externalId);
    }
}
