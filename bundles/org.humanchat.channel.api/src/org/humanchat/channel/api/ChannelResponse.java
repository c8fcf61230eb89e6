package org.humanchat.channel.api;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;

/**
 * What the endpoint answers. A body is bytes, a stream (files, closed by the endpoint) or an event stream
 * (Server-Sent Events, kept open until the client leaves).
 */
public record ChannelResponse(int status, String contentType, byte[] body, InputStream stream, EventStream events,
        Map<String, String> headers) {

    /** Feeds a Server-Sent Events response. */
    @FunctionalInterface
    public interface EventStream {
        /** Called once the response is open; keep the sink to push events until it closes. */
        void opened(EventSink sink);
    }

    public ChannelResponse {
        headers = Map.copyOf(headers);
    }

    public static ChannelResponse ok() {
        return new ChannelResponse(200, null, new byte[0], null, null, Map.of());
    }

    public static ChannelResponse json(int status, byte[] json) {
        return new ChannelResponse(status, "application/json", json, null, null, Map.of());
    }

    public static ChannelResponse text(int status, String contentType, String text) {
        return new ChannelResponse(status, contentType, text.getBytes(StandardCharsets.UTF_8), null, null, Map.of());
    }

    public static ChannelResponse file(String contentType, InputStream content, Map<String, String> headers) {
        return new ChannelResponse(200, contentType, null, Objects.requireNonNull(content), null, headers);
    }

    public static ChannelResponse events(EventStream events) {
        return new ChannelResponse(200, "text/event-stream", null, null, Objects.requireNonNull(events), Map.of());
    }

    public ChannelResponse withHeader(String name, String value) {
        var all = new java.util.HashMap<>(headers);
        all.put(name, value);
        return new ChannelResponse(status, contentType, body, stream, events, all);
    }
}
