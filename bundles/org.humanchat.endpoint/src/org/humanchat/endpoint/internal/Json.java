package org.humanchat.endpoint.internal;

import java.io.IOException;

import org.humanchat.channel.api.ChannelException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The endpoint's own small JSON answers, written by Jackson. */
final class Json {

    static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    static byte[] error(String code, String message) {
        ObjectNode node = MAPPER.createObjectNode().put("error", code).put("message", message);
        return bytes(node);
    }

    /** A request body that must be a JSON object: 400 {@code malformed} otherwise, saying why. */
    static JsonNode object(byte[] body) throws ChannelException {
        if (body.length == 0) {
            throw ChannelException.malformed("Send a JSON object in the body");
        }
        try {
            JsonNode node = MAPPER.readTree(body);
            if (node == null || !node.isObject()) {
                throw ChannelException.malformed("The body must be a JSON object");
            }
            return node;
        } catch (IOException e) {
            throw ChannelException.malformed("The body is not JSON: " + e.getMessage());
        }
    }

    static byte[] bytes(Object node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
