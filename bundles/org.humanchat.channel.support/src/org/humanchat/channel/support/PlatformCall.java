package org.humanchat.channel.support;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

import org.humanchat.channel.api.SendException;

/**
 * One call to a platform's API, with failures sorted the way the outbox needs them: timeouts, refused connections,
 * 5xx and 429 (with its Retry-After) may pass; other 4xx do not.
 */
public final class PlatformCall {

    private PlatformCall() {
    }

    /** Sends the request; returns the 2xx response, or throws a {@link SendException} describing the failure. */
    public static HttpResponse<byte[]> send(HttpClient http, HttpRequest request, String platform)
            throws SendException {
        return send(http, request, platform, body -> null);
    }

    /**
     * As {@link #send(HttpClient, HttpRequest, String)}, for platforms that say how long to wait in the body of a
     * 429 rather than in {@code Retry-After}: {@code retryAfter} reads it, or answers {@code null}.
     */
    public static HttpResponse<byte[]> send(HttpClient http, HttpRequest request, String platform,
            java.util.function.Function<byte[], Duration> retryAfter) throws SendException {
        HttpResponse<byte[]> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (HttpTimeoutException e) {
            throw SendException.transientFailure(platform + " did not answer in time", e);
        } catch (ConnectException e) {
            throw SendException.transientFailure(platform + " refused the connection", e);
        } catch (IOException e) {
            throw SendException.transientFailure(platform + " could not be reached (" + e.getClass().getSimpleName()
                    + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw SendException.transientFailure("Interrupted while sending to " + platform, e);
        }
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return response;
        }
        String detail = platform + " answered HTTP " + status + errorText(response.body());
        if (status == 429) {
            Duration wait = response.headers().firstValue("Retry-After").flatMap(PlatformCall::seconds)
                    .orElseGet(() -> retryAfter.apply(response.body()));
            throw new SendException(detail, true, wait, null);
        }
        if (status >= 500 || status == 408) {
            throw new SendException(detail, true, null, null);
        }
        throw SendException.permanent(detail);
    }

    private static java.util.Optional<Duration> seconds(String value) {
        try {
            long s = Long.parseLong(value.strip());
            return s >= 0 ? java.util.Optional.of(Duration.ofSeconds(Math.min(s, 3600))) : java.util.Optional.empty();
        } catch (NumberFormatException e) {
            return java.util.Optional.empty();
        }
    }

    /** A short excerpt of an error body, for the agent to read. */
    private static String errorText(byte[] body) {
        if (body == null || body.length == 0) {
            return "";
        }
        String text = new String(body, 0, Math.min(body.length, 300), java.nio.charset.StandardCharsets.UTF_8)
                .replaceAll("\\s+", " ").strip();
        return text.isEmpty() ? "" : ": " + text;
    }
}
