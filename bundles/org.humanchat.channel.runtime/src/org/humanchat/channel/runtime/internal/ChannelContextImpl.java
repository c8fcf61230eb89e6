package org.humanchat.channel.runtime.internal;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

import org.humanchat.api.model.Conversation;
import org.humanchat.api.model.DeliveryState;
import org.humanchat.api.model.Direction;
import org.humanchat.api.model.InboundMessage;
import org.humanchat.api.model.InboundResult;
import org.humanchat.api.model.Message;
import org.humanchat.api.service.AttachmentRejectedException;
import org.humanchat.api.service.BusyException;
import org.humanchat.api.service.NotFoundException;
import org.humanchat.api.service.ValidationException;
import org.humanchat.channel.api.ChannelContext;
import org.humanchat.channel.api.ChannelException;
import org.humanchat.channel.api.FileRef;
import org.humanchat.channel.api.IncomingMessage;
import org.humanchat.channel.api.TranscriptEntry;

/** A connector's view of Human Chat for one channel, over the domain services. */
final class ChannelContextImpl implements ChannelContext {

    private static final int PAGE = 200;

    private final long channelId;
    private final Channels channels;

    /** Asks {@code channels} for the domain services at each call: they come and go with the database. */
    ChannelContextImpl(long channelId, Channels channels) {
        this.channelId = channelId;
        this.channels = channels;
    }

    @Override
    public long channelId() {
        return channelId;
    }

    @Override
    public Stored receive(IncomingMessage message) throws ChannelException {
        try {
            InboundResult result = channels.conversations().receive(inbound(message));
            return new Stored(result.conversationId(), result.messageId(), result.duplicate());
        } catch (RuntimeException e) {
            if (refusal(e) instanceof ChannelException refused) {
                throw refused;
            }
            throw e;
        }
    }

    @Override
    public CompletionStage<Stored> receiveLater(IncomingMessage message) {
        InboundMessage inbound;
        try {
            inbound = inbound(message);
        } catch (ChannelException e) {
            return CompletableFuture.failedFuture(e);
        }
        CompletableFuture<Stored> stored = new CompletableFuture<>();
        channels.conversations().receiveLater(inbound).whenComplete((result, failure) -> {
            if (failure == null) {
                stored.complete(new Stored(result.conversationId(), result.messageId(), result.duplicate()));
            } else {
                Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                        ? failure.getCause() : failure;
                stored.completeExceptionally(refusal(cause));
            }
        });
        return stored;
    }

    private InboundMessage inbound(IncomingMessage message) throws ChannelException {
        if (message.externalMessageId().isBlank() || message.externalMessageId().length() > 200) {
            throw ChannelException.malformed("A message id has 1 to 200 characters");
        }
        if (message.senderId().isBlank() || message.senderId().length() > 200) {
            throw ChannelException.malformed("A sender id has 1 to 200 characters");
        }
        return new InboundMessage(channelId, message.senderId(), message.senderName(), message.externalMessageId(),
                message.text(), FileRefs.attachments(message.files()), Instant.now());
    }

    /**
     * What the platform is told of a refused message: 400 for a broken rule, 404 for a channel not set up, 503 with
     * Retry-After when more waits to be stored than the store takes (the platform delivers it again). Any other
     * failure stays as it is (the endpoint answers a database's failure 503).
     */
    private Throwable refusal(Throwable e) {
        return switch (e) {
            case BusyException busy -> new ChannelException(503, "busy", busy.getMessage(), 1);
            case ValidationException broken -> ChannelException.malformed(broken.getMessage());
            case NotFoundException missing -> ChannelException.notFound("Channel " + channelId
                    + " is not set up in Human Chat");
            default -> e;
        };
    }

    @Override
    public FileRef storeFile(String name, String mediaType, InputStream content) throws ChannelException, IOException {
        try {
            return FileRefs.of(channels.attachments().store(name, mediaType, content));
        } catch (AttachmentRejectedException e) {
            throw e.tooLarge() ? ChannelException.tooLarge(e.getMessage())
                    : ChannelException.unsupportedMedia(e.getMessage());
        }
    }

    @Override
    public Optional<InputStream> openFile(String contentHash) throws IOException {
        return channels.attachments().open(contentHash);
    }

    @Override
    public long maxFileBytes() {
        return channels.attachments().maxBytes();
    }

    @Override
    public List<TranscriptEntry> transcript(String senderId, long afterMessageId, int limit) {
        Optional<Conversation> latest = channels.conversations().latestOf(channelId, senderId);
        if (latest.isEmpty()) {
            return List.of();
        }
        // Pages come newest first from the store; walk back until the known message, then keep the oldest new ones.
        List<Message> newer = new ArrayList<>();
        long before = 0;
        outer: while (true) {
            List<Message> page = channels.conversations().messages(latest.get().id(), before, PAGE);
            for (int i = page.size() - 1; i >= 0; i--) {
                if (page.get(i).id() <= afterMessageId) {
                    break outer;
                }
                newer.add(0, page.get(i));
            }
            if (page.size() < PAGE || newer.size() >= 10 * PAGE) {
                break;
            }
            before = page.get(0).id();
        }
        return newer.stream().filter(m -> m.direction() != Direction.INTERNAL).limit(limit).map(this::entry)
                .toList();
    }

    private TranscriptEntry entry(Message m) {
        return new TranscriptEntry(m.id(), m.direction() == Direction.INBOUND, channels.authorName(m), m.text(),
                FileRefs.of(m.attachments()), m.createdAt());
    }

    @Override
    public boolean deliveryReport(String platformRef, boolean delivered, String reason) {
        return channels.deliveries().platformStatus(channelId, platformRef, delivered ? DeliveryState.SENT : DeliveryState.FAILED,
                reason);
    }
}
