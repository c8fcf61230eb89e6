package org.humanchat.brain.api;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a Brain is given: the conversation, the contact, and its recent history, oldest first, ending with the
 * message to answer (when there is one).
 *
 * @param channelType the channel's connector type, e.g. {@code "webchat"}; Brains may answer differently per channel
 */
public record BrainRequest(long brainId, long conversationId, long environmentId, String channelType,
        BrainContact contact, List<HistoryEntry> history) {

    public BrainRequest {
        Objects.requireNonNull(channelType, "channelType");
        Objects.requireNonNull(contact, "contact");
        history = List.copyOf(history);
    }

    /** The newest message from the end user, the one to answer. */
    public Optional<HistoryEntry> latestFromUser() {
        for (int i = history.size() - 1; i >= 0; i--) {
            if (history.get(i).author() == HistoryEntry.Author.END_USER) {
                return Optional.of(history.get(i));
            }
        }
        return Optional.empty();
    }

    /** The text of the newest end-user message, or empty. */
    public String latestText() {
        return latestFromUser().map(HistoryEntry::text).orElse("");
    }
}
