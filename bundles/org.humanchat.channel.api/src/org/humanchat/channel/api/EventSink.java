package org.humanchat.channel.api;

/** The open end of a Server-Sent Events response. Thread-safe; sending never blocks the caller for long. */
public interface EventSink {

    /** Queues an event; {@code false} once the client has gone. */
    boolean send(String event, String data);

    boolean isOpen();

    /** Runs {@code action} once the client has gone or the endpoint stops (at once if that has happened). */
    void onClose(Runnable action);

    void close();
}
