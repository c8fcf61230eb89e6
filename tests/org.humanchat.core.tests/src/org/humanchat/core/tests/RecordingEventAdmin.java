package org.humanchat.core.tests;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;

/** Keeps every event the rules publish, in order. */
final class RecordingEventAdmin implements EventAdmin {

    final List<Event> events = new CopyOnWriteArrayList<>();

    @Override
    public void postEvent(Event event) {
        events.add(event);
    }

    @Override
    public void sendEvent(Event event) {
        events.add(event);
    }

    List<String> topics() {
        return events.stream().map(Event::getTopic).map(t -> t.substring(t.lastIndexOf('/') + 1)).toList();
    }

    void clear() {
        events.clear();
    }
}
