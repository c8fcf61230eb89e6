package org.humanchat.brain.rasa.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.humanchat.brain.api.BrainAction;
import org.humanchat.brain.api.BrainAnswer;
import org.humanchat.brain.api.BrainReply;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Rasa's REST channel: {@code POST {base}/webhooks/rest/webhook} with {@code sender} and {@code message}; the answer
 * is a list of bot messages with {@code text}, {@code image}, {@code buttons} or {@code custom}.
 */
final class RasaProtocol {

    static final String PATH = "/webhooks/rest/webhook";
    private static final ObjectMapper JSON = new ObjectMapper();

    private RasaProtocol() {
    }

    static byte[] requestBody(String sender, String message) {
        ObjectNode body = JSON.createObjectNode();
        body.put("sender", sender);
        body.put("message", message);
        try {
            return JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write a Rasa request", e);
        }
    }

    /** Reads Rasa's answer; {@link IllegalArgumentException} says why it is not one. */
    static BrainAnswer answer(byte[] body, String handoverKey) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (IOException e) {
            throw new IllegalArgumentException("answered with malformed JSON");
        }
        if (root == null || !root.isArray()) {
            throw new IllegalArgumentException("answered with JSON that is not a list of messages");
        }
        List<BrainReply> replies = new ArrayList<>();
        boolean handover = false;
        String reason = "Rasa asked for a human";
        for (JsonNode message : root) {
            if (!message.isObject()) {
                throw new IllegalArgumentException("answered with a message that is not an object");
            }
            String text = message.path("text").asText("");
            List<String> buttons = new ArrayList<>();
            for (JsonNode button : message.path("buttons")) {
                buttons.add(button.path("title").asText(button.path("payload").asText("")));
            }
            if (message.hasNonNull("image")) {
                text = text.isEmpty() ? message.get("image").asText() : text + "\n" + message.get("image").asText();
            }
            JsonNode custom = message.path("custom");
            if (custom.path(handoverKey).asBoolean(false)) {
                handover = true;
                reason = custom.path("reason").asText(reason);
            }
            if (!text.isEmpty() || !buttons.isEmpty()) {
                replies.add(new BrainReply(text, buttons));
            }
        }
        return new BrainAnswer(replies, handover ? BrainAction.HAND_OVER : BrainAction.KEEP, handover ? reason : "");
    }
}
