package org.humanchat.channel.support;

import org.humanchat.channel.api.ChannelException;
import org.humanchat.channel.api.ChannelRequest;
import org.humanchat.channel.api.ChannelResponse;

/**
 * The subscription handshake of WebSub-style webhooks (used by the WhatsApp Cloud API and Messenger): the platform
 * sends {@code GET ?hub.mode=subscribe&hub.verify_token=...&hub.challenge=...} and expects the challenge back.
 */
public final class WebSub {

    /** The signature header of WebSub content distribution, SHA-256 flavour. */
    public static final String SIGNATURE_HEADER = "X-Hub-Signature-256";

    private WebSub() {
    }

    /**
     * The common front of a WebSub-style webhook at {@code /channels/{id}/}: answers the GET handshake, and lets a
     * POST through only with a valid {@link #SIGNATURE_HEADER} (HMAC-SHA256 of the raw body with {@code secret}).
     *
     * @return the handshake's answer for a GET; empty for a POST the caller goes on to read
     */
    public static java.util.Optional<ChannelResponse> gate(ChannelRequest request, String verifyToken, String secret)
            throws ChannelException {
        if (!(request.path().isEmpty() || request.path().equals("/"))) {
            throw ChannelException.notFound("The webhook is at /channels/{id}/");
        }
        if (request.method().equals("GET")) {
            return java.util.Optional.of(verify(request, verifyToken));
        }
        if (!request.method().equals("POST")) {
            throw ChannelException.notFound("The webhook takes GET (verification) and POST");
        }
        if (!Signatures.verify(secret, request.body(), "sha256=", request.header(SIGNATURE_HEADER).orElse(null))) {
            throw ChannelException.badSignature("Missing or wrong " + SIGNATURE_HEADER);
        }
        return java.util.Optional.empty();
    }

    /** Answers the handshake when the token matches; refuses it (403) otherwise. */
    public static ChannelResponse verify(ChannelRequest request, String verifyToken) throws ChannelException {
        String mode = request.queryParameter("hub.mode").orElse("");
        String token = request.queryParameter("hub.verify_token").orElse("");
        String challenge = request.queryParameter("hub.challenge").orElse("");
        if (!mode.equals("subscribe") || challenge.isEmpty()) {
            throw ChannelException.malformed("Expected hub.mode=subscribe with a hub.challenge");
        }
        if (verifyToken == null || verifyToken.isEmpty() || !Signatures.constantTimeEquals(verifyToken, token)) {
            throw ChannelException.forbidden("The verify token does not match");
        }
        return ChannelResponse.text(200, "text/plain", challenge);
    }
}
