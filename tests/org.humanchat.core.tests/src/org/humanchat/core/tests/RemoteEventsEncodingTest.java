package org.humanchat.core.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.humanchat.api.event.ConversationEvents;
import org.humanchat.persistence.internal.RemoteEvents;
import org.junit.jupiter.api.Test;
import org.osgi.service.event.Event;

/** How events travel between runtimes: types and text kept, a big batch split under PostgreSQL's payload limit. */
class RemoteEventsEncodingTest {

    @Test
    void valuesKeepTheirTypesAndTextAndABigBatchIsSplit() {
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            events.add(new Event(ConversationEvents.MESSAGE_ADDED, Map.of(ConversationEvents.CONVERSATION_ID, 7L + i,
                    "count", i, "flag", true, ConversationEvents.TAGS, "vip,\\tab\there\nline " + i)));
        }
        List<String> payloads = RemoteEvents.encode("runtime-a", events);
        assertTrue(payloads.size() > 1, "200 events do not fit one payload");
        assertTrue(payloads.stream().allMatch(p -> p.getBytes(StandardCharsets.UTF_8).length <= 8000),
                "each payload within PostgreSQL's 8,000 bytes");
        List<Event> back = payloads.stream().flatMap(p -> RemoteEvents.decode(p, "runtime-b").stream()).toList();
        assertEquals(200, back.size());
        Event last = back.get(199);
        assertEquals(ConversationEvents.MESSAGE_ADDED, last.getTopic());
        assertEquals(206L, last.getProperty(ConversationEvents.CONVERSATION_ID));
        assertEquals(199, last.getProperty("count"));
        assertEquals(true, last.getProperty("flag"));
        assertEquals("vip,\\tab\there\nline 199", last.getProperty(ConversationEvents.TAGS));
        assertEquals(true, last.getProperty(ConversationEvents.REMOTE));
        assertEquals(List.of(), RemoteEvents.decode(payloads.get(0), "runtime-a"), "a runtime's own events stay out");
    }
}
