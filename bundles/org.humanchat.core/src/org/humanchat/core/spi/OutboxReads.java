package org.humanchat.core.spi;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.osgi.annotation.versioning.ProviderType;

/** Reads of the outbox: which outbound messages are due, and which one a platform reports on. */
@ProviderType
public interface OutboxReads {

    /**
     * Ids of pending outbound messages due at {@code nowMillis}, the longest due first; only of {@code channelIds}
     * unless that is null.
     */
    List<Long> due(long nowMillis, int limit, Set<Long> channelIds);

    /** When the earliest pending outbound message (of {@code channelIds}, unless null) is due, in epoch ms. */
    Optional<Long> nextDue(Set<Long> channelIds);

    /** The outbound message a channel knows under {@code platformRef}. */
    Optional<Long> byPlatformRef(long channelId, String platformRef);
}
