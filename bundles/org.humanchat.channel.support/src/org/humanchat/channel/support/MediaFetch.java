package org.humanchat.channel.support;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Optional;

import org.humanchat.channel.api.ChannelContext;
import org.humanchat.channel.api.ChannelException;
import org.humanchat.channel.api.FileRef;

/**
 * Fetches a file an end user sent from the platform's API and stores it. A file the store refuses (too large, not
 * what it claims) does not cost the message: it becomes a note in its text. A platform that cannot be reached
 * answers 503, so that it delivers the message again.
 */
public final class MediaFetch {

    private MediaFetch() {
    }

    /**
     * @param notes collects a line for each file that was not kept, to add to the message's text
     */
    public static Optional<FileRef> fetch(HttpClient http, HttpRequest request, String name, String mediaType,
            ChannelContext context, List<String> notes) throws ChannelException {
        HttpResponse<InputStream> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new ChannelException(503, "unavailable", "The file could not be fetched from the platform: "
                    + e.getClass().getSimpleName() + "; deliver again");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ChannelException(503, "unavailable", "Interrupted; deliver again");
        }
        try (InputStream body = response.body()) {
            int status = response.statusCode();
            if (status >= 500 || status == 429) {
                throw new ChannelException(503, "unavailable", "The platform answered HTTP " + status
                        + " for a file; deliver again");
            }
            if (status != 200) {
                notes.add("(" + name + " could not be fetched: HTTP " + status + ")");
                return Optional.empty();
            }
            byte[] content = body.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, context.maxFileBytes() + 1));
            try (InputStream in = new ByteArrayInputStream(content)) {
                return Optional.of(context.storeFile(name, mediaType, in));
            } catch (ChannelException refused) {
                notes.add("(" + name + " was not kept: " + refused.getMessage() + ")");
                return Optional.empty();
            }
        } catch (IOException e) {
            throw new ChannelException(503, "unavailable", "The file could not be read from the platform; deliver"
                    + " again");
        }
    }

    /** The message text with the notes of refused files after it. */
    public static String withNotes(String text, List<String> notes) {
        if (notes.isEmpty()) {
            return text == null ? "" : text;
        }
        String base = text == null || text.isBlank() ? "" : text + "\n";
        return base + String.join("\n", notes);
    }
}
