package org.humanchat.persistence.internal;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Contact ids by channel identity, remembered by a runtime: an identity row is never changed or deleted once
 * committed, so the contact it names stays right for every runtime on the database. Only identities read from
 * committed rows are kept (never one its own transaction inserted, which a rollback could take back). Saves the
 * lookup every inbound message of a known sender made.
 */
final class KnownIdentities {

    /** A channel identity: the channel, and the sender's id on its platform. */
    record Key(long channelId, String externalId) {
    }

    private final int most;
    private final ConcurrentHashMap<Key, Long> contacts = new ConcurrentHashMap<>();

    /** @param most how many are kept at most: beyond it the memory starts again from empty */
    KnownIdentities(int most) {
        this.most = most;
    }

    Long contact(Key identity) {
        return contacts.get(identity);
    }

    void remember(Key identity, long contactId) {
        if (contacts.size() >= most) {
            contacts.clear();
        }
        contacts.put(identity, contactId);
    }
}
