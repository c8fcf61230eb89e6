package org.humanchat.api.connector;

import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A configured connector instance (a WhatsApp number, a webhook Brain URL): a ConfigAdmin factory configuration.
 *
 * @param values     the configured values as text, without secrets
 * @param secretsSet the ids of secret fields that hold a value
 * @param status     whether it runs, e.g. "Running", "Connector stopped", "Not started: the secret is missing"
 * @param running    its connector service is registered
 */
public record ConnectorInstance(String pid, String factoryPid, Map<String, String> values, Set<String> secretsSet,
        boolean running, String status) {

    /**
     * The configuration property (a {@code Long}) that links a channel connector's instance to the channel it serves;
     * the same key as {@code org.humanchat.channel.api.ChannelConnector.CHANNEL_ID}, which the connector side reads
     * (the two API bundles know nothing of each other, a test checks that they agree).
     */
    public static final String CHANNEL_LINK = "humanchat.channel.id";

    /**
     * The configuration property (a {@code Long}) that links a Brain connector's instance to the Brain it serves;
     * the same key as {@code org.humanchat.brain.api.BrainConnector.BRAIN_ID}.
     */
    public static final String BRAIN_LINK = "humanchat.brain.id";

    public ConnectorInstance {
        Objects.requireNonNull(pid, "pid");
        Objects.requireNonNull(factoryPid, "factoryPid");
        values = Map.copyOf(values);
        secretsSet = Set.copyOf(secretsSet);
        Objects.requireNonNull(status, "status");
    }
}
