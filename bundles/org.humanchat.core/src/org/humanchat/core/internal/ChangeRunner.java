package org.humanchat.core.internal;

import java.time.Clock;
import java.util.List;
import java.util.function.Function;

import org.humanchat.core.spi.ConversationStore;
import org.humanchat.core.spi.StoredEvent;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;

/** Runs a change in a store transaction and publishes its events after the commit, never before. */
final class ChangeRunner {

    private record Outcome<T>(T value, List<StoredEvent> events) {
    }

    private final ConversationStore store;
    private final EventAdmin eventAdmin;
    private final Clock clock;

    ChangeRunner(ConversationStore store, EventAdmin eventAdmin, Clock clock) {
        this.store = store;
        this.eventAdmin = eventAdmin;
        this.clock = clock;
    }

    <T> T change(Function<ChangeSet, T> work) {
        Outcome<T> outcome = store.write(tx -> {
            ChangeSet changes = new ChangeSet(tx, clock);
            T value = work.apply(changes);
            List<StoredEvent> events = List.copyOf(changes.events());
            if (!events.isEmpty()) {
                tx.announce(events); // for other runtimes on the same database, with the commit
            }
            return new Outcome<>(value, events);
        });
        outcome.events().forEach(e -> eventAdmin.postEvent(new Event(e.topic(), e.properties())));
        return outcome.value();
    }
}
