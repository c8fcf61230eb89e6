package org.humanchat.core.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.humanchat.api.event.ConversationEvents;
import org.humanchat.core.spi.StoredEvent;
import org.humanchat.persistence.internal.RemoteEvents;
import org.junit.jupiter.api.Test;

/** How events travel between runtimes: types and text kept, a big batch split under PostgreSQL's payload limit. */
class RemoteEventsEncodingTest {

    @Test
    void valuesKeepTheirTypesAndTextAndABigBatchIsSplit() {
        List<StoredEvent> events = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            events.add(new StoredEvent(ConversationEvents.MESSAGE_ADDED, Map.of(ConversationEvents.CONVERSATION_ID,
                    7L + i, "count", i, "flag", true, ConversationEvents.TAGS, "vip,\\tab\there\nline " + i)));
        }
        List<String> payloads = RemoteEvents.encode("runtime-a", events);
        assertTrue(payloads.size() > 1, "200 events do not fit one payload");
        assertTrue(payloads.stream().allMatch(p -> p.getBytes(StandardCharsets.UTF_8).length <= 8000),
                "each payload within PostgreSQL's 8,000 bytes");
        List<StoredEvent> back = payloads.stream().flatMap(p -> RemoteEvents.decode(p, "runtime-b").stream()).toList();
        assertEquals(200, back.size());
        StoredEvent last = back.get(199);
        assertEquals(ConversationEvents.MESSAGE_ADDED, last.topic());
        assertEquals(206L, last.properties().get(ConversationEvents.CONVERSATION_ID));
        assertEquals(199, last.properties().get("count"));
        assertEquals(true, last.properties().get("flag"));
        assertEquals("vip,\\tab\there\nline 199", last.properties().get(ConversationEvents.TAGS));
        assertEquals(true, last.properties().get(ConversationEvents.REMOTE));
        assertEquals(List.of(), RemoteEvents.decode(payloads.get(0), "runtime-a"), "a runtime's own events stay out");
    }

    @Test
    void anEventIsOneLineOfTopicAndTypedTabSeparatedValuesAfterTheRuntimesId() {
        // the wire format other runtimes (of this version or an older one) read
        String payload = String.join("\n", RemoteEvents.encode("runtime-a", List.of(new StoredEvent(
                ConversationEvents.SEEN, Map.of(ConversationEvents.CONVERSATION_ID, 7L)))));
        assertEquals("runtime-a\n" + ConversationEvents.SEEN + "\t" + ConversationEvents.CONVERSATION_ID + "=L7",
                payload);
        StoredEvent back = RemoteEvents.decode("runtime-a\n" + ConversationEvents.ASSIGNED + "\t"
                + ConversationEvents.CONVERSATION_ID + "=L9\t" + ConversationEvents.STATUS + "=SOPEN", "runtime-b")
                .get(0);
        assertEquals(ConversationEvents.ASSIGNED, back.topic());
        assertEquals(Map.of(ConversationEvents.CONVERSATION_ID, 9L, ConversationEvents.STATUS, "OPEN",
                ConversationEvents.REMOTE, true), back.properties());
    }
}
