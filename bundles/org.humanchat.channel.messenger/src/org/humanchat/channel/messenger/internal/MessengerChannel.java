package org.humanchat.channel.messenger.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
import org.humanchat.channel.support.WebSub;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.Designate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A Facebook page on Messenger. Inbound: the GET verification handshake, and POSTs checked with
 * {@code X-Hub-Signature-256}; {@code entry[].messaging[]} de-duplicated by {@code mid}; text and attachments
 * (fetched from their URL). Outbound: the Send API, {@code /me/messages} with the page access token.
 */
@Component(service = ChannelConnector.class, configurationPid = "org.humanchat.channel.messenger",
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = MessengerConfig.class, factory = true)
public final class MessengerChannel implements ChannelConnector {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String pageToken;
    private final String appSecret;
    private final String verifyToken;
    private final String base;
    private final Duration timeout;
    private final HttpClient http;

    @Activate
    public MessengerChannel(MessengerConfig config) {
        for (String required : new String[] { config.pageAccessToken(), config.appSecret(), config.verifyToken() }) {
            if (required == null || required.isBlank()) {
                throw new IllegalArgumentException("A Messenger page needs its access token, app secret and verify"
                        + " token");
            }
        }
        this.pageToken = config.pageAccessToken().strip();
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
            for (JsonNode event : entry.path("messaging")) {
                JsonNode message = event.path("message");
                if (!message.isObject() || message.path("is_echo").asBoolean(false)) {
                    continue; // deliveries, reads, postbacks and the page's own messages
                }
                stored.add(receive(event.path("sender").path("id").asText(""), message, context));
            }
        }
        return ChannelResponse.okOnceStored(stored);
    }

    private CompletionStage<ChannelContext.Stored> receive(String sender, JsonNode message, ChannelContext context)
            throws ChannelException {
        String mid = message.path("mid").asText("");
        if (sender.isEmpty() || mid.isEmpty()) {
            throw ChannelException.malformed("A message has a sender id and a mid");
        }
        List<FileRef> files = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        int n = 0;
        for (JsonNode attachment : message.path("attachments")) {
            String url = attachment.path("payload").path("url").asText("");
            String type = attachment.path("type").asText("file");
            if (url.isEmpty()) {
                notes.add("(a " + type + " attachment, not shown here)");
                continue;
            }
            String name = type.equals("image") ? "image-" + ++n : "file-" + ++n;
            MediaFetch.fetch(http, HttpRequest.newBuilder(URI.create(url)).timeout(timeout).GET().build(), name,
                    null, context, notes).ifPresent(files::add);
        }
        return context.receiveLater(new IncomingMessage(sender, null, mid,
                MediaFetch.withNotes(message.path("text").asText(""), notes), files));
    }

    @Override
    public String send(OutgoingMessage message, ChannelContext context) throws SendException {
        String ref = null;
        if (!message.text().isBlank()) {
            ObjectNode body = JSON.createObjectNode().put("messaging_type", "RESPONSE");
            body.putObject("recipient").put("id", message.recipientId());
            body.putObject("message").put("text", message.text());
            ref = messageId(PlatformCall.send(http, request().header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(bytes(body))).build(), "Messenger"));
        }
        for (FileRef file : message.files()) {
            byte[] content = context.fileContent(file);
            String type = file.mediaType().startsWith("image/") ? "image" : "file";
            ObjectNode recipient = JSON.createObjectNode().put("id", message.recipientId());
            ObjectNode attachment = JSON.createObjectNode();
            attachment.putObject("attachment").put("type", type).putObject("payload").put("is_reusable", false);
            Multipart form = new Multipart().field("recipient", recipient.toString())
                    .field("message", attachment.toString()).field("messaging_type", "RESPONSE")
                    .file("filedata", file.name(), file.mediaType(), content);
            String sent = messageId(PlatformCall.send(http, request().header("Content-Type", form.contentType())
                    .POST(form.publisher()).build(), "Messenger"));
            ref = ref == null ? sent : ref;
        }
        return ref;
    }

    private HttpRequest.Builder request() {
        return HttpRequest.newBuilder(URI.create(base + "/me/messages")).timeout(timeout)
                .header("Authorization", "Bearer " + pageToken);
    }

    private static String messageId(HttpResponse<byte[]> response) {
        try {
            return JSON.readTree(response.body()).path("message_id").asText(null);
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
