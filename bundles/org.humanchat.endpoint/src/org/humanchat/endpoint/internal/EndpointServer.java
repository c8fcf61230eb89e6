package org.humanchat.endpoint.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;

import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.humanchat.api.service.EndpointStatus;
import org.humanchat.api.service.StoreUnavailableException;
import org.humanchat.channel.api.ChannelConnector;
import org.humanchat.channel.api.ChannelContext;
import org.humanchat.channel.api.ChannelException;
import org.humanchat.channel.api.ChannelRequest;
import org.humanchat.channel.api.ChannelResponse;
import org.humanchat.channel.runtime.RunningChannels;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The embedded Jetty server channels post to. {@code GET /health} answers how it is; requests under
 * {@code /channels/{channelId}/} go to that channel's connector. The contract towards platforms: a message is
 * committed before the 2xx; bad signatures get 401/403, malformed bodies 400, unknown channels 404, bodies over the
 * limit 413, floods 429, each with a JSON error body; a database that cannot take the message gets 503 so that the
 * platform redelivers.
 * <p>
 * Request handlers run on a bounded pool of platform threads, not on virtual threads: the embedded H2 spins on its
 * store locks, and with as many virtual-thread carriers as cores (two here) the spinning threads kept the lock's
 * holder from being scheduled: the ingest stalled for seconds at a time under load.
 */
public final class EndpointServer implements EndpointStatus {

    private static final Logger LOG = LoggerFactory.getLogger(EndpointServer.class);
    private static final String CHANNELS = "/channels/";
    private static final long HEARTBEAT_MILLIS = 15_000;
    /** How much of a refused body is still read, so that its client gets the 413 (larger ones are cut off). */
    private static final long DRAINED_BYTES = 4L * 1024 * 1024;
    static final String HOST_PROPERTY = "humanchat.endpoint.host";
    static final String PORT_PROPERTY = "humanchat.endpoint.port";
    /** A sign-in is an email and a password in a small JSON body. */
    private static final long SIGN_IN_LIMIT = 8 * 1024;

    private final RunningChannels channels;
    private final boolean adminApiFromAnywhere;
    private final Server server;
    private final URI baseUri;
    private final Set<SseSink> streams = ConcurrentHashMap.newKeySet();

    private volatile AdminApi adminApi;
    private volatile AgentApi agentApi;

    /** Starts listening; returns when the server takes requests. */
    public EndpointServer(RunningChannels channels, EndpointConfig config) throws Exception {
        this.channels = channels;
        this.adminApiFromAnywhere = config.adminApiFromAnywhere();
        QueuedThreadPool threads = new QueuedThreadPool(64, 4);
        threads.setName("humanchat-endpoint");
        this.server = new Server(threads);
        boolean tls = !config.tlsKeystore().isBlank();
        ServerConnector connector = tls ? new ServerConnector(server, 1, 1, tlsConnectionFactories(config))
                : new ServerConnector(server, 1, 1);
        String bindHost = bindHost(config);
        int bindPort = bindPort(config);
        connector.setHost(bindHost);
        connector.setPort(bindPort);
        connector.setIdleTimeout(config.idleTimeoutMillis());
        server.addConnector(connector);
        server.setHandler(new Router());
        server.setErrorHandler(new JsonErrors()); // what Jetty itself refuses (ambiguous URIs, bad requests) too
        server.setStopTimeout(2_000);
        try {
            server.start();
        } catch (IOException e) {
            server.stop();
            throw new IOException("The endpoint cannot listen on " + bindHost + ":" + bindPort + ": "
                    + e.getMessage() + " (set host/port in the configuration org.humanchat.endpoint, or start with"
                    + " --host/--port)", e);
        }
        String host = bindHost.contains(":") ? "[" + bindHost + "]" : bindHost;
        this.baseUri = URI.create((tls ? "https://" : "http://") + host + ":" + connector.getLocalPort() + "/");
        LOG.info("Endpoint listening on {}", baseUri);
    }

