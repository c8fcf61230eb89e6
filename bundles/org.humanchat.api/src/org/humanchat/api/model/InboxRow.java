package org.humanchat.api.model;

import java.util.Objects;

/**
 * A conversation as an inbox row shows it.
 *
 * @param assigneeName the agent's or Brain's name, or empty when waiting for a human
 * @param preview      the start of the last message
 * @param unread       the end user wrote since the agent asking last looked at it
 */
public record InboxRow(Conversation conversation, String contactName, String channelType, String channelName,
        String environmentName, String assigneeName, String preview, boolean unread) {

    public InboxRow {
        Objects.requireNonNull(conversation, "conversation");
    }

    /** A row without an unread marker. */
    public InboxRow(Conversation conversation, String contactName, String channelType, String channelName,
            String environmentName, String assigneeName, String preview) {
        this(conversation, contactName, channelType, channelName, environmentName, assigneeName, preview, false);
    }
}
