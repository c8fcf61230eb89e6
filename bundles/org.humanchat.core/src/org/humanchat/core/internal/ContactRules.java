package org.humanchat.core.internal;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import org.humanchat.api.event.DirectoryEvents;
import org.humanchat.api.model.Contact;
import org.humanchat.api.model.ContactUpdate;
import org.humanchat.api.model.Conversation;
import org.humanchat.api.service.ContactService;
import org.humanchat.api.service.NotFoundException;
import org.humanchat.api.service.ValidationException;
import org.humanchat.core.spi.ConversationStore;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;

/** Contact details as agents correct them, validated before anything is stored. */
@Component(service = ContactService.class)
public final class ContactRules implements ContactService {

    /** Something before an @, a domain with a dot after it; no spaces. Deliverability is not ours to judge. */
    static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s.]+");
    /** E.164: a plus, a country code that does not start with 0, at most 15 digits in all (8 at least). */
    static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{7,14}");

    private static final int MAX_NAME = 200;
    private static final int MAX_EMAIL = 254;
    private static final int MAX_ADDRESS = 500;

    private final ConversationStore store;
    private final ChangeRunner runner;

    @Activate
    public ContactRules(@Reference ConversationStore store, @Reference EventAdmin eventAdmin) {
        this.store = store;
        this.runner = new ChangeRunner(store, eventAdmin, Clock.systemUTC());
    }

    @Override
    public Optional<Contact> find(long contactId) {
        return store.read(r -> r.contact(contactId));
    }

    @Override
    public Contact update(long contactId, ContactUpdate update, long actingAgentId) {
        ContactUpdate clean = validate(update);
        return runner.change(c -> {
            c.tx.agent(actingAgentId).orElseThrow(() -> new NotFoundException("Agent", actingAgentId));
            Contact current = c.tx.contact(contactId).orElseThrow(() -> new NotFoundException("Contact", contactId));
            Contact saved = c.tx.saveContact(new Contact(current.id(), clean.name(), clean.email(), clean.address(),
                    clean.phone(), current.identities()));
            c.publish(new Event(DirectoryEvents.CONTACT_CHANGED, Map.of(DirectoryEvents.CONTACT_ID, contactId)));
            return saved;
        });
    }

    /** Trims every field and checks it; all problems are reported at once. */
    static ContactUpdate validate(ContactUpdate update) {
        String name = trim(update.name());
        String email = trim(update.email());
        String address = trim(update.address());
        String phone = trim(update.phone()).replaceAll("[\\s().-]", "");
        Map<String, String> errors = new LinkedHashMap<>();
        if (name.length() > MAX_NAME) {
            errors.put("name", "A name has at most " + MAX_NAME + " characters");
        }
        if (!email.isEmpty() && (email.length() > MAX_EMAIL || !EMAIL.matcher(email).matches())) {
            errors.put("email", "Not an email address: expected name@example.com");
        }
        if (address.length() > MAX_ADDRESS) {
            errors.put("address", "An address has at most " + MAX_ADDRESS + " characters");
        }
        if (!phone.isEmpty() && !E164.matcher(phone).matches()) {
            errors.put("phone", "Not an international number: expected + and country code, e.g. +4915123456789");
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        return new ContactUpdate(name, email, address, phone);
    }

    private static String trim(String value) {
        return value == null ? "" : value.strip();
    }

    @Override
    public List<Conversation> conversations(long contactId, int limit) {
        return store.read(r -> r.conversationsOfContact(contactId, Math.max(1, Math.min(limit, 500))));
    }
}
