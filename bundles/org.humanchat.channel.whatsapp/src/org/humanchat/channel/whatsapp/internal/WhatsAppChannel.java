package org.humanchat.channel.whatsapp.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
import org.humanchat.channel.support.WebSub;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.Designate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A WhatsApp number on the Cloud API. Inbound: the GET verification handshake, and POSTs checked with
 * {@code X-Hub-Signature-256} (HMAC-SHA256 of the raw body with the app secret); messages de-duplicated by their id;
 * text, image, document and audio (media fetched with the access token); status callbacks update delivery states.
 * Outbound: {@code /{phone-number-id}/messages} with a bearer token; files are uploaded to {@code /media} first.
 */
@Component(service = ChannelConnector.class, configurationPid = "org.humanchat.channel.whatsapp",
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = WhatsAppConfig.class, factory = true)
public final class WhatsAppChannel implements ChannelConnector {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> MEDIA = List.of("image", "document", "audio", "video");

    private final String phoneNumberId;
    private final String accessToken;
    private final String appSecret;
    private final String verifyToken;
    private final String base;
    private final Duration timeout;
    private final HttpClient http;

    @Activate
    public WhatsAppChannel(WhatsAppConfig config) {
        for (String required : new String[] { config.phoneNumberId(), config.accessToken(), config.appSecret(),
                config.verifyToken() }) {
            if (required == null || required.isBlank()) {
                throw new IllegalArgumentException(
                        "A WhatsApp number needs its phone number id, access token, app secret and verify token");
            }
        }
        this.phoneNumberId = config.phoneNumberId().strip();
        this.accessToken = config.accessToken().strip();
        this.appSecret = config.appSecret();
        this.verifyToken = config.verifyToken();
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
        java.util.Optional<ChannelResponse> handshake = WebSub.gate(request, verifyToken, appSecret);
        if (handshake.isPresent()) {
            return CompletableFuture.completedFuture(handshake.get());
        }
        List<CompletionStage<ChannelContext.Stored>> stored = new ArrayList<>();
        for (JsonNode entry : WebSub.entries(request)) {
            for (JsonNode change : entry.path("changes")) {
                JsonNode value = change.path("value");
                Map<String, String> names = new HashMap<>();
                for (JsonNode contact : value.path("contacts")) {
                    names.put(contact.path("wa_id").asText(), contact.path("profile").path("name").asText(null));
                }
                for (JsonNode message : value.path("messages")) {
                    stored.add(receive(message, names, context));
                }
                for (JsonNode status : value.path("statuses")) {
                    status(status, context);
                }
            }
        }
        return ChannelResponse.okOnceStored(stored);
    }

    private CompletionStage<ChannelContext.Stored> receive(JsonNode message, Map<String, String> names,
            ChannelContext context) throws ChannelException {
        String from = message.path("from").asText("");
        String id = message.path("id").asText("");
        if (from.isEmpty() || id.isEmpty()) {
            throw ChannelException.malformed("A message has 'from' and 'id'");
        }
        String type = message.path("type").asText("");
        String text = "";
        List<FileRef> files = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        if (type.equals("text")) {
            text = message.path("text").path("body").asText("");
        } else if (MEDIA.contains(type)) {
            JsonNode media = message.path(type);
            text = media.path("caption").asText("");
            String name = media.path("filename").asText(type + extension(media.path("mime_type").asText("")));
            fetch(media.path("id").asText(""), name, media.path("mime_type").asText(null), context, notes)
                    .ifPresent(files::add);
        } else {
            notes.add("(a " + (type.isEmpty() ? "message" : type) + " message, not shown here)");
        }
        return context.receiveLater(new IncomingMessage("+" + from.replaceFirst("^\\+", ""), names.get(from), id,
                MediaFetch.withNotes(text, notes), files));
    }

    private static String extension(String mediaType) {
        return switch (mediaType.split(";")[0].strip()) {
            case "image/jpeg" -> ".jpg";
            case "image/png" -> ".png";
            case "application/pdf" -> ".pdf";
            case "audio/ogg" -> ".ogg";
            case "audio/mpeg" -> ".mp3";
            case "video/mp4" -> ".mp4";
            default -> "";
        };
    }