    /**
     * HTTPS from the configured keystore (TLS 1.2 and 1.3, the JDK's default ciphers). A keystore that cannot be read
     * stops the endpoint with the reason: it never falls back to plain HTTP.
     */
    private static org.eclipse.jetty.server.ConnectionFactory[] tlsConnectionFactories(EndpointConfig config)
            throws IOException {
        java.nio.file.Path keystore = java.nio.file.Path.of(config.tlsKeystore().strip());
        if (!java.nio.file.Files.isReadable(keystore)) {
            throw new IOException("The TLS keystore " + keystore + " cannot be read (tlsKeystore in"
                    + " org.humanchat.endpoint)");
        }
        org.eclipse.jetty.util.ssl.SslContextFactory.Server ssl = new org.eclipse.jetty.util.ssl.SslContextFactory.Server();
        ssl.setKeyStorePath(keystore.toString());
        ssl.setKeyStorePassword(config.tlsKeystorePassword());
        ssl.setKeyStoreType(config.tlsKeystoreType().isBlank() ? "PKCS12" : config.tlsKeystoreType().strip());
        ssl.setIncludeProtocols("TLSv1.3", "TLSv1.2");
        org.eclipse.jetty.server.HttpConfiguration https = new org.eclipse.jetty.server.HttpConfiguration();
        org.eclipse.jetty.server.SecureRequestCustomizer secure = new org.eclipse.jetty.server.SecureRequestCustomizer();
        secure.setSniHostCheck(false); // one certificate for every name the server is reached by
        https.addCustomizer(secure);
        return new org.eclipse.jetty.server.ConnectionFactory[] {
                new org.eclipse.jetty.server.SslConnectionFactory(ssl, "http/1.1"),
                new org.eclipse.jetty.server.HttpConnectionFactory(https) };
    }

    /** The launch option {@code --host} (system property {@code humanchat.endpoint.host}) wins over the file. */
    static String bindHost(EndpointConfig config) {
        String option = System.getProperty(HOST_PROPERTY, "").strip();
        return option.isEmpty() ? config.host() : option;
    }

    /** The launch option {@code --port} (system property {@code humanchat.endpoint.port}) wins over the file. */
    static int bindPort(EndpointConfig config) throws IOException {
        String option = System.getProperty(PORT_PROPERTY, "").strip();
        if (option.isEmpty()) {
            return config.port();
        }
        try {
            int port = Integer.parseInt(option);
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new IOException("The port " + PORT_PROPERTY + "=" + option + " is not a number from 0 to 65535");
    }

    /** The admin HTTP API behind {@code /admin/}, or null while there is none (its requests get 503 then). */
    void adminApi(AdminApi api) {
        this.adminApi = api;
    }

    /** The agent API behind {@code /api/v1/}, or null while there is none (its requests get 503 then). */
    public void agentApi(AgentApi api) {
        this.agentApi = api;
    }

    public void stop() throws Exception {
        streams.forEach(SseSink::close);
        server.stop();
        LOG.info("Endpoint on {} stopped", baseUri);
    }

    @Override
    public URI baseUri() {
        return baseUri;
    }

    @Override
    public int channelCount() {
        return channels.count();
    }

    /** Routes requests; every answer it writes is complete, and no failure escapes as Jetty's HTML error page. */
    private final class Router extends Handler.Abstract {

        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            String path = Request.getPathInContext(request);
            try {
                if (path.equals("/health") && !request.getMethod().equals("GET")
                        && !request.getMethod().equals("HEAD")) {
                    response.getHeaders().put(HttpHeader.ALLOW, "GET, HEAD");
                    error(response, callback, 405, "method_not_allowed", "/health answers GET");
                } else if (path.equals("/health")) {
                    AgentApi api = agentApi;
                    ObjectNode health = Json.MAPPER.createObjectNode().put("status", "up")
                            .put("channels", channels.count())
                            .put("database", api == null ? "unknown" : api.databaseOpen() ? "open" : "opening");
                    send(response, callback, ChannelResponse.json(200, Json.bytes(health)));
                } else if (path.startsWith(CHANNELS)) {
                    channel(request, response, callback, path.substring(CHANNELS.length()));
                } else if (path.startsWith(AdminApi.PREFIX)) {
                    admin(request, response, callback, path.substring(AdminApi.PREFIX.length()));
                } else if (path.startsWith(AgentApi.PREFIX)) {
                    agent(request, response, callback, path.substring(AgentApi.PREFIX.length()));
                } else {
                    error(response, callback, 404, "not_found", "Nothing here; channels post to /channels/{id}/, agents and scripts use /api/v1/ (see /api/v1/openapi.json)");
                }
            } catch (Exception e) {
                fail(request, response, callback, e);
            }
            return true;
        }
    }

