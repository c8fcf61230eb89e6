package org.humanchat.persistence.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.humanchat.api.event.ConversationEvents;
import org.humanchat.core.spi.StoredEvent;

/**
 * Events handed between runtimes that share one PostgreSQL database (desks and a headless server): a committing
 * transaction sends its events with {@code pg_notify} (delivered only on commit), and {@link RemoteEventRelay} in
 * every other runtime posts them to its own EventAdmin, marked {@link ConversationEvents#REMOTE}. Events are the
 * store's own values ({@link StoredEvent}) on both ends: what a runtime posts is its relay's business.
 * <p>
 * A payload is the sending runtime's id, then one event a line: the topic, then {@code key=value} pairs, tab
 * separated; a value starts with its type (L long, I int, S string, B boolean); tabs, line breaks and backslashes
 * in strings are escaped. Values of other types are not sent. PostgreSQL takes at most 8,000 bytes a payload, so
 * many events go in several payloads.
 */
public final class RemoteEvents {

    /** This runtime's id: its own events come back from the database too, and are not posted twice. */
    static final String ORIGIN = UUID.randomUUID().toString();
    private static final int MAX_PAYLOAD_BYTES = 7_000;

    private RemoteEvents() {
    }

    /** The notification channel of a database (and schema: tests share one server). */
    public static String channel(String schema) {
        return schema.isEmpty() ? "humanchat_events" : "humanchat_events_" + schema.toLowerCase(java.util.Locale.ROOT);
    }

    public static List<String> encode(String origin, List<StoredEvent> events) {
        List<String> payloads = new ArrayList<>();
        StringBuilder payload = new StringBuilder(origin);
        int bytes = origin.length();
        for (StoredEvent event : events) {
            String line = line(event);
            int lineBytes = line.getBytes(StandardCharsets.UTF_8).length + 1;
            if (lineBytes + origin.length() + 1 > MAX_PAYLOAD_BYTES) {
                continue; // one event larger than a payload (never seen: events carry ids and short texts)
            }
            if (bytes + lineBytes > MAX_PAYLOAD_BYTES) {
                payloads.add(payload.toString());
                payload = new StringBuilder(origin);
                bytes = origin.length();
            }
            payload.append('\n').append(line);
            bytes += lineBytes;
        }
        if (payload.length() > origin.length()) {
            payloads.add(payload.toString());
        }
        return payloads;
    }

    private static String line(StoredEvent event) {
        StringBuilder line = new StringBuilder(event.topic());
        for (Map.Entry<String, Object> property : event.properties().entrySet()) {
            String key = property.getKey();
            Object value = property.getValue();
            String typed = value instanceof Long l ? "L" + l
                    : value instanceof Integer i ? "I" + i
                    : value instanceof Boolean b ? "B" + b
                    : value instanceof String s ? "S" + escape(s) : null;
            if (typed != null && !key.equals("event.topics")) {
                line.append('\t').append(escape(key)).append('=').append(typed);
            }
        }
        return line.toString();
    }

    /** The events of a payload, marked remote; none when the payload is this runtime's own or unreadable. */
    public static List<StoredEvent> decode(String payload, String ownOrigin) {
        String[] lines = payload.split("\n");
        if (lines.length < 2 || lines[0].equals(ownOrigin)) {
            return List.of();
        }
        List<StoredEvent> events = new ArrayList<>(lines.length - 1);
        for (int i = 1; i < lines.length; i++) {
            String[] fields = lines[i].split("\t");
            Map<String, Object> properties = new HashMap<>();
            for (int f = 1; f < fields.length; f++) {
                int eq = fields[f].indexOf('=');
                if (eq <= 0 || eq + 1 >= fields[f].length()) {
                    continue;
                }
                String value = fields[f].substring(eq + 2);
                try {
                    properties.put(unescape(fields[f].substring(0, eq)), switch (fields[f].charAt(eq + 1)) {
                        case 'L' -> Long.valueOf(value);
                        case 'I' -> Integer.valueOf(value);
                        case 'B' -> Boolean.valueOf(value);
                        default -> unescape(value);
                    });
                } catch (NumberFormatException e) {
                    // a value this runtime cannot read is left out
                }
            }
            properties.put(ConversationEvents.REMOTE, Boolean.TRUE);
            events.add(new StoredEvent(fields[0], properties));
        }
        return events;
    }

    private static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r");
    }

    private static String unescape(String s) {
        if (s.indexOf('\\') < 0) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char next = s.charAt(++i);
                out.append(next == 't' ? '\t' : next == 'n' ? '\n' : next == 'r' ? '\r' : next);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
