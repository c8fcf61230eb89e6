package org.humanchat.channel.webchat.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

import org.humanchat.channel.api.ChannelConnector;
import org.humanchat.channel.api.ChannelContext;
import org.humanchat.channel.api.ChannelException;
import org.humanchat.channel.api.ChannelRequest;
import org.humanchat.channel.api.ChannelResponse;
import org.humanchat.channel.api.EventSink;
import org.humanchat.channel.api.FileRef;
import org.humanchat.channel.api.IncomingMessage;
import org.humanchat.channel.api.OutgoingMessage;
import org.humanchat.channel.api.SendException;
import org.humanchat.channel.api.TranscriptEntry;
import org.humanchat.channel.support.Signatures;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.Designate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The web chat channel. Serves the widget ({@code widget.js}) and a demo page ({@code demo}); a visitor gets a session
 * token ({@code POST session}) that is signed, unguessable and the only key to their own conversation: history
 * ({@code GET history}), writing ({@code POST messages}, {@code POST files}), files ({@code GET files/{hash}}) and live
 * replies over Server-Sent Events ({@code GET events}). Floods are answered 429 and not stored.
 */
@Component(service = ChannelConnector.class, configurationPid = "org.humanchat.channel.webchat",
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = WebchatConfig.class, factory = true)
public final class WebchatChannel implements ChannelConnector {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int MAX_HISTORY = 500;

    private final String secret;
    private final Set<String> allowedOrigins;
    private final RateLimiter messages;
    private final RateLimiter sessions;
    private final Map<String, Set<EventSink>> listeners = new ConcurrentHashMap<>();
    private final byte[] widget;
    private final byte[] demo;

    @Activate
    public WebchatChannel(WebchatConfig config) {
        if (config.sessionSecret() == null || config.sessionSecret().length() < 16) {
            throw new IllegalArgumentException("A web chat widget needs a session secret of 16 characters or more");
        }
        this.secret = config.sessionSecret();
        this.allowedOrigins = Set.of(config.allowedOrigins().split("\\s*,\\s*"));
        this.messages = new RateLimiter(config.messagesPerMinute());
        this.sessions = new RateLimiter(config.sessionsPerMinute());
        this.widget = resource("/web/widget.js");
        this.demo = resource("/web/demo.html");
    }

