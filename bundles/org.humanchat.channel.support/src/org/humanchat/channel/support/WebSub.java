package org.humanchat.channel.support;

import java.io.IOException;

import org.humanchat.channel.api.ChannelException;
import org.humanchat.channel.api.ChannelRequest;
import org.humanchat.channel.api.ChannelResponse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The subscription handshake of WebSub-style webhooks (used by the WhatsApp Cloud API and Messenger): the platform
 * sends {@code GET ?hub.mode=subscribe&hub.verify_token=...&hub.challenge=...} and expects the challenge back; then
 * POSTs signed notifications whose {@link #entries} hold the events.
 */
public final class WebSub {

    /** The signature header of WebSub content distribution, SHA-256 flavour. */
    public static final String SIGNATURE_HEADER = "X-Hub-Signature-256";

    private static final ObjectMapper JSON = new ObjectMapper();

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

    /**
     * The {@code entry} list of a signed notification (the Graph API's webhook format, WhatsApp's and Messenger's
     * alike): each entry holds the platform's own events ({@code changes} or {@code messaging}).
     *
     * @throws ChannelException 400 for a body that is not JSON or has no {@code entry} list
     */
    public static JsonNode entries(ChannelRequest request) throws ChannelException {
        JsonNode body;
        try {
            body = JSON.readTree(request.body());
        } catch (IOException e) {
            throw ChannelException.malformed("The body is not valid JSON");
        }
        if (body == null || !body.path("entry").isArray()) {
            throw ChannelException.malformed("A webhook has an 'entry' list");
        }
        return body.get("entry");
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
