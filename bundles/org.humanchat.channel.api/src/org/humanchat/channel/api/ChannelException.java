package org.humanchat.channel.api;

/**
 * A request the connector refuses. The endpoint answers with {@link #status()} and a JSON body
 * {@code {"error": code, "message": message}}; nothing of the request is stored.
 */
public class ChannelException extends Exception {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;
    private final long retryAfterSeconds;

    public ChannelException(int status, String code, String message) {
        this(status, code, message, 0);
    }

    public ChannelException(int status, String code, String message, long retryAfterSeconds) {
        super(message);
        this.status = status;
        this.code = code;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public static ChannelException malformed(String message) {
        return new ChannelException(400, "malformed", message);
    }

    public static ChannelException badSignature(String message) {
        return new ChannelException(401, "bad_signature", message);
    }

    public static ChannelException forbidden(String message) {
        return new ChannelException(403, "forbidden", message);
    }

    public static ChannelException notFound(String message) {
        return new ChannelException(404, "not_found", message);
    }

    public static ChannelException tooLarge(String message) {
        return new ChannelException(413, "too_large", message);
    }

    public static ChannelException unsupportedMedia(String message) {
        return new ChannelException(415, "unsupported_media", message);
    }

    public static ChannelException tooManyRequests(long retryAfterSeconds) {
        return new ChannelException(429, "rate_limited", "Too many messages; wait " + retryAfterSeconds + " s",
                retryAfterSeconds);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    /** For 429: how long the client should wait. */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
