package org.humanchat.persistence.internal;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.persistence.LockModeType;

import org.humanchat.api.model.ChannelIdentity;
import org.humanchat.api.model.Contact;
import org.humanchat.core.spi.ContactWrites;

/**
 * Contacts in one transaction. The contact behind a sender's identity is read and created with JDBC (every inbound
 * message asks), and remembered across transactions once committed ({@link KnownIdentities}).
 */
final class JpaContacts implements ContactWrites {

    private final TransactionContext context;
    private final KnownIdentities knownIdentities;
    /** Identities this transaction inserted: not remembered before they are committed. */
    private final Set<KnownIdentities.Key> insertedIdentities = new HashSet<>();

    JpaContacts(TransactionContext context, KnownIdentities knownIdentities) {
        this.context = context;
        this.knownIdentities = knownIdentities;
    }

    @Override
    public Optional<Contact> find(long contactId) {
        return Optional.ofNullable(context.em().find(ContactEntity.class, contactId)).map(this::withIdentities);
    }

    private Contact withIdentities(ContactEntity entity) {
        List<ChannelIdentity> identities = context.em().createQuery("SELECT i FROM ContactIdentityEntity i"
                + " WHERE i.contactId = :c ORDER BY i.key.channelId, i.key.externalId", ContactIdentityEntity.class)
                .setParameter("c", entity.id).getResultList().stream()
                .map(i -> new ChannelIdentity(i.key.channelId, i.key.externalId)).toList();
        return DomainValues.contact(entity, identities);
    }

    @Override
    public Optional<Long> byIdentity(long channelId, String externalId) {
        return Optional.ofNullable(context.em().find(ContactIdentityEntity.class,
                new ContactIdentityKey(channelId, externalId))).map(identity -> identity.contactId);
    }

    @Override
    public long forIdentity(long channelId, String externalId, String nameHint) {
        KnownIdentities.Key identity = new KnownIdentities.Key(channelId, externalId);
        Long remembered = knownIdentities.contact(identity);
        if (remembered != null) {
            return remembered;
        }
        JdbcRows rows = context.jdbc();
        Long known = rows.identity(channelId, externalId);
        if (known != null) {
            if (!insertedIdentities.contains(identity)) {
                knownIdentities.remember(identity, known); // committed before this transaction
            }
            return known;
        }
        String name = nameHint == null ? "" : nameHint.strip();
        // Inserted at once: a concurrent first message of the same sender waits on this key and, after our commit,
        // fails on it and is retried; it then finds this contact.
        insertedIdentities.add(identity);
        return rows.insertContact(name.substring(0, Math.min(name.length(), 200)), channelId, externalId);
    }

    @Override
    public Contact save(Contact contact) {
        ContactEntity entity = contact.id() == 0 ? new ContactEntity()
                : context.em().find(ContactEntity.class, contact.id(), LockModeType.PESSIMISTIC_WRITE);
        entity.name = contact.name();
        entity.email = contact.email();
        entity.address = contact.address();
        entity.phone = contact.phone();
        if (contact.id() == 0) {
            context.em().persist(entity);
        }
        return withIdentities(entity);
    }
}
