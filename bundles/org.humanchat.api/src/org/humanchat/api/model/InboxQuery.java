package org.humanchat.api.model;

import java.util.Objects;

/**
 * One page of one inbox tab, newest activity first.
 *
 * @param agentId       the agent looking (decides what "Me" means)
 * @param search        text to find in the contact's name, email or phone or in message text; empty for all
 * @param environmentId only this environment, or 0 for all
 * @param channelId     only this channel, or 0 for all
 * @param tag           only conversations with this tag, or empty for all
 * @param oldestFirst   longest waiting first instead of newest activity first
 */
public record InboxQuery(InboxTab tab, long agentId, String search, long environmentId, long channelId, String tag,
        boolean oldestFirst, int offset, int limit) {

    public static final int MAX_LIMIT = 500;

    public InboxQuery {
        Objects.requireNonNull(tab, "tab");
        search = search == null ? "" : search.strip();
        tag = tag == null ? "" : Tag.normalize(tag);
        if (offset < 0 || limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("offset must be >= 0 and limit in 1.." + MAX_LIMIT);
        }
    }

    public static InboxQuery firstPage(InboxTab tab, long agentId, int limit) {
        return new InboxQuery(tab, agentId, "", 0, 0, "", false, 0, limit);
    }

    public InboxQuery withPage(int newOffset, int newLimit) {
        return new InboxQuery(tab, agentId, search, environmentId, channelId, tag, oldestFirst, newOffset, newLimit);
    }

    public boolean isFiltered() {
        return !search.isEmpty() || environmentId != 0 || channelId != 0 || !tag.isEmpty();
    }
}