    private static byte[] resource(String path) {
        try (InputStream in = WebchatChannel.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException(path + " is missing from the bundle");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public long bodyLimit(String method, String path, ChannelContext context) {
        return path.equals("/files") ? context.maxFileBytes() : 64 * 1024;
    }

    @Override
    public ChannelResponse handle(ChannelRequest request, ChannelContext context) throws ChannelException {
        return cors(request, route(request, context));
    }

    /** A visitor's message is answered once committed, without holding a thread meanwhile; the rest at once. */
    @Override
    public CompletionStage<ChannelResponse> handleLater(ChannelRequest request, ChannelContext context)
            throws ChannelException {
        if (request.method().equals("POST") && request.path().equals("/messages")) {
            return message(visitor(request), request, context).thenApply(answer -> cors(request, answer));
        }
        return CompletableFuture.completedFuture(handle(request, context));
    }

    private ChannelResponse route(ChannelRequest request, ChannelContext context) throws ChannelException {
        String method = request.method();
        String path = request.path();
        if (method.equals("OPTIONS")) {
            return new ChannelResponse(204, null, new byte[0], null, null, Map.of(
                    "Access-Control-Allow-Methods", "GET, POST, OPTIONS",
                    "Access-Control-Allow-Headers", "Authorization, Content-Type, X-Client-Id",
                    "Access-Control-Max-Age", "600"));
        }
        if (method.equals("GET") && path.equals("/widget.js")) {
            return new ChannelResponse(200, "text/javascript", widget, null, null, Map.of("Cache-Control",
                    "max-age=300"));
        }
        if (method.equals("GET") && (path.equals("/demo") || path.equals("/demo/"))) {
            String widgetUrl = "http://" + request.header("Host").orElse("127.0.0.1") + "/channels/"
                    + context.channelId() + "/widget.js";
            byte[] page = new String(demo, StandardCharsets.UTF_8).replace("WIDGET_URL", escapeHtml(widgetUrl))
                    .getBytes(StandardCharsets.UTF_8);
            return new ChannelResponse(200, "text/html", page, null, null, Map.of("Cache-Control", "no-store",
                    "Content-Security-Policy", "default-src 'self'; style-src 'self' 'unsafe-inline'"));
        }
        if (method.equals("POST") && path.equals("/session")) {
            return newSession(request);
        }
        if (method.equals("GET") && path.equals("/history")) {
            return history(visitor(request), request, context);
        }
        if (method.equals("POST") && path.equals("/messages")) {
            return ChannelResponse.await(message(visitor(request), request, context));
        }
        if (method.equals("POST") && path.equals("/files")) {
            return upload(visitor(request), request, context);
        }
        if (method.equals("GET") && path.startsWith("/files/")) {
            return download(visitor(request), path.substring("/files/".length()), context);
        }
        if (method.equals("GET") && path.equals("/events")) {
            String visitor = visitor(request);
            return ChannelResponse.events(sink -> listen(visitor, sink));
        }
        throw ChannelException.notFound("No " + method + " " + path + " on the web chat channel");
    }

    private static String escapeHtml(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private ChannelResponse cors(ChannelRequest request, ChannelResponse response) {
        Optional<String> origin = request.header("Origin");
        if (origin.isEmpty()) {
            return response;
        }
        if (allowedOrigins.contains("*")) {
            return response.withHeader("Access-Control-Allow-Origin", "*");
        }
        if (allowedOrigins.contains(origin.get())) {
            return response.withHeader("Access-Control-Allow-Origin", origin.get()).withHeader("Vary", "Origin");
        }
        return response;
    }

    private ChannelResponse newSession(ChannelRequest request) throws ChannelException {
        long wait = sessions.acquire(request.remoteAddress());
        if (wait > 0) {
            throw ChannelException.tooManyRequests(wait);
        }
        byte[] id = new byte[16];
        RANDOM.nextBytes(id);
        String visitor = "v-" + HexFormat.of().formatHex(id);
        ObjectNode body = JSON.createObjectNode().put("token", token(visitor)).put("visitorId", visitor);
        return ChannelResponse.json(200, bytes(body));
    }

    String token(String visitor) {
        return visitor + "." + Signatures.hmacSha256Hex(secret, visitor.getBytes(StandardCharsets.UTF_8));
    }

    /** The visitor whose signed token the request carries (Authorization: Bearer, or ?token= for EventSource). */
    private String visitor(ChannelRequest request) throws ChannelException {
        String token = request.header("Authorization").filter(h -> h.startsWith("Bearer "))
                .map(h -> h.substring(7).strip()).or(() -> request.queryParameter("token")).orElse("");
        int dot = token.lastIndexOf('.');
        if (dot > 0 && token.startsWith("v-") && Signatures.constantTimeEquals(token(token.substring(0, dot)),
                token)) {
            return token.substring(0, dot);
        }
        throw new ChannelException(401, "bad_session", "No valid session token; start a new session");
    }

    private ChannelResponse history(String visitor, ChannelRequest request, ChannelContext context)
            throws ChannelException {
        long after;
        try {
            after = Long.parseLong(request.queryParameter("after").orElse("0"));
        } catch (NumberFormatException e) {
            throw ChannelException.malformed("'after' must be a message id");
        }
        ObjectNode body = JSON.createObjectNode();
        var list = body.putArray("messages");
        context.transcript(visitor, after, MAX_HISTORY).forEach(entry -> list.add(json(entry)));
        return ChannelResponse.json(200, bytes(body));
    }

    private CompletionStage<ChannelResponse> message(String visitor, ChannelRequest request, ChannelContext context)
            throws ChannelException {
        JsonNode body;
        try {
            body = JSON.readTree(request.body());
        } catch (IOException e) {
            throw ChannelException.malformed("The body is not valid JSON");
        }
        if (body == null || !body.isObject() || !body.path("clientId").isTextual()
                || !body.path("text").isTextual()) {
            throw ChannelException.malformed("Send {\"clientId\": \"...\", \"text\": \"...\"}");
        }
        String clientId = body.get("clientId").asText();
        if (clientId.isBlank() || clientId.length() > 100) {
            throw ChannelException.malformed("'clientId' has 1 to 100 characters");
        }
        throttle(visitor);
        return context.receiveLater(new IncomingMessage(visitor, null, visitor + ":" + clientId,
                body.get("text").asText(), List.of())).thenApply(stored -> ChannelResponse.json(200,
                        bytes(JSON.createObjectNode().put("id", stored.messageId())
                                .put("duplicate", stored.duplicate()))));
    }

    private void throttle(String visitor) throws ChannelException {
        long wait = messages.acquire(visitor);
        if (wait > 0) {
            throw ChannelException.tooManyRequests(wait);
        }
    }

    private ChannelResponse upload(String visitor, ChannelRequest request, ChannelContext context)
            throws ChannelException {
        String name = request.queryParameter("name").orElse("file");
        String clientId = request.header("X-Client-Id").orElse("");
        if (clientId.isBlank() || clientId.length() > 100) {
            throw ChannelException.malformed("Send the file with an X-Client-Id header of 1 to 100 characters");
        }
        if (request.body().length == 0) {
            throw ChannelException.malformed("The file is empty");
        }
        throttle(visitor);
        FileRef file;
        try (InputStream in = new ByteArrayInputStream(request.body())) {
            file = context.storeFile(URLDecoder.decode(name, StandardCharsets.UTF_8),
                    request.header("Content-Type").orElse(null), in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChannelContext.Stored stored = context.receive(new IncomingMessage(visitor, null, visitor + ":" + clientId,
                "", List.of(file)));
        return ChannelResponse.json(200, bytes(JSON.createObjectNode().put("id", stored.messageId())));
    }

    private ChannelResponse download(String visitor, String hash, ChannelContext context) throws ChannelException {
        Optional<FileRef> file = context.transcript(visitor, 0, MAX_HISTORY).stream()
                .flatMap(e -> e.files().stream()).filter(f -> f.contentHash().equals(hash)).findFirst();
        if (file.isEmpty()) {
            throw ChannelException.notFound("No such file in your conversation");
        }
        try {
            InputStream content = context.openFile(hash)
                    .orElseThrow(() -> ChannelException.notFound("The file is no longer stored"));
            String safeName = file.get().name().replaceAll("[\"\\\\\\r\\n]", "_");
            return ChannelResponse.file(file.get().mediaType(), content, Map.of(
                    "Content-Disposition", "attachment; filename=\"" + safeName + "\"",
                    "Content-Length", Long.toString(file.get().size()),
                    "Cache-Control", "private, max-age=86400"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void listen(String visitor, EventSink sink) {
        Set<EventSink> sinks = listeners.computeIfAbsent(visitor, k -> ConcurrentHashMap.newKeySet());
        sinks.add(sink);
        sink.onClose(() -> {
            sinks.remove(sink);
            listeners.computeIfPresent(visitor, (k, v) -> v.isEmpty() ? null : v);
        });
    }

    /**
     * Pushes the message to the visitor's open widgets. The message is stored either way: a visitor who is not
     * connected sees it in the history when the widget opens, so it counts as sent.
     */
    @Override
    public String send(OutgoingMessage message, ChannelContext context) throws SendException {
        ObjectNode json = JSON.createObjectNode().put("id", message.messageId()).put("fromVisitor", false)
                .put("author", message.authorName()).put("text", message.text())
                .put("at", java.time.Instant.now().toString());
        var files = json.putArray("files");
        message.files().forEach(f -> files.add(file(f)));
        String data = new String(bytes(json), StandardCharsets.UTF_8);
        listeners.getOrDefault(message.recipientId(), Set.of()).forEach(sink -> sink.send("message", data));
        return null;
    }

    private static ObjectNode json(TranscriptEntry entry) {
        ObjectNode node = JSON.createObjectNode().put("id", entry.id()).put("fromVisitor", entry.fromEndUser())
                .put("author", entry.authorName()).put("text", entry.text()).put("at", entry.createdAt().toString());
        var files = node.putArray("files");
        entry.files().forEach(f -> files.add(file(f)));
        return node;
    }

    private static ObjectNode file(FileRef f) {
        return JSON.createObjectNode().put("name", f.name()).put("mediaType", f.mediaType()).put("size", f.size())
                .put("url", "files/" + f.contentHash());
    }

    private static byte[] bytes(JsonNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
