package org.humanchat.endpoint.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.humanchat.api.connector.ConnectorAdmin;
import org.humanchat.api.event.ConversationEvents;
import org.humanchat.api.event.DirectoryEvents;
import org.humanchat.api.service.AuditService;
import org.humanchat.channel.api.EventSink;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The agent API's live changes ({@code GET /api/v1/events}): every conversation, set-up, audit and connector event of
 * this runtime (those of other runtimes on a shared database come through it too), as Server-Sent Events with ids.
 * The last {@value #KEPT} are kept, so that a client that reconnects with {@code Last-Event-ID} gets what it missed;
 * one further behind, or from before this runtime started, gets a {@code reset} event and reads its views again.
 */
@Component(service = { AgentEvents.class, EventHandler.class }, property = {
        EventConstants.EVENT_TOPIC + "=" + ConversationEvents.ALL,
        EventConstants.EVENT_TOPIC + "=" + ConversationEvents.SEEN,
        EventConstants.EVENT_TOPIC + "=" + DirectoryEvents.ALL,
        EventConstants.EVENT_TOPIC + "=" + AuditService.RECORDED,
        EventConstants.EVENT_TOPIC + "=" + ConnectorAdmin.CHANGED })
public final class AgentEvents implements EventHandler {

    static final int KEPT = 10_000;

    /** An event as sent: its id, its name (the topic's last part, lower case) and its JSON. */
    record Sent(long sequence, String name, String data) {
    }

    /** Ids are {@code <this runtime's start>-<sequence>}: an id of another run is too old to resume from. */
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final Deque<Sent> recent = new ArrayDeque<>();
    private final Set<EventSink> clients = ConcurrentHashMap.newKeySet();
    private long sequence;

    @Override
    public void handleEvent(Event event) {
        ObjectNode data = Json.MAPPER.createObjectNode();
        String topic = event.getTopic();
        data.put("topic", topic);
        for (String name : event.getPropertyNames()) {
            if (name.equals(EventConstants.EVENT_TOPIC)) {
                continue;
            }
            Object value = event.getProperty(name);
            if (value instanceof Number n) {
                data.put(name, n.longValue());
            } else if (value instanceof Boolean b) {
                data.put(name, b);
            } else if (value != null) {
                data.put(name, value.toString());
            }
        }
        String name = topic.substring(topic.lastIndexOf('/') + 1).toLowerCase(java.util.Locale.ROOT);
        Sent sent;
        List<EventSink> to;
        synchronized (recent) {
            sent = new Sent(++sequence, kind(topic) + "." + name, new String(Json.bytes(data),
                    java.nio.charset.StandardCharsets.UTF_8));
            recent.addLast(sent);
            if (recent.size() > KEPT) {
                recent.removeFirst();
            }
            to = new ArrayList<>(clients);
        }
        for (EventSink client : to) {
            send(client, sent);
        }
    }

    private static String kind(String topic) {
        String[] parts = topic.split("/");
        return parts.length >= 3 ? parts[2] : "event";
    }

    /**
     * Streams to a new client: first what it missed after {@code lastEventId} (if that is still kept), or a
     * {@code reset} event when it asked for more than is kept; then every event as it comes.
     */
    void subscribe(EventSink client, String lastEventId) {
        List<Sent> missed = new ArrayList<>();
        boolean reset = false;
        synchronized (recent) {
            if (lastEventId != null && !lastEventId.isBlank()) {
                long after = sequenceOf(lastEventId.strip());
                long oldestKept = recent.isEmpty() ? sequence + 1 : recent.peekFirst().sequence();
                if (after < 0 || after > sequence || after + 1 < oldestKept) {
                    reset = true;
                } else {
                    for (Sent s : recent) {
                        if (s.sequence() > after) {
                            missed.add(s);
                        }
                    }
                }
            }
            clients.add(client); // under the lock: no event falls between the missed ones and the live ones
            if (reset) {
                sendReset(client);
            }
            missed.forEach(s -> send(client, s));
        }
        client.onClose(() -> clients.remove(client));
    }

    private void sendReset(EventSink client) {
        String id = run + "-" + sequence;
        String data = "{\"reason\":\"Too many changes were missed: read the views again\"}";
        if (client instanceof SseSink sse) {
            sse.send(id, "reset", data);
        } else {
            client.send("reset", data);
        }
    }

    private void send(EventSink client, Sent sent) {
        if (client instanceof SseSink sse) {
            sse.send(run + "-" + sent.sequence(), sent.name(), sent.data());
        } else {
            client.send(sent.name(), sent.data());
        }
    }

    /** The sequence of an id of this run; -1 for an id of another run or none at all. */
    private long sequenceOf(String id) {
        int dash = id.lastIndexOf('-');
        if (dash < 0 || !id.substring(0, dash).equals(run)) {
            return -1;
        }
        try {
            return Long.parseLong(id.substring(dash + 1));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    public int clients() {
        return clients.size();
    }
}
