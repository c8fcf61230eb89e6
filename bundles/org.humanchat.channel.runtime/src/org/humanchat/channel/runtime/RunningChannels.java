package org.humanchat.channel.runtime;

import java.util.Optional;

import org.humanchat.channel.api.ChannelConnector;
import org.humanchat.channel.api.ChannelContext;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The channel connectors running in this runtime (whiteboard services, by {@link ChannelConnector#CHANNEL_ID}) and
 * the context each is given, for whatever routes platforms' requests to them (the endpoint). A connector that starts
 * or stops at runtime is there or gone at once.
 */
@ProviderType
public interface RunningChannels {

    /** The connector serving the channel in this runtime now. */
    Optional<ChannelConnector> connector(long channelId);

    /**
     * The channel's context over the domain services. Always given; while the database is not open its calls throw
     * {@code org.humanchat.api.service.StoreUnavailableException}.
     */
    ChannelContext context(long channelId);

    /** How many channels a connector serves in this runtime now. */
    int count();
}
