package org.humanchat.api.model;

import java.util.Objects;

/**
 * A conversation as an inbox row shows it.
 *
 * @param assigneeName the agent's or Brain's name, or empty when waiting for a human
 * @param preview      the start of the last message
 */
public record InboxRow(Conversation conversation, String contactName, String channelType, String channelName,
        String environmentName, String assigneeName, String preview) {

    public InboxRow {
        Objects.requireNonNull(conversation, "conversation");
    }
}