    private Optional<FileRef> fetch(String mediaId, String name, String mediaType, ChannelContext context,
            List<String> notes) throws ChannelException {
        HttpResponse<byte[]> located;
        try {
            located = http.send(authorized(URI.create(base + "/" + mediaId)).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new ChannelException(503, "unavailable", "WhatsApp could not be reached for a file; deliver again");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ChannelException(503, "unavailable", "Interrupted; deliver again");
        }
        if (located.statusCode() >= 500 || located.statusCode() == 429) {
            throw new ChannelException(503, "unavailable", "WhatsApp answered HTTP " + located.statusCode()
                    + " for a file; deliver again");
        }
        String url;
        try {
            url = JSON.readTree(located.body()).path("url").asText("");
        } catch (IOException e) {
            url = "";
        }
        if (url.isEmpty()) {
            notes.add("(" + name + " could not be fetched from WhatsApp)");
            return Optional.empty();
        }
        return MediaFetch.fetch(http, authorized(URI.create(url)).GET().build(), name, mediaType, context, notes);
    }

    private void status(JsonNode status, ChannelContext context) {
        String ref = status.path("id").asText("");
        String state = status.path("status").asText("");
        if (ref.isEmpty()) {
            return;
        }
        if (state.equals("failed")) {
            JsonNode error = status.path("errors").path(0);
            context.deliveryReport(ref, false, "WhatsApp: " + error.path("code").asText("?") + " "
                    + error.path("title").asText("delivery failed"));
        } else if (state.equals("delivered") || state.equals("read")) {
            context.deliveryReport(ref, true, null);
        }
    }

    @Override
    public String send(OutgoingMessage message, ChannelContext context) throws SendException {
        String to = message.recipientId().replaceFirst("^\\+", "");
        String ref = null;
        if (!message.text().isBlank()) {
            ObjectNode body = JSON.createObjectNode().put("messaging_product", "whatsapp").put("to", to)
                    .put("type", "text");
            body.putObject("text").put("body", message.text());
            ref = post(body);
        }
        for (FileRef file : message.files()) {
            String mediaId = upload(file, context);
            String type = file.mediaType().startsWith("image/") ? "image"
                    : file.mediaType().startsWith("audio/") ? "audio" : "document";
            ObjectNode body = JSON.createObjectNode().put("messaging_product", "whatsapp").put("to", to)
                    .put("type", type);
            ObjectNode media = body.putObject(type).put("id", mediaId);
            if (type.equals("document")) {
                media.put("filename", file.name());
            }
            String sent = post(body);
            ref = ref == null ? sent : ref;
        }
        return ref;
    }

    private String upload(FileRef file, ChannelContext context) throws SendException {
        byte[] content = context.fileContent(file);
        Multipart form = new Multipart().field("messaging_product", "whatsapp").field("type", file.mediaType())
                .file("file", file.name(), file.mediaType(), content);
        HttpResponse<byte[]> response = PlatformCall.send(http, authorized(URI.create(base + "/" + phoneNumberId
                + "/media")).header("Content-Type", form.contentType()).POST(form.publisher()).build(), "WhatsApp");
        try {
            String id = JSON.readTree(response.body()).path("id").asText("");
            if (id.isEmpty()) {
                throw SendException.permanent("WhatsApp took the file " + file.name() + " but gave no media id");
            }
            return id;
        } catch (IOException e) {
            throw SendException.permanent("WhatsApp's answer to the upload of " + file.name() + " is unreadable");
        }
    }

    private String post(ObjectNode body) throws SendException {
        HttpResponse<byte[]> response = PlatformCall.send(http, authorized(URI.create(base + "/" + phoneNumberId
                + "/messages")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes(body))).build(), "WhatsApp");
        try {
            return JSON.readTree(response.body()).path("messages").path(0).path("id").asText(null);
        } catch (IOException e) {
            return null;
        }
    }

    private HttpRequest.Builder authorized(URI uri) {
        return HttpRequest.newBuilder(uri).timeout(timeout).header("Authorization", "Bearer " + accessToken);
    }

    private static byte[] bytes(JsonNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
