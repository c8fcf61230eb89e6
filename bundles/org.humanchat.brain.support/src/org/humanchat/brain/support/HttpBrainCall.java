package org.humanchat.brain.support;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.util.function.Function;

import org.humanchat.brain.api.BrainAnswer;
import org.humanchat.brain.api.BrainUnavailableException;

/**
 * One request to a Brain over HTTP, with the retry policy applied the way every HTTP Brain wants it: timeouts,
 * refused connections, 5xx and 429 are retried; other 4xx and answers the reader rejects (by throwing
 * {@link IllegalArgumentException} with the reason) are not.
 */
public final class HttpBrainCall {

    private HttpBrainCall() {
    }

    /**
     * @param who    how messages name the Brain, e.g. "Rasa"
     * @param reader turns a 2xx body into an answer
     */
    public static BrainAnswer send(HttpClient http, HttpRequest request, RetryPolicy policy, String who,
            Function<byte[], BrainAnswer> reader) throws BrainUnavailableException {
        return policy.run(() -> {
            HttpResponse<byte[]> response;
            try {
                response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            } catch (HttpTimeoutException e) {
                throw new RetryPolicy.Failure(who + " did not answer within "
                        + request.timeout().map(t -> t.toMillis() + " ms").orElse("its timeout"), true, e);
            } catch (ConnectException e) {
                throw new RetryPolicy.Failure(who + " refused the connection", true, e);
            } catch (IOException e) {
                throw new RetryPolicy.Failure(who + " could not be reached (" + e.getClass().getSimpleName() + ")",
                        true, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RetryPolicy.Failure(who + " was interrupted", false, e);
            }
            int status = response.statusCode();
            if (status >= 500 || status == 429) {
                throw new RetryPolicy.Failure(who + " answered HTTP " + status, true, null);
            }
            if (status < 200 || status >= 300) {
                throw new RetryPolicy.Failure(who + " answered HTTP " + status, false, null);
            }
            try {
                return reader.apply(response.body());
            } catch (IllegalArgumentException malformed) {
                throw new RetryPolicy.Failure(who + " " + malformed.getMessage(), false, malformed);
            }
        });
    }
}