    /**
     * Jetty's own refusals (an ambiguous URI such as {@code //admin/} or {@code /%2e%2e/}, a request it cannot
     * parse) as the README's JSON errors instead of its HTML pages.
     */
    private static final class JsonErrors extends org.eclipse.jetty.server.handler.ErrorHandler {

        @Override
        protected void generateResponse(Request request, Response response, int code, String message,
                Throwable cause, Callback callback) {
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
            response.write(true, ByteBuffer.wrap(Json.error(codeName(code), text(code, message))), callback);
        }

        @Override
        public ByteBuffer badMessageError(int status, String reason, org.eclipse.jetty.http.HttpFields.Mutable fields) {
            fields.put(HttpHeader.CONTENT_TYPE, "application/json");
            return ByteBuffer.wrap(Json.error(codeName(status), text(status, reason)));
        }

        private static String codeName(int status) {
            return switch (status) {
                case 400 -> "malformed";
                case 404 -> "not_found";
                case 405 -> "method_not_allowed";
                case 413, 414, 431 -> "too_large";
                case 503 -> "unavailable";
                default -> status >= 500 ? "internal" : "refused";
            };
        }

        private static String text(int status, String reason) {
            return reason == null || reason.isBlank() ? "HTTP " + status : reason;
        }
    }

    /** Answers a request that failed: a connector's refusal as it says, a database failure 503, anything else 500. */
    private static void fail(Request request, Response response, Callback callback, Throwable failure) {
        Throwable e = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause()
                : failure;
        if (e instanceof ChannelException refused) {
            refuse(response, callback, refused);
        } else if (response.isCommitted()) {
            callback.failed(e);
        } else if (isUnavailable(e)) {
            LOG.warn("{} {}: the message could not be stored: {}", request.getMethod(),
                    Request.getPathInContext(request), e.toString());
            error(response, callback, 503, "unavailable",
                    "The message could not be stored just now; deliver it again later");
        } else {
            LOG.error("{} {} failed", request.getMethod(), Request.getPathInContext(request), e);
            error(response, callback, 500, "internal", "Internal error");
        }
    }

    private void channel(Request request, Response response, Callback callback, String rest) throws Exception {
        int slash = rest.indexOf('/');
        String idText = slash < 0 ? rest : rest.substring(0, slash);
        String subPath = slash < 0 ? "" : rest.substring(slash);
        long channelId;
        try {
            channelId = Long.parseLong(idText);
        } catch (NumberFormatException e) {
            throw ChannelException.notFound("No channel '" + idText + "'");
        }
        Optional<ChannelConnector> connector = channels.connector(channelId);
        if (connector.isEmpty()) {
            throw ChannelException.notFound("No channel " + channelId + " runs here");
        }
        ChannelContext context = channels.context(channelId);
        long limit = connector.get().bodyLimit(request.getMethod(), subPath, context);
        byte[] body = readBody(request, limit);
        ChannelRequest channelRequest = new ChannelRequest(request.getMethod(), subPath, query(request),
                headers(request), body, remoteAddress(request));
        // The connector may answer later (once its messages are committed): this thread goes on serving others.
        Thread requestThread = Thread.currentThread();
        connector.get().handleLater(channelRequest, context).whenComplete((answer, failure) -> {
            if (failure == null && Thread.currentThread() != requestThread
                    && (answer.stream() != null || answer.events() != null)) {
                // a file or an event stream is written blocking: not on the thread that completes many answers
                server.getThreadPool().execute(() -> answer(request, response, callback, answer, null));
            } else {
                answer(request, response, callback, answer, failure);
            }
        });
    }

    private void answer(Request request, Response response, Callback callback, ChannelResponse answer,
            Throwable failure) {
        try {
            if (failure != null) {
                fail(request, response, callback, failure);
            } else {
                send(response, callback, answer);
            }
        } catch (Throwable e) { // nothing else would answer: the client would wait until its timeout
            fail(request, response, callback, e);
        }
    }

