package org.humanchat.channel.api;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

import org.osgi.annotation.versioning.ProviderType;

/** What Human Chat offers a connector for one channel. */
@ProviderType
public interface ChannelContext {

    /** The result of {@link #receive}: where the message is stored, and whether it was a redelivery. */
    record Stored(long conversationId, long messageId, boolean duplicate) {
    }

    long channelId();

    /**
     * Stores a message from an end user; it is committed when this returns. A redelivery stores nothing and answers
     * with the stored message ({@code duplicate}).
     *
     * @throws ChannelException when the message breaks a rule (e.g. empty or too long): answer the platform 400
     */
    Stored receive(IncomingMessage message) throws ChannelException;

    /**
     * Stores a message as {@link #receive} does, without holding the request's thread while it is committed (see
     * {@link ChannelConnector#handleLater}). The stage completes once the message is committed, or fails with a
     * {@link ChannelException} for what {@code receive} would throw one for (or with the store's failure, answered
     * 503). What depends on it runs on a thread that completes many messages in turn: keep it short, never block.
     * Both refuse with a 503 {@code ChannelException} (Retry-After: 1) when more messages wait to be stored than the
     * store takes.
     */
    CompletionStage<Stored> receiveLater(IncomingMessage message);

    /**
     * Stores a file, checking its size and its media type against its content.
     *
     * @throws ChannelException 413 when too large, 415 when it is not what it claims to be
     */
    FileRef storeFile(String name, String mediaType, InputStream content) throws ChannelException, IOException;

    /** The content of a stored file; the caller closes it. */
    Optional<InputStream> openFile(String contentHash) throws IOException;

    /** The whole content of a stored file, for sending it: a missing file fails for good, a read error may pass. */
    default byte[] fileContent(FileRef file) throws SendException {
        try (InputStream in = openFile(file.contentHash())
                .orElseThrow(() -> SendException.permanent("The file " + file.name() + " is missing"))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw SendException.transientFailure("The file " + file.name() + " could not be read", e);
        }
    }

    /** The largest file accepted, in bytes. */
    long maxFileBytes();

    /**
     * The latest conversation of an end user on this channel, messages newer than {@code afterMessageId}, oldest
     * first, at most {@code limit}. Empty when the end user has none.
     */
    List<TranscriptEntry> transcript(String senderId, long afterMessageId, int limit);

    /** A platform reports what became of a sent message; {@code false} when no message has that reference. */
    boolean deliveryReport(String platformRef, boolean delivered, String reason);
}
