package org.humanchat.channel.api;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A running channel instance (a web chat widget, a WhatsApp number, a Telegram bot), registered as an OSGi service
 * (whiteboard) with the service property {@link #CHANNEL_ID} naming the channel it serves. Connector bundles usually
 * create one instance per ConfigAdmin factory configuration, so installing, configuring or stopping a channel at
 * runtime needs no restart.
 * <p>
 * The endpoint routes every request under {@code /channels/{channelId}/} to the connector of that channel. A message
 * the connector hands to {@link ChannelContext#receive} is committed before the call returns, so answering the
 * platform with a 2xx afterwards never loses it; a redelivery of the same platform message id stores nothing new.
 */
@ConsumerType
public interface ChannelConnector {

    /** Service property ({@code Long}): the id of the channel ({@code org.humanchat.api.model.Channel}) this serves. */
    String CHANNEL_ID = "humanchat.channel.id";

    /** The largest request body the endpoint reads for a request; larger ones are answered 413 unread. */
    long DEFAULT_BODY_LIMIT = 1024 * 1024;

    /**
     * Handles a platform's (or a browser's) request.
     *
     * @throws ChannelException for anything wrong with the request: bad signature, malformed body, rate limit. Its
     *                          status and message are what the caller gets; nothing is half-stored.
     */
    ChannelResponse handle(ChannelRequest request, ChannelContext context) throws ChannelException;

    /**
     * Handles a request without holding the endpoint's thread while its messages are committed: a connector that
     * stores with {@link ChannelContext#receiveLater} answers a stage, and the endpoint writes the answer when it
     * completes; meanwhile its thread serves other requests, and messages of many requests share one commit. A
     * stage that fails with a {@link ChannelException} is answered as if {@code handle} had thrown it. The endpoint
     * calls this method; by default it calls {@link #handle}.
     *
     * @throws ChannelException as {@code handle} does, for what is wrong before anything is stored
     */
    default CompletionStage<ChannelResponse> handleLater(ChannelRequest request, ChannelContext context)
            throws ChannelException {
        return CompletableFuture.completedFuture(handle(request, context));
    }

    /**
     * Sends one message to the end user through the platform. Called by the outbox, never on a request thread, one
     * message of a conversation at a time.
     *
     * @return the platform's id for the message, or {@code null} when it gives none
     * @throws SendException when the platform did not take it, saying whether a later attempt may succeed
     */
    String send(OutgoingMessage message, ChannelContext context) throws SendException;

    /** The body limit for a request, decided from its method and path before the body is read. */
    default long bodyLimit(String method, String path, ChannelContext context) {
        return DEFAULT_BODY_LIMIT;
    }
}
