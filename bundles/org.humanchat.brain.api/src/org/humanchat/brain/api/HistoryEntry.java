package org.humanchat.brain.api;

import java.time.Instant;
import java.util.Objects;

/**
 * One message of the conversation's history as a Brain sees it: who wrote it, what it says, when.
 *
 * @param id the message's id in Human Chat, increasing with time
 */
public record HistoryEntry(long id, Author author, String text, Instant createdAt) {

    /** Who wrote a message. SYSTEM entries are timeline events such as "Brain left" or "Assigned to Ana". */
    public enum Author {
        END_USER, BRAIN, AGENT, SYSTEM
    }

    public HistoryEntry {
        Objects.requireNonNull(author, "author");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(createdAt, "createdAt");
    }
}
