package org.humanchat.endpoint.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.humanchat.api.connector.ConnectorAdmin;
import org.humanchat.api.connector.ConnectorInstance;
import org.humanchat.api.model.Agent;
import org.humanchat.api.model.AgentRole;
import org.humanchat.api.model.Brain;
import org.humanchat.api.model.Channel;
import org.humanchat.api.model.Contact;
import org.humanchat.api.model.ContactUpdate;
import org.humanchat.api.model.Conversation;
import org.humanchat.api.model.Environment;
import org.humanchat.api.model.InboxCounts;
import org.humanchat.api.model.InboxQuery;
import org.humanchat.api.model.InboxRow;
import org.humanchat.api.model.InboxTab;
import org.humanchat.api.model.Message;
import org.humanchat.api.model.QuickResponse;
import org.humanchat.api.service.AccountService;
import org.humanchat.api.service.AuditEntry;
import org.humanchat.api.service.AuditQuery;
import org.humanchat.api.service.AuditService;
import org.humanchat.api.service.BusyException;
import org.humanchat.api.service.ContactService;
import org.humanchat.api.service.ConversationService;
import org.humanchat.api.service.DirectoryService;
import org.humanchat.api.service.HumanChatException;
import org.humanchat.api.service.InboxService;
import org.humanchat.api.service.NotFoundException;
import org.humanchat.api.service.PermissionDeniedException;
import org.humanchat.api.service.SignInRefusedException;
import org.humanchat.api.service.SignInSession;
import org.humanchat.api.service.StoreUnavailableException;
import org.humanchat.api.service.TooManyAttemptsException;
import org.humanchat.api.service.ValidationException;
import org.humanchat.channel.api.ChannelException;
import org.humanchat.channel.api.ChannelRequest;
import org.humanchat.channel.api.ChannelResponse;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The agent API, version 1, under {@code /api/v1/}: what a desk or a script does, as JSON over HTTP, with the
 * account's bearer token (from {@code POST /api/v1/session}) and the role checks of the core services. The routes are
 * {@link #ROUTES}; the OpenAPI document {@code /api/v1/openapi.json} describes them (a test holds the two together).
 * Errors are {@code {"error": code, "message": text}}: 400 {@code invalid} (with {@code fields}) or {@code refused},
 * 401 {@code unauthorized}, 403 {@code forbidden}, 404 {@code not_found}, 405 {@code method_not_allowed}, 413
 * {@code too_large}, 429 {@code too_many_attempts} (with Retry-After), 503 {@code unavailable} (with Retry-After).
 */
@Component(service = AgentApi.class)
public final class AgentApi {

    static final String PREFIX = "/api/v1/";
    public static final long JSON_LIMIT = 256 * 1024;
    private static final int DEFAULT_PAGE = 50;

    /** What a route does with a call. */
    @FunctionalInterface
    public interface Handler {
        ChannelResponse handle(AgentApi api, Call call) throws ChannelException;
    }

    /**
     * A route: method, path template below {@code /api/v1/} ({@code {name}} for a path parameter), whether it needs a
     * token, and a summary (the same words as the OpenAPI document's).
     */
    public record Route(String method, String path, boolean signedIn, String summary, Handler handler) {

        Optional<Map<String, String>> match(String method, String[] segments) {
            String[] template = path.split("/");
            if (!this.method.equals(method) || template.length != segments.length) {
                return Optional.empty();
            }
            Map<String, String> parameters = new LinkedHashMap<>();
            for (int i = 0; i < template.length; i++) {
                if (template[i].startsWith("{")) {
                    parameters.put(template[i].substring(1, template[i].length() - 1), segments[i]);
                } else if (!template[i].equals(segments[i])) {
                    return Optional.empty();
                }
            }
            return Optional.of(parameters);
        }
    }

    /** One request: the signed-in agent (null for the routes that need none), its path parameters and itself. */
    public record Call(Agent agent, Map<String, String> parameters, ChannelRequest request, String token) {

        long id(String name) throws ChannelException {
            try {
                return Long.parseLong(parameters.get(name));
            } catch (NumberFormatException e) {
                throw ChannelException.notFound("No " + name + " '" + parameters.get(name) + "'");
            }
        }

        long me() {
            return agent.id();
        }

        Optional<String> query(String name) {
            return request.queryParameter(name).filter(v -> !v.isBlank());
        }

        long queryLong(String name, long otherwise) throws ChannelException {
            Optional<String> value = query(name);
            if (value.isEmpty()) {
                return otherwise;
            }
            try {
                return Long.parseLong(value.get().strip());
            } catch (NumberFormatException e) {
                throw invalid(name, "Not a number: " + value.get());
            }
        }

        JsonNode body() throws ChannelException {
            return Json.object(request.body());
        }
    }

    public static final List<Route> ROUTES = List.of(
            new Route("POST", "session", false, "Sign in with email and password", AgentApi::signIn),
            new Route("DELETE", "session", true, "Sign out: end this token", AgentApi::signOut),
            new Route("GET", "me", true, "The signed-in agent", (api, c) -> ok(agent(c.agent()))),
            new Route("GET", "openapi.json", false, "This API's OpenAPI document", AgentApi::openApi),
            new Route("GET", "inbox/counts", true, "The inbox tabs' counts", AgentApi::counts),
            new Route("GET", "inbox/{tab}", true, "A page of an inbox tab", AgentApi::inbox),
            new Route("GET", "conversations/{id}", true, "A conversation", AgentApi::conversation),
            new Route("GET", "conversations/{id}/messages", true, "A page of a conversation's messages",
                    AgentApi::messages),
            new Route("POST", "conversations/{id}/messages", true, "Reply (takes the conversation)", AgentApi::reply),
            new Route("POST", "conversations/{id}/resolve", true, "Resolve", (api, c) -> ok(conversation(
                    api.conversations().resolve(c.id("id"), c.me())))),
            new Route("POST", "conversations/{id}/reopen", true, "Reopen", (api, c) -> ok(conversation(
                    api.conversations().reopen(c.id("id"), c.me())))),
            new Route("POST", "conversations/{id}/assign", true, "Assign to an agent, a Brain or nobody",
                    AgentApi::assign),
            new Route("POST", "conversations/{id}/tags", true, "Add a tag", AgentApi::tag),
            new Route("DELETE", "conversations/{id}/tags/{tag}", true, "Remove a tag", (api, c) -> ok(conversation(
                    api.conversations().untag(c.id("id"), c.parameters().get("tag"), c.me())))),
            new Route("GET", "contacts/{id}", true, "A contact", AgentApi::contact),
            new Route("PATCH", "contacts/{id}", true, "Edit a contact", AgentApi::updateContact),
            new Route("GET", "environments", true, "The environments", (api, c) -> ok(list(
                    api.directory().environments(), AgentApi::environment))),
            new Route("POST", "environments", true, "Create an environment", AgentApi::createEnvironment),
            new Route("PATCH", "environments/{id}", true, "Change an environment's settings",
                    AgentApi::updateEnvironment),
            new Route("GET", "channels", true, "The channels", (api, c) -> ok(list(api.directory().channels(),
                    AgentApi::channel))),
            new Route("POST", "channels", true, "Create a channel and its connector instance", AgentApi::createChannel),
            new Route("GET", "brains", true, "The Brains", (api, c) -> ok(list(api.directory().brains(),
                    AgentApi::brain))),
            new Route("POST", "brains", true, "Create a Brain and its connector instance", AgentApi::createBrain),
            new Route("GET", "environments/{id}/quick-responses", true, "An environment's quick responses",
                    (api, c) -> ok(list(api.directory().quickResponses(c.id("id")), AgentApi::quickResponse))),
            new Route("POST", "environments/{id}/quick-responses", true, "Save a quick response",
                    AgentApi::saveQuickResponse),
            new Route("DELETE", "quick-responses/{id}", true, "Delete a quick response", (api, c) -> {
                api.directory().deleteQuickResponse(c.id("id"), c.me());
                return noContent();
            }),
            new Route("GET", "agents", true, "The agents", (api, c) -> ok(list(api.directory().agents(),
                    AgentApi::agent))),
            new Route("POST", "agents", true, "Add an agent (answers their set-password code)", AgentApi::addAgent),
            new Route("PATCH", "agents/{id}", true, "Change an agent's name, role or whether active",
                    AgentApi::updateAgent),
            new Route("POST", "agents/{id}/set-password-code", true, "Issue a set-password code",
                    (api, c) -> json(201, Json.MAPPER.createObjectNode().put("code",
                            api.accounts().issueSetPasswordCode(c.id("id"), c.me())))),
            new Route("GET", "audit", true, "A page of the audit log (admins)", AgentApi::audit),
            new Route("GET", "events", true, "Live changes as Server-Sent Events, resumable with Last-Event-ID",
                    (api, c) -> ChannelResponse.events(sink -> api.events.subscribe(sink,
                            c.request().header("last-event-id").orElse(null)))),
            new Route("POST", "session/code", false, "Set a password with a set-password code, and sign in",
                    AgentApi::setPasswordWithCode),
            new Route("PUT", "me/presence", true, "Set your presence", (api, c) -> ok(agent(api.directory()
                    .setPresence(c.me(), presence(c.body().path("presence").asText("")), c.me())))),
            new Route("PUT", "me/password", true, "Change your password (your other sessions end)",
                    AgentApi::changePassword),
            new Route("GET", "me/sessions", true, "Your sessions and API tokens", (api, c) -> ok(list(api
                    .accounts().tokens(c.me(), c.me()), AgentApi::token))),
            new Route("DELETE", "me/sessions", true, "Sign out everywhere", (api, c) -> ok(Json.MAPPER
                    .createObjectNode().put("ended", api.accounts().signOutEverywhere(c.me(), c.me())))),
            new Route("DELETE", "me/sessions/{id}", true, "End one session or API token", (api, c) -> {
                api.accounts().revoke(c.id("id"), c.me());
                return noContent();
            }),
            new Route("POST", "me/api-tokens", true, "Issue a named API token", (api, c) -> json(201, Json.MAPPER
                    .createObjectNode().put("token", api.accounts().issueApiToken(c.me(), c.body().path("name")
                            .asText(""), c.me())))),
            new Route("GET", "inbox/{tab}/count", true, "How many conversations a filtered tab holds",
                    AgentApi::count),
            new Route("GET", "tags", true, "The known tags", (api, c) -> {
                ArrayNode tags = Json.MAPPER.createArrayNode();
                api.inbox().tags().forEach(tags::add);
                return ok(tags);
            }),
            new Route("POST", "tags/{tag}/rename", true, "Rename a tag everywhere (admins)", (api, c) -> ok(Json.MAPPER
                    .createObjectNode().put("conversations", api.directory().renameTag(c.parameters().get("tag"),
                            c.body().path("to").asText(""), c.me())))),
            new Route("DELETE", "tags/{tag}", true, "Delete a tag everywhere (admins)", (api, c) -> ok(Json.MAPPER
                    .createObjectNode().put("conversations", api.directory().deleteTag(c.parameters().get("tag"),
                            c.me())))),
            new Route("POST", "conversations/{id}/seen", true, "Mark a conversation as read by you", (api, c) -> {
                api.conversations().markSeen(c.id("id"), c.me());
                return noContent();
            }),
            new Route("POST", "messages/{id}/retry", true, "Send an undelivered reply again", (api, c) -> ok(message(
                    api.deliveries().retry(c.id("id"), c.me())))),
            new Route("GET", "contacts/{id}/conversations", true, "A contact's conversations, newest first",
                    (api, c) -> ok(list(api.contacts().conversations(c.id("id"), (int) Math.min(200,
                            c.queryLong("limit", 50))), AgentApi::conversation))),
            new Route("PUT", "channels/{id}/default-brain", true, "Choose the Brain of a channel's new conversations",
                    (api, c) -> ok(channel(api.directory().setDefaultBrain(c.id("id"), c.body().path("brainId")
                            .asLong(0), c.me())))),
            new Route("POST", "files", true, "Upload a file to attach to a reply (the body is the file)",
                    AgentApi::upload),
            new Route("GET", "files/{hash}", true, "Download a file", AgentApi::download),
            new Route("GET", "audit/actions", true, "The actions in the audit log (admins)", (api, c) -> {
                ArrayNode actions = Json.MAPPER.createArrayNode();
                api.auditService().actions(c.me()).forEach(actions::add);
                return ok(actions);
            }),
            new Route("GET", "connectors", true, "Connector bundles and the drop-in folder (admins)", AgentApi::admin),
            new Route("POST", "connectors", true, "Install a connector: the body is the jar, ?file=x.jar (admins)",
                    AgentApi::admin),
            new Route("PUT", "connectors/{bundleId}", true, "Update a connector: the body is the jar (admins)",
                    AgentApi::admin),
            new Route("DELETE", "connectors/{bundleId}", true, "Uninstall a connector (admins)", AgentApi::admin),
            new Route("POST", "connectors/{bundleId}/start", true, "Start a connector (admins)", AgentApi::admin),
            new Route("POST", "connectors/{bundleId}/stop", true, "Stop a connector (admins)", AgentApi::admin),
            new Route("GET", "forms/{factoryPid}", true, "A connector type's configuration form (admins)",
                    AgentApi::admin),
            new Route("GET", "instances", true, "Configured connector instances, secrets never included (admins)",
                    AgentApi::admin),
            new Route("POST", "instances", true, "Create a connector instance (admins)", AgentApi::admin),
            new Route("GET", "instances/{pid}", true, "A connector instance (admins)", AgentApi::admin),
            new Route("PUT", "instances/{pid}", true, "Change a connector instance (admins)", AgentApi::admin),
            new Route("DELETE", "instances/{pid}", true, "Delete a connector instance (admins)", AgentApi::admin));

    @Reference
    private AgentEvents events;
    @Reference
    private org.humanchat.channel.runtime.RunningChannels runningChannels;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile AccountService accounts;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile DirectoryService directory;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile ConversationService conversations;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile InboxService inbox;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile ContactService contacts;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile AuditService audit;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile ConnectorAdmin connectorAdmin;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile org.humanchat.api.service.DeliveryService deliveryService;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile org.humanchat.api.service.AttachmentStore attachmentStore;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile AdminApi adminApi;

    /**
     * An agent API over these services, wired by hand as SCR wires it (for benchmarks and tests that run without
     * the framework's components).
     */
    public static AgentApi over(AccountService accounts, DirectoryService directory, ConversationService conversations,
            InboxService inbox, ContactService contacts, AuditService audit,
            org.humanchat.api.service.DeliveryService deliveries, org.humanchat.api.service.AttachmentStore attachments,
            AgentEvents events, org.humanchat.channel.runtime.RunningChannels channels) {
        AgentApi api = new AgentApi();
        api.accounts = accounts;
        api.directory = directory;
        api.conversations = conversations;
        api.inbox = inbox;
        api.contacts = contacts;
        api.audit = audit;
        api.deliveryService = deliveries;
        api.attachmentStore = attachments;
        api.events = events;
        api.runningChannels = channels;
        return api;
    }

    /** The route of a request, with its path parameters; 404 or 405 when there is none. */
    static Map.Entry<Route, Map<String, String>> route(String method, String path) throws ChannelException {
        String[] segments = path.split("/", -1);
        boolean pathKnown = false;
        for (Route route : ROUTES) {
            Optional<Map<String, String>> parameters = route.match(method, segments);
            if (parameters.isPresent()) {
                return Map.entry(route, parameters.get());
            }
            pathKnown |= route.match(route.method(), segments).isPresent();
        }
        if (pathKnown) {
            throw new ChannelException(405, "method_not_allowed", method + " is not allowed on /api/v1/" + path);
        }
        throw ChannelException.notFound("No agent API resource /api/v1/" + path + " (see /api/v1/openapi.json)");
    }

    /** The agent a route needs, from the bearer token; 401 without a current one. */
    Agent signedIn(ChannelRequest request) throws ChannelException {
        String token = bearer(request);
        return accounts().agentByToken(token).orElseThrow(() -> new ChannelException(401, "unauthorized",
                token.isEmpty() ? "Sign in first (POST /api/v1/session) and send Authorization: Bearer <token>"
                        : "This token is not valid (any more): sign in again"));
    }

    static String bearer(ChannelRequest request) {
        String authorization = request.header("authorization").orElse("");
        return authorization.regionMatches(true, 0, "Bearer ", 0, 7) ? authorization.substring(7).strip() : "";
    }

    /** Answers a request under {@code /api/v1/} ({@code path} is what follows), its body read already. */
    ChannelResponse handle(Route route, Map<String, String> parameters, Agent agent, ChannelRequest request)
            throws ChannelException {
        try {
            return route.handler().handle(this, new Call(agent, parameters, request, bearer(request)));
        } catch (TooManyAttemptsException e) {
            throw new ChannelException(429, "too_many_attempts", e.getMessage(), e.retryAfterSeconds());
        } catch (SignInRefusedException e) {
            throw new ChannelException(401, "unauthorized", e.getMessage());
        } catch (ValidationException e) {
            throw new ValidationFailure(e);
        } catch (NotFoundException e) {
            throw ChannelException.notFound(e.getMessage());
        } catch (PermissionDeniedException e) {
            throw ChannelException.forbidden(e.getMessage());
        } catch (StoreUnavailableException | BusyException e) {
            throw new ChannelException(503, "unavailable", e.getMessage(), 1);
        } catch (HumanChatException e) { // ConnectorException too
            throw new ChannelException(400, "refused", e.getMessage());
        }
    }

    /** A refused value: 400 {@code invalid}, with the fields and their problems. */
    static final class ValidationFailure extends ChannelException {
        private static final long serialVersionUID = 1L;
        final transient Map<String, String> fields;

        ValidationFailure(ValidationException e) {
            super(400, "invalid", String.join(" ", e.fieldErrors().values()));
            this.fields = e.fieldErrors();
        }
    }

    static ChannelException invalid(String field, String problem) {
        return new ValidationFailure(ValidationException.of(field, problem));
    }

    // ---- the services, each 503 until it is there (the database opens after the endpoint starts)

    private static <T> T open(T service) {
        if (service == null) {
            throw new StoreUnavailableException("The database is not open (yet); try again shortly");
        }
        return service;
    }

    AccountService accounts() {
        return open(accounts);
    }

    /** Whether the database is open: the domain services are registered only then. */
    boolean databaseOpen() {
        return accounts != null && directory != null && conversations != null;
    }

    DirectoryService directory() {
        return open(directory);
    }

    ConversationService conversations() {
        return open(conversations);
    }

    InboxService inbox() {
        return open(inbox);
    }

    ContactService contacts() {
        return open(contacts);
    }

    AuditService auditService() {
        return open(audit);
    }

    ConnectorAdmin connectors() {
        return open(connectorAdmin);
    }

    org.humanchat.api.service.DeliveryService deliveries() {
        return open(deliveryService);
    }

    org.humanchat.api.service.AttachmentStore attachments() {
        return open(attachmentStore);
    }

    /**
     * How large a request's body may be: a file (the attachment limit) or a connector jar, else a small JSON. A body
     * over it is refused with 413 before it is read.
     */
    long bodyLimit(Route route) {
        if (route.path().equals("files")) {
            return attachments().maxBytes();
        }
        if (route.path().equals("conversations/{id}/messages") && route.method().equals("POST")) {
            return attachments().maxBytes() * MAX_REPLY_FILES + JSON_LIMIT; // a reply with its files
        }
        if (route.path().startsWith("connectors")) {
            return ConnectorAdmin.MAX_JAR_BYTES;
        }
        return JSON_LIMIT;
    }

    /** Whether the route is the admin API's (connectors, forms, instances), which answers as the admin API does. */
    static boolean adminRoute(Route route) {
        return route.path().startsWith("connectors") || route.path().startsWith("forms/")
                || route.path().startsWith("instances");
    }

    // ---- the routes

    private static ChannelResponse signIn(AgentApi api, Call c) throws ChannelException {
        return signIn(api.accounts(), c.body(), c.request().remoteAddress());
    }

    /**
     * Signs in with the {@code email} and {@code password} of a JSON body: 201 with the session (also for the admin
     * API's {@code POST /admin/sessions}).
     */
    static ChannelResponse signIn(AccountService accounts, JsonNode body, String remoteAddress) {
        char[] password = body.path("password").asText("").toCharArray();
        try {
            return session(accounts.signIn(body.path("email").asText(""), password, remoteAddress,
                    client(body, remoteAddress)));
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    private static ChannelResponse setPasswordWithCode(AgentApi api, Call c) throws ChannelException {
        JsonNode body = c.body();
        char[] password = body.path("password").asText("").toCharArray();
        try {
            return session(api.accounts().setPasswordWithCode(body.path("email").asText(""),
                    body.path("code").asText(""), password, c.request().remoteAddress(),
                    client(body, c.request().remoteAddress())));
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    /** 201 with a new session: its token (shown only now), when it ends, and whose it is. */
    private static ChannelResponse session(SignInSession session) {
        ObjectNode node = Json.MAPPER.createObjectNode().put("token", session.token())
                .put("expiresAt", session.expiresAt().toString());
        node.set("agent", agent(session.agent()));
        return json(201, node);
    }

    /** What the session is called in its agent's list: the body's {@code client}, else where it came from. */
    private static String client(JsonNode body, String remoteAddress) {
        String client = body.path("client").asText("");
        return client.isBlank() ? "API client at " + remoteAddress : client;
    }

    private static ChannelResponse changePassword(AgentApi api, Call c) throws ChannelException {
        JsonNode body = c.body();
        char[] current = body.path("current").asText("").toCharArray();
        char[] next = body.path("password").asText("").toCharArray();
        try {
            SignInSession session = api.accounts().changePassword(c.me(), current, next,
                    client(body, c.request().remoteAddress()), c.me());
            return ok(Json.MAPPER.createObjectNode().put("token", session.token())
                    .put("expiresAt", session.expiresAt().toString()));
        } finally {
            Arrays.fill(current, '\0');
            Arrays.fill(next, '\0');
        }
    }

    private static org.humanchat.api.model.Presence presence(String text) throws ChannelException {
        try {
            return org.humanchat.api.model.Presence.valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw invalid("presence", "presence is available, busy or away");
        }
    }

    private static ObjectNode token(org.humanchat.api.service.AccountToken t) {
        return Json.MAPPER.createObjectNode().put("id", t.id()).put("label", t.label()).put("apiToken", t.apiToken())
                .put("createdAt", t.createdAt().toString()).put("lastUsedAt", t.lastUsedAt().toString())
                .put("expiresAt", t.expiresAt().toString());
    }

    private static ChannelResponse count(AgentApi api, Call c) throws ChannelException {
        InboxQuery query = query(c, 0, 1);
        return ok(Json.MAPPER.createObjectNode().put("count", api.inbox().count(query)));
    }

    /** A file to attach: the body, its name from {@code ?name=}, its type from Content-Type (checked against it). */
    private static ChannelResponse upload(AgentApi api, Call c) throws ChannelException {
        String name = c.query("name").orElseThrow(() -> invalid("name", "Name the file: ?name=report.pdf"));
        String type = c.request().header("content-type").orElse("application/octet-stream");
        try {
            org.humanchat.api.model.Attachment stored = api.attachments().store(name, type,
                    new java.io.ByteArrayInputStream(c.request().body()));
            return json(201, attachment(stored));
        } catch (org.humanchat.api.service.AttachmentRejectedException e) {
            throw new ChannelException(e.tooLarge() ? 413 : 400, e.tooLarge() ? "too_large" : "refused",
                    e.getMessage());
        } catch (IOException e) {
            throw new org.humanchat.api.service.StoreUnavailableException("The file could not be stored: "
                    + e.getMessage());
        }
    }

    private static ChannelResponse download(AgentApi api, Call c) throws ChannelException {
        String hash = c.parameters().get("hash");
        try {
            InputStream content = api.attachments().open(hash)
                    .orElseThrow(() -> ChannelException.notFound("No file " + hash));
            return ChannelResponse.file("application/octet-stream", content, Map.of());
        } catch (IOException e) {
            throw new org.humanchat.api.service.StoreUnavailableException("The file cannot be read: "
                    + e.getMessage());
        }
    }

    /** The admin API's connector routes, as {@code /admin/} answers them (admins only). */
    private static ChannelResponse admin(AgentApi api, Call c) throws ChannelException {
        AdminApi admin = api.adminApi;
        if (admin == null) {
            throw new ChannelException(503, "unavailable", "Connector administration is not running (yet)", 1);
        }
        if (!c.agent().isAdmin()) {
            throw ChannelException.forbidden(c.agent().name() + " is not an admin; only admins manage connectors");
        }
        return admin.handle(c.agent(), c.request().path(), c.request());
    }

    static ObjectNode attachment(org.humanchat.api.model.Attachment a) {
        return Json.MAPPER.createObjectNode().put("name", a.name()).put("mediaType", a.mediaType())
                .put("size", a.size()).put("contentHash", a.contentHash());
    }

    private static ChannelResponse signOut(AgentApi api, Call c) {
        api.accounts().signOut(c.token());
        return noContent();
    }

    private static ChannelResponse openApi(AgentApi api, Call c) throws ChannelException {
        try (InputStream in = AgentApi.class.getResourceAsStream("/api/openapi.json")) {
            if (in == null) {
                throw new IllegalStateException("api/openapi.json is missing from the endpoint bundle");
            }
            return ChannelResponse.json(200, in.readAllBytes());
        } catch (IOException e) {
            throw new IllegalStateException("api/openapi.json cannot be read", e);
        }
    }

    private static ChannelResponse counts(AgentApi api, Call c) {
        InboxCounts counts = api.inbox().counts(c.me());
        ObjectNode node = Json.MAPPER.createObjectNode();
        for (InboxTab tab : InboxTab.values()) {
            node.put(tab.name().toLowerCase(Locale.ROOT), counts.byTab().getOrDefault(tab, 0L));
        }
        return ok(node);
    }

    private static InboxTab tab(Call c) throws ChannelException {
        try {
            return InboxTab.valueOf(c.parameters().get("tab").toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ChannelException.notFound("No inbox tab '" + c.parameters().get("tab") + "': me, unassigned, open,"
                    + " brain or closed");
        }
    }

    private static InboxQuery query(Call c, int offset, int limit) throws ChannelException {
        return new InboxQuery(tab(c), c.me(), c.query("search").orElse(""), c.queryLong("environmentId", 0),
                c.queryLong("channelId", 0), c.query("tag").orElse(""),
                c.query("order").map("oldest"::equals).orElse(false), offset, limit);
    }

    private static ChannelResponse inbox(AgentApi api, Call c) throws ChannelException {
        InboxTab tab = tab(c);
        int limit = (int) c.queryLong("limit", DEFAULT_PAGE);
        int offset = (int) c.queryLong("offset", 0);
        if (limit < 1 || limit > InboxQuery.MAX_LIMIT || offset < 0) {
            throw invalid("limit", "limit is 1 to " + InboxQuery.MAX_LIMIT + ", offset 0 or more");
        }
        InboxQuery query = query(c, offset, limit);
        List<InboxRow> rows = api.inbox().page(query);
        ObjectNode node = Json.MAPPER.createObjectNode().put("tab", tab.name().toLowerCase(Locale.ROOT))
                .put("offset", offset).put("limit", limit);
        ArrayNode items = node.putArray("rows");
        for (InboxRow row : rows) {
            ObjectNode item = conversation(row.conversation()).put("contactName", row.contactName())
                    .put("channelType", row.channelType()).put("channelName", row.channelName())
                    .put("environmentName", row.environmentName()).put("assigneeName", row.assigneeName())
                    .put("preview", row.preview()).put("unread", row.unread());
            items.add(item);
        }
        return ok(node);
    }

    private static ChannelResponse conversation(AgentApi api, Call c) throws ChannelException {
        long id = c.id("id");
        return ok(conversation(api.conversations().find(id)
                .orElseThrow(() -> new NotFoundException("Conversation", id))));
    }

    private static ChannelResponse messages(AgentApi api, Call c) throws ChannelException {
        long id = c.id("id");
        api.conversations().find(id).orElseThrow(() -> new NotFoundException("Conversation", id));
        int limit = (int) c.queryLong("limit", DEFAULT_PAGE);
        if (limit < 1 || limit > 500) {
            throw invalid("limit", "limit is 1 to 500");
        }
        List<Message> page = api.conversations().messages(id, c.queryLong("before", 0), limit);
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.set("messages", list(page, AgentApi::message));
        return ok(node);
    }

    /** Files a reply may carry in one multipart request. */
    static final int MAX_REPLY_FILES = 5;

    private static ChannelResponse reply(AgentApi api, Call c) throws ChannelException {
        String contentType = c.request().header("content-type").orElse("");
        if (contentType.regionMatches(true, 0, "multipart/form-data", 0, 19)) {
            return multipartReply(api, c, contentType);
        }
        JsonNode body = c.body();
        List<org.humanchat.api.model.Attachment> files = new ArrayList<>();
        for (JsonNode file : body.path("attachments")) {
            String hash = file.path("contentHash").asText("");
            try {
                if (hash.isEmpty() || api.attachments().open(hash).map(in -> {
                    try {
                        in.close();
                    } catch (IOException e) {
                        // only asked whether it is there
                    }
                    return true;
                }).isEmpty()) {
                    throw invalid("attachments", "Upload the file first (POST /api/v1/files): no file " + hash);
                }
            } catch (IOException e) {
                throw new org.humanchat.api.service.StoreUnavailableException("Files cannot be read: "
                        + e.getMessage());
            }
            files.add(new org.humanchat.api.model.Attachment(file.path("name").asText("file"),
                    file.path("mediaType").asText("application/octet-stream"), file.path("size").asLong(0), hash));
        }
        Message sent = api.conversations().reply(c.id("id"), c.me(), body.path("text").asText(""), files,
                body.path("takeOver").asBoolean(true));
        return json(201, message(sent));
    }

    /**
     * A reply as a form: the field {@code text} (and {@code takeOver}), and each file as a part with a file name;
     * every file is checked and stored as an upload is, before the reply is written.
     */
    private static ChannelResponse multipartReply(AgentApi api, Call c, String contentType) throws ChannelException {
        String boundary = org.eclipse.jetty.http.MultiPart.extractBoundary(contentType);
        if (boundary == null || boundary.isEmpty()) {
            throw ChannelException.malformed("A multipart/form-data body needs its boundary in Content-Type");
        }
        org.eclipse.jetty.http.MultiPartFormData.Parser parser = new org.eclipse.jetty.http.MultiPartFormData.Parser(
                boundary);
        parser.setMaxParts(MAX_REPLY_FILES + 4);
        parser.setMaxMemoryFileSize(Long.MAX_VALUE); // the body is in memory already, within its limit
        parser.setMaxFileSize(api.attachments().maxBytes());
        org.eclipse.jetty.http.MultiPartFormData.Parts parts;
        try {
            parts = parser.parse(org.eclipse.jetty.io.Content.Source.from(java.nio.ByteBuffer.wrap(
                    c.request().body()))).get(10, java.util.concurrent.TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw ChannelException.malformed("The multipart body cannot be read: " + (e.getCause() == null
                    ? e.getMessage() : e.getCause().getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ChannelException.malformed("Interrupted while reading the body");
        }
        try (parts) {
            String text = "";
            boolean takeOver = true;
            List<org.humanchat.api.model.Attachment> files = new ArrayList<>();
            for (org.eclipse.jetty.http.MultiPart.Part part : parts) {
                if (part.getFileName() != null && !part.getFileName().isBlank()) {
                    if (files.size() == MAX_REPLY_FILES) {
                        throw invalid("files", "At most " + MAX_REPLY_FILES + " files in one reply");
                    }
                    String type = part.getHeaders().get("content-type");
                    try (InputStream content = org.eclipse.jetty.io.Content.Source.asInputStream(
                            part.getContentSource())) {
                        files.add(api.attachments().store(part.getFileName(), type == null
                                ? "application/octet-stream" : type, content));
                    } catch (org.humanchat.api.service.AttachmentRejectedException e) {
                        throw new ChannelException(e.tooLarge() ? 413 : 400, e.tooLarge() ? "too_large" : "refused",
                                part.getFileName() + ": " + e.getMessage());
                    } catch (IOException e) {
                        throw new StoreUnavailableException("The file could not be stored: " + e.getMessage());
                    }
                } else if ("text".equals(part.getName())) {
                    text = part.getContentAsString(StandardCharsets.UTF_8);
                } else if ("takeOver".equals(part.getName())) {
                    takeOver = !"false".equalsIgnoreCase(part.getContentAsString(StandardCharsets.UTF_8).strip());
                }
            }
            return json(201, message(api.conversations().reply(c.id("id"), c.me(), text, files, takeOver)));
        }
    }

    private static ChannelResponse assign(AgentApi api, Call c) throws ChannelException {
        JsonNode body = c.body();
        long id = c.id("id");
        Conversation moved;
        if (body.hasNonNull("agentId")) {
            moved = api.conversations().assignToAgent(id, body.path("agentId").asLong(), c.me());
        } else if (body.hasNonNull("brainId")) {
            moved = api.conversations().assignToBrain(id, body.path("brainId").asLong(), c.me());
        } else if (body.path("nobody").asBoolean(false)) {
            moved = api.conversations().unassign(id, c.me());
        } else {
            throw invalid("assignee", "Send {\"agentId\": n}, {\"brainId\": n} or {\"nobody\": true}");
        }
        return ok(conversation(moved));
    }

    private static ChannelResponse tag(AgentApi api, Call c) throws ChannelException {
        String tag = c.body().path("tag").asText("");
        return ok(conversation(api.conversations().tag(c.id("id"), tag, c.me())));
    }

    private static ChannelResponse contact(AgentApi api, Call c) throws ChannelException {
        long id = c.id("id");
        return ok(contact(api.contacts().find(id).orElseThrow(() -> new NotFoundException("Contact", id))));
    }

    private static ChannelResponse updateContact(AgentApi api, Call c) throws ChannelException {
        long id = c.id("id");
        Contact before = api.contacts().find(id).orElseThrow(() -> new NotFoundException("Contact", id));
        JsonNode body = c.body();
        ContactUpdate update = new ContactUpdate(text(body, "name", before.name()), text(body, "email",
                before.email()), text(body, "address", before.address()), text(body, "phone", before.phone()));
        return ok(contact(api.contacts().update(id, update, c.me())));
    }

    private static ChannelResponse createEnvironment(AgentApi api, Call c) throws ChannelException {
        return json(201, environment(api.directory().createEnvironment(c.body().path("name").asText(""), c.me())));
    }

    /** Each field given is changed, in the order of the desk's form; fields not given keep their value. */
    private static ChannelResponse updateEnvironment(AgentApi api, Call c) throws ChannelException {
        long id = c.id("id");
        JsonNode body = c.body();
        DirectoryService d = api.directory();
        Environment e = d.environment(id).orElseThrow(() -> new NotFoundException("Environment", id));
        if (body.has("name")) {
            e = d.renameEnvironment(id, body.path("name").asText(""), c.me());
        }
        if (body.has("humanChat")) {
            if (!body.path("humanChat").isBoolean()) {
                throw invalid("humanChat", "humanChat is true or false");
            }
            e = d.setHumanChatEnabled(id, body.path("humanChat").asBoolean(), c.me());
        }
        if (body.has("fallbackText")) {
            e = d.setFallbackText(id, body.path("fallbackText").asText(""), c.me());
        }
        if (body.has("businessHours") || body.has("timeZone") || body.has("outOfHoursText")) {
            e = d.setBusinessHours(id, text(body, "businessHours", e.businessHours().text()),
                    text(body, "timeZone", e.businessHours().zone().getId()),
                    text(body, "outOfHoursText", e.outOfHoursText()), c.me());
        }
        return ok(environment(e));
    }

    /**
     * Creates a channel and the connector instance that serves it, in one step: {@code type} is the connector type
     * (webhook, webchat, whatsapp, telegram, messenger, or an installed connector's), {@code settings} its form's
     * values. A type no installed connector offers is refused before anything is created; when the connector refuses
     * the settings, the channel is not kept either.
     */
    private static ChannelResponse createChannel(AgentApi api, Call c) throws ChannelException {
        return api.createWithInstance(c, "channel", ConnectorInstance.CHANNEL_LINK, (environmentId, type, name) -> {
            Channel channel = api.directory().createChannel(environmentId, type, name, c.me());
            return new Created(channel.id(), channel.name(), channel(channel),
                    () -> api.runningChannels.connector(channel.id()).isPresent());
        });
    }

    private static ChannelResponse createBrain(AgentApi api, Call c) throws ChannelException {
        return api.createWithInstance(c, "brain", ConnectorInstance.BRAIN_LINK, (environmentId, type, name) -> {
            Brain brain = api.directory().createBrain(environmentId, name, type, c.me());
            return new Created(brain.id(), brain.name(), brain(brain), () -> true);
        });
    }

    /** A channel or Brain just created: its id and name, its JSON, and whether its connector serves it yet. */
    private record Created(long id, String name, ObjectNode json, java.util.function.BooleanSupplier served) {
    }

    @FunctionalInterface
    private interface Creation {
        Created create(long environmentId, String type, String name) throws ChannelException;
    }

    /**
     * Creates a channel or Brain and the connector instance that serves it, in one step: {@code type} is the
     * connector type (webhook, webchat, whatsapp, ...; rules, rasa, ...; or an installed connector's), {@code settings}
     * its form's values. A type no installed connector offers is refused before anything is created; when the
     * connector refuses the settings, the answer says what was created without an instance.
     */
    private ChannelResponse createWithInstance(Call c, String kind, String link, Creation creation)
            throws ChannelException {
        JsonNode body = c.body();
        String type = body.path("type").asText("").strip();
        String factoryPid = factoryPid(kind, type);
        Map<String, String> settings = settings(body);
        Created created = creation.create(body.path("environmentId").asLong(0), type, body.path("name").asText(""));
        settings.put(link, Long.toString(created.id()));
        ConnectorInstance instance;
        try {
            instance = connectors().saveInstance(factoryPid, null, settings, c.me());
        } catch (RuntimeException refused) {
            throw new ChannelException(400, "refused", refused.getMessage() + " (the " + kind + " " + created.name()
                    + " was created without a connector instance: add one with POST /api/v1/instances)");
        }
        created.json().put("instance", instance.pid()).put("running", awaitRunning(instance, created.served()));
        return json(201, created.json());
    }

    /**
     * Whether the new instance runs (and, for a channel, the endpoint routes its posts): its component starts a
     * moment after its configuration is saved, so this waits up to 3 s for it (an instance whose settings its
     * connector refuses never runs).
     */
    private boolean awaitRunning(ConnectorInstance instance, java.util.function.BooleanSupplier served) {
        long deadline = System.nanoTime() + 3_000_000_000L;
        while (true) {
            boolean running = connectors().instances().stream().filter(i -> i.pid().equals(instance.pid()))
                    .anyMatch(ConnectorInstance::running) && served.getAsBoolean();
            if (running || System.nanoTime() > deadline) {
                return running;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }

    /** The factory PID of the installed connector of that kind and type; 400 naming the types there are. */
    private String factoryPid(String kind, String type) throws ChannelException {
        List<String> offered = new ArrayList<>();
        for (var bundle : connectors().connectors()) {
            for (var connectorType : bundle.types()) {
                if (!connectorType.kind().name().equalsIgnoreCase(kind)) {
                    continue;
                }
                String pid = connectorType.factoryPid();
                String name = pid.substring(pid.lastIndexOf('.') + 1);
                if (name.equals(type)) {
                    return pid;
                }
                offered.add(name);
            }
        }
        throw invalid("type", (type.isEmpty() ? "Name the " + kind + "'s type" : "No " + kind + " connector of type '"
                + type + "' is installed") + "; there are: " + String.join(", ", offered));
    }

    private static Map<String, String> settings(JsonNode body) throws ChannelException {
        Map<String, String> values = new LinkedHashMap<>();
        JsonNode settings = body.path("settings");
        if (settings.isMissingNode() || settings.isNull()) {
            return values;
        }
        if (!settings.isObject()) {
            throw invalid("settings", "settings is an object of the connector's form fields");
        }
        var fields = settings.fields();
        while (fields.hasNext()) {
            var field = fields.next();
            JsonNode value = field.getValue();
            if (value.isArray()) {
                List<String> items = new ArrayList<>();
                value.forEach(v -> items.add(v.asText()));
                values.put(field.getKey(), String.join("\n", items));
            } else {
                values.put(field.getKey(), value.asText());
            }
        }
        return values;
    }

    private static ChannelResponse saveQuickResponse(AgentApi api, Call c) throws ChannelException {
        JsonNode body = c.body();
        return json(201, quickResponse(api.directory().saveQuickResponse(c.id("id"),
                body.path("shortcut").asText(""), body.path("text").asText(""), c.me())));
    }

    private static ChannelResponse addAgent(AgentApi api, Call c) throws ChannelException {
        JsonNode body = c.body();
        AgentRole role = role(body.path("role").asText("agent"));
        Agent added = api.directory().createAgent(body.path("name").asText(""), body.path("email").asText(""), role,
                c.me());
        ObjectNode node = agent(added);
        node.put("setPasswordCode", api.accounts().issueSetPasswordCode(added.id(), c.me()));
        return json(201, node);
    }

    private static ChannelResponse updateAgent(AgentApi api, Call c) throws ChannelException {
        long id = c.id("id");
        JsonNode body = c.body();
        Agent agent = api.directory().agent(id).orElseThrow(() -> new NotFoundException("Agent", id));
        if (body.has("name")) {
            agent = api.accounts().rename(id, body.path("name").asText(""), c.me());
        }
        if (body.has("role")) {
            agent = api.accounts().setRole(id, role(body.path("role").asText("")), c.me());
        }
        if (body.has("active")) {
            agent = api.accounts().setActive(id, body.path("active").asBoolean(true), c.me());
        }
        return ok(agent(agent));
    }

    private static AgentRole role(String text) throws ChannelException {
        try {
            return AgentRole.valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw invalid("role", "role is agent, supervisor or admin");
        }
    }

    private static ChannelResponse audit(AgentApi api, Call c) throws ChannelException {
        int limit = (int) c.queryLong("limit", 100);
        if (limit < 1 || limit > AuditQuery.MAX_LIMIT) {
            throw invalid("limit", "limit is 1 to " + AuditQuery.MAX_LIMIT);
        }
        AuditQuery query = new AuditQuery(c.queryLong("before", 0), limit, c.queryLong("agentId", 0),
                c.query("action").orElse(""), c.query("subjectKind").orElse(""), c.query("text").orElse(""), null,
                null);
        List<AuditEntry> entries = api.auditService().entries(query, c.me());
        ObjectNode node = Json.MAPPER.createObjectNode();
        ArrayNode items = node.putArray("entries");
        for (AuditEntry e : entries) {
            items.addObject().put("id", e.id()).put("at", e.at().toString()).put("agentId", e.agentId())
                    .put("agentName", e.agentName()).put("action", e.action()).put("subjectKind", e.subjectKind())
                    .put("subjectId", e.subjectId()).put("subjectName", e.subjectName()).put("before", e.before())
                    .put("after", e.after());
        }
        return ok(node);
    }

    // ---- JSON of the domain

    static ObjectNode agent(Agent a) {
        return Json.MAPPER.createObjectNode().put("id", a.id()).put("name", a.name()).put("email", a.email())
                .put("role", a.role().name().toLowerCase(Locale.ROOT)).put("presence",
                        a.presence().name().toLowerCase(Locale.ROOT)).put("active", a.active());
    }

    static ObjectNode environment(Environment e) {
        ObjectNode node = Json.MAPPER.createObjectNode().put("id", e.id()).put("name", e.name())
                .put("humanChat", e.humanChatEnabled()).put("fallbackText", e.fallbackText())
                .put("businessHours", e.businessHours().text()).put("timeZone", e.businessHours().zone().getId())
                .put("outOfHoursText", e.outOfHoursText());
        if (e.humanChatChangedAt() != null) {
            node.put("humanChatChangedBy", e.humanChatChangedBy()).put("humanChatChangedAt",
                    e.humanChatChangedAt().toString());
        }
        return node;
    }

    static ObjectNode channel(Channel ch) {
        ObjectNode node = Json.MAPPER.createObjectNode().put("id", ch.id()).put("environmentId", ch.environmentId())
                .put("type", ch.type()).put("name", ch.name());
        if (ch.defaultBrainId() != null) {
            node.put("defaultBrainId", ch.defaultBrainId());
        } else {
            node.putNull("defaultBrainId");
        }
        return node;
    }

    static ObjectNode brain(Brain b) {
        return Json.MAPPER.createObjectNode().put("id", b.id()).put("environmentId", b.environmentId())
                .put("name", b.name()).put("type", b.connectorType());
    }

    static ObjectNode conversation(Conversation c) {
        ObjectNode node = Json.MAPPER.createObjectNode().put("id", c.id()).put("environmentId", c.environmentId())
                .put("channelId", c.channelId()).put("contactId", c.contactId())
                .put("status", c.status().name().toLowerCase(Locale.ROOT));
        ObjectNode assignee = node.putObject("assignee").put("kind", c.assignee().kind().name()
                .toLowerCase(Locale.ROOT));
        if (c.assignee() instanceof org.humanchat.api.model.Assignee.ToAgent a) {
            assignee.put("id", a.agentId());
        } else if (c.assignee() instanceof org.humanchat.api.model.Assignee.ToBrain b) {
            assignee.put("id", b.brainId());
        }
        ArrayNode tags = node.putArray("tags");
        c.tags().forEach(tags::add);
        node.put("createdAt", c.createdAt().toString()).put("lastMessageAt", c.lastMessageAt().toString());
        return node;
    }

    static ObjectNode message(Message m) {
        ObjectNode node = Json.MAPPER.createObjectNode().put("id", m.id()).put("conversationId", m.conversationId())
                .put("direction", m.direction().name().toLowerCase(Locale.ROOT))
                .put("authorKind", m.authorKind().name().toLowerCase(Locale.ROOT)).put("authorId", m.authorId())
                .put("text", m.text()).put("deliveryState", m.deliveryState().name().toLowerCase(Locale.ROOT))
                .put("createdAt", m.createdAt().toString());
        if (m.deliveryError() != null) {
            node.put("deliveryError", m.deliveryError());
        }
        ArrayNode files = node.putArray("attachments");
        m.attachments().forEach(a -> files.add(attachment(a)));
        return node;
    }

    static ObjectNode contact(Contact c) {
        ObjectNode node = Json.MAPPER.createObjectNode().put("id", c.id()).put("name", c.name())
                .put("email", c.email()).put("address", c.address()).put("phone", c.phone());
        ArrayNode identities = node.putArray("identities");
        c.identities().forEach(i -> identities.addObject().put("channelId", i.channelId())
                .put("externalId", i.externalId()));
        return node;
    }

    static ObjectNode quickResponse(QuickResponse q) {
        return Json.MAPPER.createObjectNode().put("id", q.id()).put("environmentId", q.environmentId())
                .put("shortcut", q.shortcut()).put("text", q.text());
    }

    private static <T> ArrayNode list(List<T> items, java.util.function.Function<T, ObjectNode> json) {
        ArrayNode array = Json.MAPPER.createArrayNode();
        items.forEach(item -> array.add(json.apply(item)));
        return array;
    }

    private static String text(JsonNode body, String field, String otherwise) {
        return body.has(field) ? body.path(field).asText("") : otherwise;
    }

    private static ChannelResponse ok(JsonNode node) {
        return json(200, node);
    }

    private static ChannelResponse json(int status, JsonNode node) {
        return ChannelResponse.json(status, Json.bytes(node));
    }

    private static ChannelResponse noContent() {
        return ChannelResponse.json(204, new byte[0]);
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
