package org.humanchat.core.spi;

import org.osgi.annotation.versioning.ProviderType;

/** What an agent's reading changes in the inbox: which conversations are unread for them. */
@ProviderType
public interface InboxWrites extends InboxReads {

    /** Records that the agent saw the conversation at this time (later times only move it forward). */
    void markSeen(long agentId, long conversationId, long seenAtMillis);
}