    private void admin(Request request, Response response, Callback callback, String rest) throws Exception {
        AdminApi api = adminApi;
        if (api == null) {
            error(response, callback, 503, "unavailable", "The admin API is not running (yet); try again shortly");
            return;
        }
        ChannelRequest bare = new ChannelRequest(request.getMethod(), rest, query(request), headers(request),
                new byte[0], remoteAddress(request));
        if (AdminApi.opensSession(request.getMethod(), rest)) {
            byte[] body = readBody(request, SIGN_IN_LIMIT);
            send(response, callback, api.signIn(new ChannelRequest(bare.method(), rest, bare.query(), bare.headers(),
                    body, bare.remoteAddress()), adminApiFromAnywhere));
            return;
        }
        if (AdminApi.endsSession(request.getMethod(), rest)) {
            send(response, callback, api.signOut(bare, adminApiFromAnywhere));
            return;
        }
        org.humanchat.api.model.Agent admin = api.admin(bare, adminApiFromAnywhere);
        byte[] body = readBody(request, api.bodyLimit(request.getMethod(), rest));
        ChannelRequest full = new ChannelRequest(bare.method(), rest, bare.query(), bare.headers(), body,
                bare.remoteAddress());
        send(response, callback, api.handle(admin, rest, full));
    }

    /**
     * The agent API: the route first (404, 405), then the token where the route needs one (401), then the body
     * (413 over the limit), then the call.
     */
    private void agent(Request request, Response response, Callback callback, String rest) throws Exception {
        AgentApi api = agentApi;
        if (api == null) {
            response.getHeaders().put(HttpHeader.RETRY_AFTER, "1");
            error(response, callback, 503, "unavailable", "The agent API is not running (yet); try again shortly");
            return;
        }
        ChannelRequest bare = new ChannelRequest(request.getMethod(), rest, query(request), headers(request),
                new byte[0], remoteAddress(request));
        Map.Entry<AgentApi.Route, Map<String, String>> route;
        org.humanchat.api.model.Agent agent;
        try {
            route = AgentApi.route(request.getMethod(), rest);
            if (AgentApi.adminRoute(route.getKey())) {
                AdminApi.requireReachable(bare, adminApiFromAnywhere); // connectors: the admin API's rule
            }
            agent = route.getKey().signedIn() ? api.signedIn(bare) : null;
        } catch (ChannelException refused) {
            discardBody(request, response); // refused before the body was read: the connection stays usable
            throw refused;
        }
        byte[] body = request.getMethod().equals("GET") || request.getMethod().equals("DELETE") ? new byte[0]
                : readBody(request, api.bodyLimit(route.getKey()));
        ChannelRequest full = new ChannelRequest(bare.method(), rest, bare.query(), bare.headers(), body,
                bare.remoteAddress());
        send(response, callback, api.handle(route.getKey(), route.getValue(), agent, full));
    }

    /**
     * Reads and drops a small body the answer does not need, so that the client's next request on the connection
     * is not read from its middle; a larger one closes the connection after the answer instead.
     */
    private static void discardBody(Request request, Response response) {
        long declared = request.getLength();
        if (declared == 0) {
            return;
        }
        if (declared > 0 && declared <= AgentApi.JSON_LIMIT) {
            try (InputStream in = Content.Source.asInputStream(request)) {
                drain(in, declared);
                return;
            } catch (IOException e) {
                // the connection is closed below
            }
        }
        response.getHeaders().put(HttpHeader.CONNECTION, "close");
    }

