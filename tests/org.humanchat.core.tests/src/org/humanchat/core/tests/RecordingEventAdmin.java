package org.humanchat.core.tests;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.event.EventHandler;

/** Keeps every event the rules publish, in order, and hands each to the handlers registered with it. */
public final class RecordingEventAdmin implements EventAdmin {

    public final List<Event> events = new CopyOnWriteArrayList<>();
    private final List<EventHandler> handlers = new CopyOnWriteArrayList<>();

    /** Delivers every later event to the handler too, on the publishing thread, as EventAdmin would in order. */
    public void deliverTo(EventHandler handler) {
        handlers.add(handler);
    }

    @Override
    public void postEvent(Event event) {
        events.add(event);
        handlers.forEach(h -> h.handleEvent(event));
    }

    @Override
    public void sendEvent(Event event) {
        postEvent(event);
    }

    public List<String> topics() {
        return events.stream().map(Event::getTopic).map(t -> t.substring(t.lastIndexOf('/') + 1)).toList();
    }

    public void clear() {
        events.clear();
    }
}
