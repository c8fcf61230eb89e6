package org.humanchat.core.spi;

import java.util.List;
import java.util.Optional;

import org.humanchat.api.model.Agent;
import org.humanchat.api.model.Brain;
import org.humanchat.api.model.Channel;
import org.humanchat.api.model.Environment;
import org.humanchat.api.model.QuickResponse;
import org.osgi.annotation.versioning.ProviderType;

/** Reads of the set-up: environments, channels, Brains, agents, quick responses and known tags. */
@ProviderType
public interface DirectoryReads {

    List<Environment> environments();

    Optional<Environment> environment(long environmentId);

    List<Channel> channels();

    Optional<Channel> channel(long channelId);

    List<Brain> brains();

    Optional<Brain> brain(long brainId);

    List<Agent> agents();

    Optional<Agent> agent(long agentId);

    Optional<Agent> agentByEmail(String email);

    List<QuickResponse> quickResponses(long environmentId);

    Optional<QuickResponse> quickResponse(long quickResponseId);

    /** The tag names known for completion, in order. */
    List<String> tags();
}
