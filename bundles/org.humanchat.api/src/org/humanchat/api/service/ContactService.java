package org.humanchat.api.service;

import java.util.List;
import java.util.Optional;

import org.humanchat.api.model.Contact;
import org.humanchat.api.model.ContactUpdate;
import org.humanchat.api.model.Conversation;
import org.osgi.annotation.versioning.ProviderType;

/** End users' details, as agents see and correct them. */
@ProviderType
public interface ContactService {

    Optional<Contact> find(long contactId);

    /**
     * Replaces the editable fields. An email must look like one and a phone must be in E.164 form
     * ({@code +} and 8 to 15 digits); otherwise {@link ValidationException} names each bad field and nothing changes.
     */
    Contact update(long contactId, ContactUpdate update, long actingAgentId);

    /** The contact's conversations, newest activity first. */
    List<Conversation> conversations(long contactId, int limit);
}
