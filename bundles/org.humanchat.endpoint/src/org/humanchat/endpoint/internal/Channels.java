package org.humanchat.endpoint.internal;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongConsumer;

import org.humanchat.api.model.Agent;
import org.humanchat.api.model.AuthorKind;
import org.humanchat.api.model.Brain;
import org.humanchat.api.model.Message;
import org.humanchat.api.service.AttachmentStore;
import org.humanchat.api.service.ConversationService;
import org.humanchat.api.service.DeliveryService;
import org.humanchat.api.service.DirectoryService;
import org.humanchat.channel.api.ChannelConnector;
import org.humanchat.channel.api.ChannelContext;
import org.osgi.service.component.ComponentServiceObjects;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running channel connectors (whiteboard, by {@link ChannelConnector#CHANNEL_ID}) and the context each one is
 * given. A connector that starts or stops at runtime is picked up or dropped at once.
 */
@Component(service = Channels.class)
public final class Channels {

    private static final Logger LOG = LoggerFactory.getLogger(Channels.class);

    private final Map<Long, ChannelConnector> connectors = new ConcurrentHashMap<>();
    private final Map<Long, ChannelContext> contexts = new ConcurrentHashMap<>();
    private final CopyOnWriteArrayList<LongConsumer> arrivals = new CopyOnWriteArrayList<>();
    private final Map<String, String> authorNames = new ConcurrentHashMap<>();
    private final Lazy<Services> services;

    /** The domain services a channel context works with. */
    private record Services(ConversationService conversations, DeliveryService deliveries,
            AttachmentStore attachments, DirectoryService directory) {
    }

    /**
     * The domain services are taken at their first use, not at activation: the endpoint starts with the framework,
     * and taking them then would open the database on the framework's start-up thread.
     */
    @Activate
    public Channels(@Reference ComponentServiceObjects<ConversationService> conversations,
            @Reference ComponentServiceObjects<DeliveryService> deliveries,
            @Reference ComponentServiceObjects<AttachmentStore> attachments,
            @Reference ComponentServiceObjects<DirectoryService> directory) {
        this.services = new Lazy<>(() -> new Services(conversations.getService(), deliveries.getService(),
                attachments.getService(), directory.getService()));
    }

    private Channels(Services services) {
        this.services = new Lazy<>(() -> services);
    }

    /**
     * Channels over services at hand (tests, benchmarks). A factory, not a constructor: SCR picks the constructor by
     * its number of parameters, and a second one with four would be taken instead of the lazy one.
     */
    public static Channels over(ConversationService conversations, DeliveryService deliveries,
            AttachmentStore attachments, DirectoryService directory) {
        return new Channels(new Services(conversations, deliveries, attachments, directory));
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    public void addConnector(ChannelConnector connector, Map<String, Object> properties) {
        channelId(properties).ifPresent(id -> {
            ChannelConnector previous = connectors.put(id, connector);
            if (previous != null && previous != connector) {
                LOG.warn("Two connectors claim channel {}; the newer one serves it", id);
            }
            LOG.info("Channel {} is running ({})", id, connector.getClass().getSimpleName());
            arrivals.forEach(listener -> listener.accept(id));
        });
    }

    public void removeConnector(ChannelConnector connector, Map<String, Object> properties) {
        channelId(properties).ifPresent(id -> {
            if (connectors.remove(id, connector)) {
                LOG.info("Channel {} stopped", id);
            }
        });
    }

    static Optional<Long> channelId(Map<String, Object> properties) {
        Object id = properties.get(ChannelConnector.CHANNEL_ID);
        if (id instanceof Number number) {
            return Optional.of(number.longValue());
        }
        if (id instanceof String text) {
            try {
                return Optional.of(Long.parseLong(text.strip()));
            } catch (NumberFormatException e) {
                LOG.warn("A channel connector has a bad {}: {}", ChannelConnector.CHANNEL_ID, text);
            }
        }
        return Optional.empty();
    }

    Optional<ChannelConnector> connector(long channelId) {
        return Optional.ofNullable(connectors.get(channelId));
    }

    int count() {
        return connectors.size();
    }

    /** The channels a connector serves in this runtime now. */
    Set<Long> served() {
        return Set.copyOf(connectors.keySet());
    }

    ChannelContext context(long channelId) {
        return contexts.computeIfAbsent(channelId,
                id -> new ChannelContextImpl(id, services.get().conversations(), services.get().deliveries(),
                        services.get().attachments(), this::authorName));
    }

    /** Tells {@code listener} the id of each channel whose connector starts from now on. */
    void onArrival(LongConsumer listener) {
        arrivals.add(listener);
    }

    /** The name an end user sees on a message: the agent's or the Brain's, else empty. */
    String authorName(Message m) {
        if (m.authorKind() == AuthorKind.AGENT) {
            return authorNames.computeIfAbsent("a" + m.authorId(),
                    k -> services.get().directory().agent(m.authorId()).map(Agent::name).orElse("Agent"));
        }
        if (m.authorKind() == AuthorKind.BRAIN) {
            return authorNames.computeIfAbsent("b" + m.authorId(),
                    k -> services.get().directory().brain(m.authorId()).map(Brain::name).orElse("Assistant"));
        }
        return "";
    }
}
