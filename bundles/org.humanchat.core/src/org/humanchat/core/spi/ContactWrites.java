package org.humanchat.core.spi;

import org.humanchat.api.model.Contact;
import org.osgi.annotation.versioning.ProviderType;

/** Contacts inside a transaction. */
@ProviderType
public interface ContactWrites extends ContactReads {

    /**
     * The id of the contact behind an identity on a channel, created (with the name hint) when unknown. Not locked:
     * a sender's messages are ordered by their conversation's lock ({@link ConversationWrites#lockLatest}); the first
     * messages of a new sender, which have no conversation yet, by the identity's key (a concurrent transaction
     * that creates the same identity waits for this one and then fails on the key, and is retried).
     */
    long forIdentity(long channelId, String externalId, String nameHint);

    /** Creates (id 0) or updates a contact's details; its identities stay as they are. */
    Contact save(Contact contact);
}
