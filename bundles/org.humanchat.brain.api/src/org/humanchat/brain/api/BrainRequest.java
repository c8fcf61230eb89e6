package org.humanchat.brain.api;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.humanchat.api.model.AuthorKind;
import org.humanchat.api.model.Contact;
import org.humanchat.api.model.Message;

/**
 * What a Brain is given: the conversation, the contact, and its recent history, oldest first, ending with the
 * message to answer (when there is one).
 *
 * @param channelType the channel's connector type, e.g. {@code "webchat"}; Brains may answer differently per channel
 */
public record BrainRequest(long brainId, long conversationId, long environmentId, String channelType, Contact contact,
        List<Message> history) {

    public BrainRequest {
        Objects.requireNonNull(channelType, "channelType");
        Objects.requireNonNull(contact, "contact");
        history = List.copyOf(history);
    }

    /** The newest message from the end user, the one to answer. */
    public Optional<Message> latestFromUser() {
        for (int i = history.size() - 1; i >= 0; i--) {
            if (history.get(i).authorKind() == AuthorKind.END_USER) {
                return Optional.of(history.get(i));
            }
        }
        return Optional.empty();
    }

    /** The text of the newest end-user message, or empty. */
    public String latestText() {
        return latestFromUser().map(Message::text).orElse("");
    }
}
