package org.humanchat.core.internal;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.humanchat.api.event.DirectoryEvents;
import org.humanchat.api.model.Contact;
import org.humanchat.api.model.ContactUpdate;
import org.humanchat.api.model.Conversation;
import org.humanchat.api.service.ContactService;
import org.humanchat.api.service.NotFoundException;
import org.humanchat.api.service.ValidationException;
import org.humanchat.core.spi.ConversationStore;
import org.humanchat.core.spi.StoredEvent;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.event.EventAdmin;

/** Contact details as agents correct them, validated before anything is stored. */
@Component(service = ContactService.class)
public final class ContactRules implements ContactService {

    private final ConversationStore store;
    private final ChangeRunner runner;

    @Activate
    public ContactRules(@Reference ConversationStore store, @Reference EventAdmin eventAdmin) {
        this.store = store;
        this.runner = new ChangeRunner(store, eventAdmin, Clock.systemUTC());
    }

    @Override
    public Optional<Contact> find(long contactId) {
        return store.read(r -> r.contacts().find(contactId));
    }

    @Override
    public Contact update(long contactId, ContactUpdate update, long actingAgentId) {
        ContactUpdate clean = validate(update);
        return runner.change(c -> {
            c.directory().agent(actingAgentId).orElseThrow(() -> new NotFoundException("Agent", actingAgentId));
            Contact current = c.contacts().find(contactId)
                    .orElseThrow(() -> new NotFoundException("Contact", contactId));
            Contact saved = c.contacts().save(new Contact(current.id(), clean.name(), clean.email(), clean.address(),
                    clean.phone(), current.identities()));
            c.publish(new StoredEvent(DirectoryEvents.CONTACT_CHANGED,
                    Map.of(DirectoryEvents.CONTACT_ID, contactId)));
            return saved;
        });
    }

    /** Checks every field; all problems are reported at once. */
    static ContactUpdate validate(ContactUpdate update) {
        Map<String, String> errors = update.problems();
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        return update;
    }

    @Override
    public List<Conversation> conversations(long contactId, int limit) {
        return store.read(r -> r.conversations().ofContact(contactId, Math.max(1, Math.min(limit, 500))));
    }
}
