package org.humanchat.channel.api;

/**
 * The subscription handshake of WebSub-style webhooks (used by the WhatsApp Cloud API and Messenger): the platform
 * sends {@code GET ?hub.mode=subscribe&hub.verify_token=...&hub.challenge=...} and expects the challenge back.
 */
public final class WebSub {

    private WebSub() {
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
