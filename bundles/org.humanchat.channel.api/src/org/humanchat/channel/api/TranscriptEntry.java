package org.humanchat.channel.api;

import java.time.Instant;
import java.util.List;

/**
 * One message of an end user's conversation as the end user may see it (no internal timeline events).
 *
 * @param fromEndUser whether the end user wrote it
 * @param authorName  the agent's or Brain's name for their messages, else empty
 */
public record TranscriptEntry(long id, boolean fromEndUser, String authorName, String text, List<FileRef> files,
        Instant createdAt) {

    public TranscriptEntry {
        files = List.copyOf(files);
    }
}
