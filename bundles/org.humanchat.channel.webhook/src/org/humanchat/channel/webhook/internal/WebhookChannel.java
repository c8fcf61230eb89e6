package org.humanchat.channel.webhook.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletionStage;

import org.humanchat.channel.api.ChannelConnector;
import org.humanchat.channel.api.ChannelContext;
import org.humanchat.channel.api.ChannelException;
import org.humanchat.channel.api.ChannelRequest;
import org.humanchat.channel.api.ChannelResponse;
import org.humanchat.channel.api.FileRef;
import org.humanchat.channel.api.IncomingMessage;
import org.humanchat.channel.api.OutgoingMessage;
import org.humanchat.channel.api.SendException;
import org.humanchat.channel.support.PlatformCall;
import org.humanchat.channel.support.Signatures;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.Designate;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The generic webhook channel. Inbound: {@code POST /channels/{id}/messages} with a JSON message, signed in
 * {@code X-HumanChat-Signature: sha256=<hex HMAC-SHA256 of the body>}. Outbound: each reply is POSTed, signed the
 * same way, to the callback URL, with {@code Idempotency-Key} set to the message id so that a retried delivery can be
 * recognized. The format is described in the README.
 */
@Component(service = ChannelConnector.class, configurationPid = "org.humanchat.channel.webhook",
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = WebhookChannelConfig.class, factory = true)
public final class WebhookChannel implements ChannelConnector {

    static final String SIGNATURE_HEADER = "X-HumanChat-Signature";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String secret;
    private final URI callback;
    private final Duration timeout;
    private final HttpClient http;

    @Activate
    public WebhookChannel(WebhookChannelConfig config) {
        if (config.secret() == null || config.secret().isBlank()) {
            throw new IllegalArgumentException("A webhook channel needs a secret");
        }
        this.secret = config.secret();
        String url = config.callbackUrl() == null ? "" : config.callbackUrl().strip();
        this.callback = url.isEmpty() ? null : URI.create(url);
        if (callback != null && !"http".equals(callback.getScheme()) && !"https".equals(callback.getScheme())) {
            throw new IllegalArgumentException("The callback URL must be http or https: " + url);
        }
        this.timeout = Duration.ofMillis(config.timeoutMillis());
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    @Override
    public long bodyLimit(String method, String path, ChannelContext context) {
        // attachments travel inline, base64-encoded: a third larger than the files
        return Math.max(DEFAULT_BODY_LIMIT, context.maxFileBytes() * 4 / 3 + 64 * 1024);
    }

    @Override
    public ChannelResponse handle(ChannelRequest request, ChannelContext context) throws ChannelException {
        return ChannelResponse.await(handleLater(request, context));
    }

    @Override
    public CompletionStage<ChannelResponse> handleLater(ChannelRequest request, ChannelContext context)
            throws ChannelException {
        if (!request.is("POST", "/messages") && !request.is("POST", "")) {
            throw ChannelException.notFound("The webhook channel takes POST /channels/{id}/messages");
        }
        if (!Signatures.verify(secret, request.body(), "sha256=", request.header(SIGNATURE_HEADER).orElse(null))) {
            throw ChannelException.badSignature("Missing or wrong " + SIGNATURE_HEADER);
        }
        JsonNode body = parse(request.body());
        String id = text(body, "id", true);
        JsonNode sender = body.path("sender");
        if (!sender.isObject()) {
            throw ChannelException.malformed("'sender' must be an object with an 'id'");
        }
        String senderId = text(sender, "id", true);
        String name = text(sender, "name", false);
        String messageText = text(body, "text", false);
        List<FileRef> files = attachments(body.path("attachments"), context);
        return context.receiveLater(new IncomingMessage(senderId, name, id, messageText, files)).thenApply(stored -> {
            ObjectNode answer = JSON.createObjectNode().put("status", stored.duplicate() ? "duplicate" : "stored")
                    .put("conversationId", stored.conversationId()).put("messageId", stored.messageId());
            return ChannelResponse.json(200, bytes(answer));
        });
    }

    private static JsonNode parse(byte[] body) throws ChannelException {
        try {
            JsonNode node = JSON.readTree(body);
            if (node == null || !node.isObject()) {
                throw ChannelException.malformed("The body must be a JSON object");
            }
            return node;
        } catch (IOException e) {
            throw ChannelException.malformed("The body is not valid JSON: " + firstLine(e));
        }
    }

    private static String firstLine(IOException e) {
        String message = e instanceof JacksonException j ? j.getOriginalMessage() : e.getMessage();
        return message == null ? "" : message.lines().findFirst().orElse("");
    }

    private static String text(JsonNode node, String field, boolean required) throws ChannelException {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                throw ChannelException.malformed("'" + field + "' is missing");
            }
            return null;
        }
        if (!value.isTextual() && !value.isNumber()) {
            throw ChannelException.malformed("'" + field + "' must be a string");
        }
        String text = value.asText();
        if (required && text.isBlank()) {
            throw ChannelException.malformed("'" + field + "' must not be empty");
        }
        return text;
    }

    private static List<FileRef> attachments(JsonNode list, ChannelContext context) throws ChannelException {
        if (list.isMissingNode() || list.isNull()) {
            return List.of();
        }
        if (!list.isArray() || list.size() > 10) {
            throw ChannelException.malformed("'attachments' must be a list of at most 10 files");
        }
        List<FileRef> files = new ArrayList<>();
        for (JsonNode file : list) {
            if (!file.isObject()) {
                throw ChannelException.malformed("Each attachment must be an object");
            }
            String name = text(file, "name", true);
            String type = text(file, "mediaType", false);
            byte[] data;
            try {
                data = Base64.getDecoder().decode(text(file, "data", true));
            } catch (IllegalArgumentException e) {
                throw ChannelException.malformed("Attachment '" + name + "': 'data' is not base64");
            }
            try (InputStream in = new ByteArrayInputStream(data)) {
                files.add(context.storeFile(name, type, in));
            } catch (IOException e) {
                throw new IllegalStateException("Attachment '" + name + "' could not be stored", e);
            }
        }
        return files;
    }

    @Override
    public String send(OutgoingMessage message, ChannelContext context) throws SendException {
        if (callback == null) {
            throw SendException.permanent("This webhook channel has no callback URL");
        }
        ObjectNode body = JSON.createObjectNode().put("event", "message").put("id", Long.toString(message.messageId()))
                .put("conversationId", message.conversationId()).put("text", message.text());
        body.putObject("recipient").put("id", message.recipientId());
        body.putObject("author").put("name", message.authorName());
        ArrayNode files = body.putArray("attachments");
        for (FileRef file : message.files()) {
            files.addObject().put("name", file.name()).put("mediaType", file.mediaType()).put("size", file.size())
                    .put("data", Base64.getEncoder().encodeToString(context.fileContent(file)));
        }
        byte[] bytes = bytes(body);
        HttpRequest post = HttpRequest.newBuilder(callback).timeout(timeout)
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", Long.toString(message.messageId()))
                .header(SIGNATURE_HEADER, "sha256=" + Signatures.hmacSha256Hex(secret, bytes))
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build();
        HttpResponse<byte[]> response = PlatformCall.send(http, post, "The callback URL");
        try {
            JsonNode answer = response.body().length == 0 ? null : JSON.readTree(response.body());
            return answer != null && answer.hasNonNull("id") ? answer.get("id").asText() : null;
        } catch (IOException e) {
            return null; // the message was taken; an unreadable answer only costs the reference
        }
    }

    private static byte[] bytes(JsonNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