    private static byte[] readBody(Request request, long limit) throws Exception {
        long declared = request.getLength();
        if (declared > limit) {
            // A body a little over the limit is read and dropped first: answering while the client still sends
            // lets the closing connection reset, and the client sees no answer at all instead of its 413.
            if (declared <= limit + DRAINED_BYTES) {
                try (InputStream in = Content.Source.asInputStream(request)) {
                    drain(in, DRAINED_BYTES + limit);
                }
            }
            throw ChannelException.tooLarge("The body has " + declared + " bytes; the limit is " + limit);
        }
        try (InputStream in = Content.Source.asInputStream(request)) {
            if (declared >= 0) {
                // The usual case: read into an array of the declared length (Jetty holds the client to it), no
                // buffer to copy from and throw away with every message.
                byte[] body = new byte[(int) declared];
                int read = in.readNBytes(body, 0, body.length);
                if (read < body.length) {
                    throw ChannelException.malformed("The body ended after " + read + " of " + declared + " bytes");
                }
                return body;
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
            byte[] buffer = new byte[8 * 1024];
            for (int n; (n = in.read(buffer)) > 0;) {
                if (out.size() + (long) n > limit) {
                    drain(in, DRAINED_BYTES);
                    throw ChannelException.tooLarge("The body is larger than the limit of " + limit + " bytes");
                }
                out.write(buffer, 0, n);
            }
            return out.toByteArray();
        }
    }

    /** Reads and drops up to {@code most} bytes of what the client still sends. */
    private static void drain(InputStream in, long most) throws IOException {
        byte[] buffer = new byte[16 * 1024];
        long left = most;
        for (int n; left > 0 && (n = in.read(buffer, 0, (int) Math.min(buffer.length, left))) > 0;) {
            left -= n;
        }
    }

    private static Map<String, List<String>> query(Request request) {
        Fields fields = Request.extractQueryParameters(request);
        Map<String, List<String>> query = new HashMap<>();
        for (Fields.Field field : fields) {
            query.put(field.getName(), field.getValues());
        }
        return query;
    }

    private static Map<String, List<String>> headers(Request request) {
        Map<String, List<String>> headers = new HashMap<>();
        for (HttpField field : request.getHeaders()) {
            headers.computeIfAbsent(field.getLowerCaseName(), k -> new ArrayList<>()).add(field.getValue());
        }
        return headers;
    }

    private static String remoteAddress(Request request) {
        return request.getConnectionMetaData().getRemoteSocketAddress() instanceof InetSocketAddress address
                ? address.getAddress().getHostAddress() : "";
    }

    private void send(Response response, Callback callback, ChannelResponse answer) throws IOException {
        response.setStatus(answer.status());
        answer.headers().forEach((name, value) -> response.getHeaders().put(name, value));
        if (answer.contentType() != null) {
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, answer.contentType().startsWith("text/")
                    && !answer.contentType().contains("charset") ? answer.contentType() + "; charset=utf-8"
                            : answer.contentType());
        }
        response.getHeaders().put("X-Content-Type-Options", "nosniff");
        if (answer.events() != null) {
            response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
            SseSink sink = new SseSink(response, callback, HEARTBEAT_MILLIS);
            streams.add(sink);
            sink.onClose(() -> streams.remove(sink));
            sink.start();
            answer.events().opened(sink);
        } else if (answer.stream() != null) {
            try (InputStream in = answer.stream(); OutputStream out = Content.Sink.asOutputStream(response)) {
                in.transferTo(out);
            }
            callback.succeeded();
        } else {
            response.write(true, ByteBuffer.wrap(answer.body()), callback);
        }
    }

    private static void refuse(Response response, Callback callback, ChannelException e) {
        if (e.retryAfterSeconds() > 0) {
            response.getHeaders().put(HttpHeader.RETRY_AFTER, Long.toString(e.retryAfterSeconds()));
        }
        if (e instanceof AgentApi.ValidationFailure invalid) {
            ObjectNode node = Json.MAPPER.createObjectNode().put("error", e.code()).put("message", e.getMessage());
            ObjectNode fields = node.putObject("fields");
            invalid.fields.forEach(fields::put);
            response.setStatus(e.status());
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
            response.write(true, ByteBuffer.wrap(Json.bytes(node)), callback);
            return;
        }
        error(response, callback, e.status(), e.code(), e.getMessage());
    }

    private static void error(Response response, Callback callback, int status, String code, String message) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.write(true, ByteBuffer.wrap(Json.error(code, message)), callback);
    }

    /** Whether the failure is the database's (down, pool exhausted, timed out): worth a redelivery, not a bug. */
    /** The database could not take the work (not open, connection lost): typed by the store, whatever wraps it. */
    private static boolean isUnavailable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof StoreUnavailableException) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }
}
