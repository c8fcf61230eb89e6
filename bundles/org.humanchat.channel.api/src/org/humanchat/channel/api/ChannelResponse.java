package org.humanchat.channel.api;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

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

    /**
     * 200 once every one of the messages is stored (for {@link ChannelConnector#handleLater}), or the failure of one
     * of them: the platform delivers again what was not acknowledged.
     */
    public static CompletionStage<ChannelResponse> okOnceStored(List<CompletionStage<ChannelContext.Stored>> stored) {
        return CompletableFuture.allOf(stored.stream().map(CompletionStage::toCompletableFuture)
                .toArray(CompletableFuture[]::new)).thenApply(all -> ok());
    }

    /**
     * Waits for an answer given later: for a connector's {@link ChannelConnector#handle} that does its work in
     * {@link ChannelConnector#handleLater}. A {@link ChannelException} the stage failed with is thrown as it is.
     */
    public static ChannelResponse await(CompletionStage<ChannelResponse> answer) throws ChannelException {
        try {
            return answer.toCompletableFuture().join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof ChannelException refused) {
                throw refused;
            }
            throw e.getCause() instanceof RuntimeException failure ? failure : e;
        }
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
