package org.humanchat.core.spi;

import org.humanchat.api.model.Agent;
import org.humanchat.api.model.Brain;
import org.humanchat.api.model.Channel;
import org.humanchat.api.model.Environment;
import org.humanchat.api.model.QuickResponse;
import org.osgi.annotation.versioning.ProviderType;

/** The set-up inside a transaction. Items with id 0 are created and come back with their new id. */
@ProviderType
public interface DirectoryWrites extends DirectoryReads {

    Environment saveEnvironment(Environment environment);

    Channel saveChannel(Channel channel);

    Brain saveBrain(Brain brain);

    Agent saveAgent(Agent agent);

    QuickResponse saveQuickResponse(QuickResponse quickResponse);

    void deleteQuickResponse(long quickResponseId);

    /** Remembers a tag name for completion. */
    void rememberTag(String tag);

    /**
     * Renames a tag on every conversation that has it (merging it into {@code to} where both are there) and in the
     * list of known tags. Returns how many conversations had it.
     */
    int renameTag(String from, String to);

    /** Takes a tag off every conversation and out of the known tags. Returns how many conversations had it. */
    int deleteTag(String tag);
}
