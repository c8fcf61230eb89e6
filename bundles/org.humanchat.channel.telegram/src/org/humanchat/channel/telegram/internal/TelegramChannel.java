package org.humanchat.channel.telegram.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
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
import org.humanchat.channel.support.MediaFetch;
import org.humanchat.channel.support.Multipart;
import org.humanchat.channel.support.PlatformCall;
import org.humanchat.channel.support.Signatures;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.Designate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A Telegram bot. Inbound: webhook Updates ({@code POST /channels/{id}/}), checked with
 * {@code X-Telegram-Bot-Api-Secret-Token}, de-duplicated by {@code update_id}; text, photos (the largest size) and
 * documents. Outbound: {@code sendMessage}, and {@code sendDocument} for files.
 */
@Component(service = ChannelConnector.class, configurationPid = "org.humanchat.channel.telegram",
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = TelegramConfig.class, factory = true)
public final class TelegramChannel implements ChannelConnector {

    static final String SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String token;
    private final String secret;
    private final String base;
    private final Duration timeout;
    private final HttpClient http;

    @Activate
    public TelegramChannel(TelegramConfig config) {
        if (config.botToken() == null || config.botToken().isBlank() || config.secretToken() == null
                || config.secretToken().isBlank()) {
            throw new IllegalArgumentException("A Telegram bot needs its bot token and a webhook secret token");
        }
        this.token = config.botToken().strip();
        this.secret = config.secretToken();
        this.base = config.apiBaseUrl().strip().replaceAll("/+$", "");
        this.timeout = Duration.ofMillis(config.timeoutMillis());
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NORMAL)
                .build();
    }

    @Override
    public ChannelResponse handle(ChannelRequest request, ChannelContext context) throws ChannelException {
        return ChannelResponse.await(handleLater(request, context));
    }

    @Override
    public CompletionStage<ChannelResponse> handleLater(ChannelRequest request, ChannelContext context)
            throws ChannelException {
        if (!request.method().equals("POST") || !(request.path().isEmpty() || request.path().equals("/"))) {
            throw ChannelException.notFound("Telegram posts its updates to /channels/{id}/");
        }
        if (!Signatures.constantTimeEquals(secret, request.header(SECRET_HEADER).orElse(""))) {
            throw ChannelException.badSignature("Missing or wrong " + SECRET_HEADER);
        }
        JsonNode update = parse(request.body());
        if (!update.path("update_id").canConvertToLong()) {
            throw ChannelException.malformed("An update has a numeric update_id");
        }
        JsonNode message = update.path("message");
        if (!message.isObject()) {
            return CompletableFuture.completedFuture(ChannelResponse.ok()); // edits, reactions, joins: nothing to store
        }
        JsonNode chat = message.path("chat");
        if (!chat.path("id").canConvertToLong()) {
            throw ChannelException.malformed("A message has a chat with a numeric id");
        }
        List<String> notes = new ArrayList<>();
        List<FileRef> files = new ArrayList<>();
        JsonNode photos = message.path("photo");
        if (photos.isArray() && !photos.isEmpty()) {
            fetch(photos.get(photos.size() - 1).path("file_id").asText(), "photo.jpg", null, context, notes)
                    .ifPresent(files::add);
        }
        JsonNode document = message.path("document");
        if (document.isObject()) {
            fetch(document.path("file_id").asText(), document.path("file_name").asText("document"),
                    document.path("mime_type").asText(null), context, notes).ifPresent(files::add);
        }
        String text = message.hasNonNull("text") ? message.get("text").asText()
                : message.path("caption").asText("");
        JsonNode from = message.path("from");
        String name = (from.path("first_name").asText("") + " " + from.path("last_name").asText("")).strip();
        if (text.isBlank() && files.isEmpty() && notes.isEmpty()) {
            return CompletableFuture.completedFuture(ChannelResponse.ok()); // stickers, locations: not shown yet
        }
        return ChannelResponse.okOnceStored(List.of(context.receiveLater(new IncomingMessage(chat.get("id").asText(),
                name.isEmpty() ? null : name, "update-" + update.get("update_id").asText(),
                MediaFetch.withNotes(text, notes), files))));
    }

    private java.util.Optional<FileRef> fetch(String fileId, String name, String mediaType, ChannelContext context,
            List<String> notes) throws ChannelException {
        HttpResponse<byte[]> located;
        try {
            located = http.send(HttpRequest.newBuilder(URI.create(base + "/bot" + token + "/getFile?file_id="
                    + URLEncoder.encode(fileId, StandardCharsets.UTF_8))).timeout(timeout).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new ChannelException(503, "unavailable", "Telegram could not be reached for a file; deliver again");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ChannelException(503, "unavailable", "Interrupted; deliver again");
        }
        String path;
        try {
            path = JSON.readTree(located.body()).path("result").path("file_path").asText("");
        } catch (IOException e) {
            path = "";
        }
        if (located.statusCode() >= 500) {
            throw new ChannelException(503, "unavailable", "Telegram answered HTTP " + located.statusCode()
                    + " for a file; deliver again");
        }
        if (path.isEmpty()) {
            notes.add("(" + name + " could not be fetched from Telegram)");
            return java.util.Optional.empty();
        }
        return MediaFetch.fetch(http, HttpRequest.newBuilder(URI.create(base + "/file/bot" + token + "/" + path))
                .timeout(timeout).build(), name, mediaType, context, notes);
    }

    private static JsonNode parse(byte[] body) throws ChannelException {
        try {
            JsonNode node = JSON.readTree(body);
            if (node == null || !node.isObject()) {
                throw ChannelException.malformed("An update is a JSON object");
            }
            return node;
        } catch (IOException e) {
            throw ChannelException.malformed("The body is not valid JSON");
        }
    }

    @Override
    public String send(OutgoingMessage message, ChannelContext context) throws SendException {
        String ref = null;
        if (!message.text().isBlank()) {
            ObjectNode body = JSON.createObjectNode().put("chat_id", message.recipientId()).put("text",
                    message.text());
            ref = call("sendMessage", HttpRequest.BodyPublishers.ofByteArray(bytes(body)), "application/json");
        }
        for (FileRef file : message.files()) {
            byte[] content = context.fileContent(file);
            Multipart form = new Multipart().field("chat_id", message.recipientId())
                    .file("document", file.name(), file.mediaType(), content);
            String sent = call("sendDocument", form.publisher(), form.contentType());
            ref = ref == null ? sent : ref;
        }
        return ref;
    }

    private String call(String method, HttpRequest.BodyPublisher body, String contentType) throws SendException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/bot" + token + "/" + method))
                .timeout(timeout).header("Content-Type", contentType).POST(body).build();
        HttpResponse<byte[]> response = PlatformCall.send(http, request, "Telegram", TelegramChannel::retryAfter);
        try {
            JsonNode answer = JSON.readTree(response.body());
            if (!answer.path("ok").asBoolean(false)) {
                throw SendException.permanent("Telegram refused the message: "
                        + answer.path("description").asText("no reason given"));
            }
            return answer.path("result").path("message_id").asText(null);
        } catch (IOException e) {
            return null; // taken (2xx) but unreadable: only the reference is lost
        }
    }

    /** Telegram says how long to wait in {@code parameters.retry_after} of a 429's body. */
    static Duration retryAfter(byte[] body) {
        try {
            JsonNode seconds = JSON.readTree(body).path("parameters").path("retry_after");
            return seconds.canConvertToLong() ? Duration.ofSeconds(Math.min(3600, seconds.asLong())) : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static byte[] bytes(JsonNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
