package org.humanchat.channel.runtime.internal;

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
import org.humanchat.api.service.StoreUnavailableException;
import org.humanchat.channel.api.ChannelConnector;
import org.humanchat.channel.api.ChannelContext;
import org.humanchat.channel.runtime.RunningChannels;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running channel connectors (whiteboard, by {@link ChannelConnector#CHANNEL_ID}) and the context each one is
 * given. A connector that starts or stops at runtime is picked up or dropped at once.
 * <p>
 * The domain services are optional and dynamic: they are registered once the database is open, and the endpoint
 * routes requests before that (and while the database is reconfigured). A context asks for them at each call, so
 * that it never holds a service that has gone; without them the call is refused as
 * {@link StoreUnavailableException}, which a platform is answered 503 (deliver it again later).
 */
@Component(service = { RunningChannels.class, Channels.class })
public final class Channels implements RunningChannels {

    private static final Logger LOG = LoggerFactory.getLogger(Channels.class);

    private final Map<Long, ChannelConnector> connectors = new ConcurrentHashMap<>();
    private final Map<Long, ChannelContext> contexts = new ConcurrentHashMap<>();
    private final CopyOnWriteArrayList<LongConsumer> arrivals = new CopyOnWriteArrayList<>();
    private final Map<String, String> authorNames = new ConcurrentHashMap<>();

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile ConversationService conversations;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile DeliveryService deliveries;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile AttachmentStore attachments;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile DirectoryService directory;

    public Channels() {
    }

    /** Channels over services at hand (tests, benchmarks). */
    public static Channels over(ConversationService conversations, DeliveryService deliveries,
            AttachmentStore attachments, DirectoryService directory) {
        Channels channels = new Channels();
        channels.conversations = conversations;
        channels.deliveries = deliveries;
        channels.attachments = attachments;
        channels.directory = directory;
        return channels;
    }

    ConversationService conversations() {
        return present(conversations);
    }

    DeliveryService deliveries() {
        return present(deliveries);
    }

    AttachmentStore attachments() {
        return present(attachments);
    }

    private DirectoryService directory() {
        return present(directory);
    }

    private static <T> T present(T service) {
        if (service == null) {
            throw new StoreUnavailableException("The database is not open (yet); try again shortly");
        }
        return service;
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

    @Override
    public Optional<ChannelConnector> connector(long channelId) {
        return Optional.ofNullable(connectors.get(channelId));
    }

    @Override
    public int count() {
        return connectors.size();
    }

    /** The channels a connector serves in this runtime now. */
    Set<Long> served() {
        return Set.copyOf(connectors.keySet());
    }

    @Override
    public ChannelContext context(long channelId) {
        return contexts.computeIfAbsent(channelId, id -> new ChannelContextImpl(id, this));
    }

    /** Tells {@code listener} the id of each channel whose connector starts from now on, until it is removed. */
    void onArrival(LongConsumer listener) {
        arrivals.add(listener);
    }

    void removeArrivalListener(LongConsumer listener) {
        arrivals.remove(listener);
    }

    /** The name an end user sees on a message: the agent's or the Brain's, else empty. */
    String authorName(Message m) {
        if (m.authorKind() == AuthorKind.AGENT) {
            return authorNames.computeIfAbsent("a" + m.authorId(),
                    k -> directory().agent(m.authorId()).map(Agent::name).orElse("Agent"));
        }
        if (m.authorKind() == AuthorKind.BRAIN) {
            return authorNames.computeIfAbsent("b" + m.authorId(),
                    k -> directory().brain(m.authorId()).map(Brain::name).orElse("Assistant"));
        }
        return "";
    }
}
