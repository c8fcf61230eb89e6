package org.humanchat.brain.webhook.internal;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.humanchat.brain.api.BrainAction;
import org.humanchat.brain.api.BrainAnswer;
import org.humanchat.brain.api.BrainFile;
import org.humanchat.brain.api.BrainReply;
import org.humanchat.brain.api.BrainRequest;
import org.humanchat.brain.api.HistoryEntry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The JSON of the webhook Brain protocol, both ways, and its signature. Documented in README.md. */
final class WebhookProtocol {

    static final String SIGNATURE_HEADER = "X-HumanChat-Signature";

    private static final ObjectMapper JSON = new ObjectMapper();

    private WebhookProtocol() {
    }

    /** {@code event} is "message", "resumed" or "left". */
    static byte[] requestBody(String event, BrainRequest request) {
        ObjectNode body = JSON.createObjectNode();
        body.put("event", event);
        body.put("brainId", request.brainId());
        body.put("conversationId", request.conversationId());
        body.put("environmentId", request.environmentId());
        body.put("channel", request.channelType());
        ObjectNode contact = body.putObject("contact");
        contact.put("id", request.contact().id());
        contact.put("name", request.contact().name());
        contact.put("email", request.contact().email());
        contact.put("phone", request.contact().phone());
        ArrayNode history = body.putArray("history");
        for (HistoryEntry m : request.history()) {
            ObjectNode item = history.addObject();
            item.put("id", m.id());
            item.put("author", m.author().name());
            item.put("text", m.text());
            item.put("createdAt", m.createdAt().toString());
        }
        try {
            return JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write a webhook Brain request", e);
        }
    }

    /** "sha256=" and the hex HMAC-SHA256 of the body under the secret. */
    static String signature(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    /** Reads an answer; anything that is not one is reported as {@link IllegalArgumentException} with the reason. */
    static BrainAnswer answer(byte[] body) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("answered with malformed JSON");
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("answered with JSON that is not an object");
        }
        List<BrainReply> replies = new ArrayList<>();
        JsonNode replyNodes = root.path("replies");
        if (!replyNodes.isMissingNode() && !replyNodes.isArray()) {
            throw new IllegalArgumentException("answered with \"replies\" that is not a list");
        }
        for (JsonNode reply : replyNodes) {
            JsonNode text = reply.path("text");
            List<BrainFile> files = files(reply.path("files"));
            if (!text.isTextual() && !(text.isMissingNode() && !files.isEmpty())) {
                throw new IllegalArgumentException("answered with a reply without text");
            }
            List<String> buttons = new ArrayList<>();
            for (JsonNode button : reply.path("buttons")) {
                buttons.add(button.asText());
            }
            replies.add(new BrainReply(text.asText(""), buttons, files));
        }
        String action = root.path("action").asText("keep").toLowerCase(Locale.ROOT);
        BrainAction brainAction = switch (action) {
            case "keep" -> BrainAction.KEEP;
            case "handover" -> BrainAction.HAND_OVER;
            case "resolve" -> BrainAction.RESOLVE;
            default -> throw new IllegalArgumentException("answered with an unknown action \"" + action + "\"");
        };
        return new BrainAnswer(replies, brainAction, root.path("reason").asText(""));
    }

    /** {@code [{"name": ..., "mediaType": ..., "data": base64}]}. */
    private static List<BrainFile> files(JsonNode list) {
        if (list.isMissingNode() || list.isNull()) {
            return List.of();
        }
        if (!list.isArray()) {
            throw new IllegalArgumentException("answered with \"files\" that is not a list");
        }
        List<BrainFile> files = new ArrayList<>();
        for (JsonNode file : list) {
            if (!file.path("name").isTextual() || !file.path("data").isTextual()) {
                throw new IllegalArgumentException("answered with a file without \"name\" and \"data\"");
            }
            try {
                files.add(new BrainFile(file.get("name").asText(), file.path("mediaType").asText(null),
                        java.util.Base64.getDecoder().decode(file.get("data").asText())));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("answered with a file whose \"data\" is not base64");
            }
        }
        return files;
    }
}
