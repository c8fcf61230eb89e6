package org.humanchat.core.spi;

import java.util.Optional;

import org.humanchat.api.model.Contact;
import org.osgi.annotation.versioning.ProviderType;

/** Reads of contacts and their channel identities. */
@ProviderType
public interface ContactReads {

    Optional<Contact> find(long contactId);

    /** The contact known under an identity on a channel. */
    Optional<Long> byIdentity(long channelId, String externalId);
}
