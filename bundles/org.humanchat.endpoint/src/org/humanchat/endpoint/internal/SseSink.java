package org.humanchat.endpoint.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Blocker;
import org.eclipse.jetty.util.Callback;
import org.humanchat.channel.api.EventSink;

/**
 * A Server-Sent Events response: events are queued by any thread and written, in order, by one virtual thread per
 * stream, which also sends a comment every {@code heartbeatMillis} so that dead clients are noticed and proxies keep
 * the connection open.
 */
final class SseSink implements EventSink {

    private static final String CLOSE = "\u0000close";
    private static final int MAX_QUEUED = 1_000;

    private final Response response;
    private final Callback callback;
    private final long heartbeatMillis;
    private final LinkedBlockingQueue<String> queue = new LinkedBlockingQueue<>(MAX_QUEUED);
    private final AtomicBoolean open = new AtomicBoolean(true);
    private final List<Runnable> onClose = new CopyOnWriteArrayList<>();

    SseSink(Response response, Callback callback, long heartbeatMillis) {
        this.response = response;
        this.callback = callback;
        this.heartbeatMillis = heartbeatMillis;
    }

    void start() {
        Thread.ofVirtual().name("humanchat-sse").start(this::drain);
    }

    @Override
    public boolean send(String event, String data) {
        return send(null, event, data);
    }

    /** The same with an id, which the client sends back as Last-Event-ID when it reconnects. */
    boolean send(String id, String event, String data) {
        if (!open.get()) {
            return false;
        }
        StringBuilder frame = new StringBuilder();
        if (id != null && !id.isEmpty()) {
            frame.append("id: ").append(id.replaceAll("[\r\n]", "")).append('\n');
        }
        if (event != null && !event.isEmpty()) {
            frame.append("event: ").append(event.replaceAll("[\r\n]", "")).append('\n');
        }
        for (String line : data.split("\r\n|\r|\n", -1)) {
            frame.append("data: ").append(line).append('\n');
        }
        frame.append('\n');
        if (!queue.offer(frame.toString())) {
            close(); // a client that reads nothing for a thousand events has gone
            return false;
        }
        return true;
    }

    @Override
    public boolean isOpen() {
        return open.get();
    }

    @Override
    public void onClose(Runnable action) {
        onClose.add(action);
        if (!open.get()) {
            action.run();
        }
    }

    @Override
    public void close() {
        if (open.get()) {
            queue.clear();
            queue.offer(CLOSE);
        }
    }

    private void drain() {
        Throwable failure = null;
        try {
            write(": connected\n\n", false);
            while (true) {
                String frame = queue.poll(heartbeatMillis, TimeUnit.MILLISECONDS);
                if (frame == CLOSE) {
                    break;
                }
                write(frame == null ? ": ping\n\n" : frame, false);
            }
        } catch (Throwable e) {
            failure = e;
        } finally {
            open.set(false);
            onClose.forEach(Runnable::run);
            if (failure == null) {
                response.write(true, ByteBuffer.allocate(0), callback);
            } else {
                callback.failed(failure);
            }
        }
    }

    private void write(String text, boolean last) throws Exception {
        try (Blocker.Callback blocker = Blocker.callback()) {
            response.write(last, ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)), blocker);
            blocker.block();
        }
    }
}
