package org.humanchat.endpoint.internal;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.humanchat.api.connector.ConfigField;
import org.humanchat.api.connector.ConfigForm;
import org.humanchat.api.connector.ConnectorAdmin;
import org.humanchat.api.connector.ConnectorBundle;
import org.humanchat.api.connector.ConnectorException;
import org.humanchat.api.connector.ConnectorInstance;
import org.humanchat.api.connector.ConnectorType;
import org.humanchat.api.connector.DropInProblem;
import org.humanchat.api.model.Agent;
import org.humanchat.api.service.AccountService;
import org.humanchat.api.service.SignInRefusedException;
import org.humanchat.api.service.TooManyAttemptsException;
import org.humanchat.api.service.ValidationException;
import org.humanchat.api.service.NotFoundException;
import org.humanchat.api.service.PermissionDeniedException;
import org.humanchat.api.service.StoreUnavailableException;
import org.humanchat.channel.api.ChannelException;
import org.humanchat.channel.api.ChannelRequest;
import org.humanchat.channel.api.ChannelResponse;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The admin HTTP API under {@code /admin/}, so that connector installs can be scripted. Every request carries an
 * agent's API token ({@code Authorization: Bearer hc_...}, issued in the desk's settings) and needs an admin:
 * <pre>
 * GET    /admin/connectors                      connector bundles, the drop-in folder and its problems
 * POST   /admin/connectors?file=x.jar           install (body: the jar)
 * PUT    /admin/connectors/{bundleId}?file=x.jar update (body: the jar)
 * POST   /admin/connectors/{bundleId}/start     start; .../stop stops
 * DELETE /admin/connectors/{bundleId}           uninstall
 * GET    /admin/forms/{factoryPid}              the configuration form of a connector type
 * GET    /admin/instances                       configured instances (secrets never included)
 * POST   /admin/instances                       {"factoryPid": ..., "values": {...}} creates one
 * PUT    /admin/instances/{pid}                 {"values": {...}} changes one (an empty secret keeps it)
 * DELETE /admin/instances/{pid}                 deletes one
 * </pre>
 * Refusals answer 400 with {@code {"error": "refused", "message": ...}}, and nothing is changed.
 * <p>
 * A token is an API token of an account (issued in the desk's Connectors view, or by the account service) or the
 * token of a session, which {@code POST /admin/sessions} opens without a token:
 * <pre>
 * POST   /admin/sessions          {"email": ..., "password": ..., "client": ...} signs in: 201 {"token": ...};
 *                                 401 for a wrong email or password, 429 with Retry-After after too many
 * DELETE /admin/sessions/current  ends the session (or API token) of the request
 * </pre>
 */
@Component(service = AdminApi.class)
public final class AdminApi {

    static final String PREFIX = "/admin/";
    private static final long JSON_LIMIT = 64 * 1024;

    private final ConnectorAdmin connectors;
    /** Registered once the database is open; until then requests are answered 503 (try again shortly). */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile AccountService accounts;

    @Activate
    public AdminApi(@Reference ConnectorAdmin connectors) {
        this.connectors = connectors;
    }

    private AccountService accounts() {
        AccountService open = accounts;
        if (open == null) {
            throw new StoreUnavailableException("The database is not open (yet); try again shortly");
        }
        return open;
    }

    /** How large a body of this request may be: a jar for installs and updates, a small JSON otherwise. */
    long bodyLimit(String method, String path) {
        return path.startsWith("connectors") && !path.endsWith("/start") && !path.endsWith("/stop")
                ? ConnectorAdmin.MAX_JAR_BYTES : JSON_LIMIT;
    }

    /**
     * Authenticates before the body is read. Unless configured otherwise, only this machine may use the API: the
     * endpoint may be open to the platforms, and a token that installs code should not cross the network in clear.
     */
    Agent admin(ChannelRequest request, boolean fromAnywhere) throws ChannelException {
        requireReachable(request, fromAnywhere);
        String authorization = request.header("authorization").orElse("");
        if (!authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw unauthorized("Send an agent's API token or session token: Authorization: Bearer hc_... (or"
                    + " hcs_..., from POST /admin/sessions)");
        }
        Agent agent = accounts().agentByToken(authorization.substring(7).strip())
                .orElseThrow(() -> unauthorized("This API token is not valid (any more)"));
        if (!agent.isAdmin()) {
            throw ChannelException.forbidden(agent.name() + " is not an admin; only admins use the admin API");
        }
        return agent;
    }

    static void requireReachable(ChannelRequest request, boolean fromAnywhere) throws ChannelException {
        if (!fromAnywhere && !loopback(request.remoteAddress())) {
            throw ChannelException.forbidden("The admin API answers only on this machine (endpoint setting"
                    + " adminApiFromAnywhere; then put it behind HTTPS)");
        }
    }

    /** Whether this request opens a session: the one call that carries no token. */
    static boolean opensSession(String method, String path) {
        return method.equals("POST") && (path.equals("sessions") || path.equals("sessions/"));
    }

    /** Whether this request ends its own session: any agent's token may, not only an admin's. */
    static boolean endsSession(String method, String path) {
        return method.equals("DELETE") && path.equals("sessions/current");
    }

    /** Ends the session (or API token) the request carries: 204, also when it had ended already. */
    ChannelResponse signOut(ChannelRequest request, boolean fromAnywhere) throws ChannelException {
        requireReachable(request, fromAnywhere);
        String authorization = request.header("authorization").orElse("");
        if (!authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw unauthorized("Send the token to end: Authorization: Bearer hcs_...");
        }
        accounts().signOut(authorization.substring(7).strip());
        return ChannelResponse.json(204, new byte[0]);
    }

    /**
     * Signs in with an email and a password from the JSON body: 201 with the session token; 401 for a wrong email
     * or password (the same answer for both); 429 with Retry-After while failed attempts make sign-ins wait.
     */
    ChannelResponse signIn(ChannelRequest request, boolean fromAnywhere) throws ChannelException {
        requireReachable(request, fromAnywhere);
        try {
            return AgentApi.signIn(accounts(), body(request), request.remoteAddress());
        } catch (TooManyAttemptsException e) {
            throw new ChannelException(429, "too_many_attempts", e.getMessage(), e.retryAfterSeconds());
        } catch (SignInRefusedException e) {
            throw unauthorized(e.getMessage());
        } catch (ValidationException e) {
            throw new ChannelException(400, "refused", e.getMessage());
        }
    }

    private static boolean loopback(String address) {
        try {
            return !address.isEmpty() && java.net.InetAddress.getByName(address).isLoopbackAddress();
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    private static ChannelException unauthorized(String message) {
        return new ChannelException(401, "unauthorized", message);
    }

    /** @param path the path after {@code /admin/} */
    ChannelResponse handle(Agent admin, String path, ChannelRequest request) throws ChannelException {
        List<String> parts = List.of(path.split("/"));
        String method = request.method();
        try {
            return switch (parts.get(0)) {
                case "connectors" -> connectors(admin, parts, method, request);
                case "forms" -> {
                    requireMethod(method, "GET");
                    yield ok(form(connectors.form(part(parts, 1))));
                }
                case "instances" -> instances(admin, parts, method, request);
                case "sessions" -> throw ChannelException.notFound("Sessions: POST /admin/sessions signs in, DELETE"
                        + " /admin/sessions/current signs out");
                default -> throw ChannelException.notFound("No admin resource '" + parts.get(0) + "'");
            };
        } catch (ConnectorException e) {
            throw new ChannelException(400, "refused", e.getMessage());
        } catch (NotFoundException e) {
            throw ChannelException.notFound(e.getMessage());
        } catch (PermissionDeniedException e) {
            throw ChannelException.forbidden(e.getMessage());
        }
    }

    private ChannelResponse connectors(Agent admin, List<String> parts, String method, ChannelRequest request)
            throws ChannelException {
        if (parts.size() == 1) {
            if (method.equals("GET")) {
                ObjectNode list = Json.MAPPER.createObjectNode();
                ArrayNode bundles = list.putArray("connectors");
                connectors.connectors().forEach(b -> bundles.add(bundle(b)));
                list.put("dropInFolder", connectors.dropInFolder());
                ArrayNode problems = list.putArray("dropInProblems");
                for (DropInProblem problem : connectors.dropInProblems()) {
                    problems.addObject().put("file", problem.fileName()).put("message", problem.message())
                            .put("at", problem.at().toString());
                }
                return ok(list);
            }
            requireMethod(method, "POST");
            return json(201, bundle(connectors.install(fileName(request), jar(request), admin.id())));
        }
        long bundleId = number(parts.get(1));
        if (parts.size() == 3) {
            requireMethod(method, "POST");
            return switch (parts.get(2)) {
                case "start" -> ok(bundle(connectors.start(bundleId, admin.id())));
                case "stop" -> ok(bundle(connectors.stop(bundleId, admin.id())));
                default -> throw ChannelException.notFound("No action '" + parts.get(2) + "'; start or stop");
            };
        }
        return switch (method) {
            case "PUT" -> ok(bundle(connectors.update(bundleId, fileName(request), jar(request), admin.id())));
            case "DELETE" -> {
                connectors.uninstall(bundleId, admin.id());
                yield new ChannelResponse(204, null, new byte[0], null, null, Map.of());
            }
            default -> throw notAllowed(method);
        };
    }

    private ChannelResponse instances(Agent admin, List<String> parts, String method, ChannelRequest request)
            throws ChannelException {
        if (parts.size() == 1) {
            if (method.equals("GET")) {
                ArrayNode list = Json.MAPPER.createArrayNode();
                connectors.instances().forEach(i -> list.add(instance(i)));
                return ok(list);
            }
            requireMethod(method, "POST");
            JsonNode body = body(request);
            String factoryPid = body.path("factoryPid").asText("");
            if (factoryPid.isEmpty()) {
                throw ChannelException.malformed("Name the connector type: \"factoryPid\"");
            }
            return json(201, instance(connectors.saveInstance(factoryPid, null, values(body), admin.id())));
        }
        String pid = parts.get(1);
        return switch (method) {
            case "GET" -> ok(instance(existing(pid)));
            case "PUT" -> ok(instance(connectors.saveInstance(existing(pid).factoryPid(), pid, values(body(request)),
                    admin.id())));
            case "DELETE" -> {
                connectors.deleteInstance(pid, admin.id());
                yield new ChannelResponse(204, null, new byte[0], null, null, Map.of());
            }
            default -> throw notAllowed(method);
        };
    }

    private ConnectorInstance existing(String pid) {
        return connectors.instances().stream().filter(i -> i.pid().equals(pid)).findFirst()
                .orElseThrow(() -> new NotFoundException("Connector instance", pid));
    }

    private static JsonNode body(ChannelRequest request) throws ChannelException {
        return Json.object(request.body());
    }

    private static Map<String, String> values(JsonNode body) throws ChannelException {
        JsonNode values = body.path("values");
        if (!values.isObject()) {
            throw ChannelException.malformed("Send the settings as \"values\": {\"name\": \"value\", ...}");
        }
        Map<String, String> map = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> field : values.properties()) {
            JsonNode value = field.getValue();
            if (value.isArray()) {
                // A list setting: its values one per line, as the form holds them.
                List<String> entries = new java.util.ArrayList<>();
                for (JsonNode entry : value) {
                    if (entry.isContainerNode()) {
                        throw ChannelException.malformed("Setting " + field.getKey() + " must list texts or numbers");
                    }
                    entries.add(entry.asText());
                }
                map.put(field.getKey(), String.join("\n", entries));
            } else if (value.isObject()) {
                throw ChannelException.malformed("Setting " + field.getKey() + " must be a text, number, boolean or"
                        + " a list of them");
            } else {
                map.put(field.getKey(), value.asText());
            }
        }
        return map;
    }

    private static byte[] jar(ChannelRequest request) throws ChannelException {
        if (request.body().length == 0) {
            throw ChannelException.malformed("Send the connector jar as the request body");
        }
        return request.body();
    }

    private static String fileName(ChannelRequest request) {
        return request.queryParameter("file").filter(f -> !f.isBlank()).orElse("the uploaded jar");
    }

    private static long number(String text) throws ChannelException {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw ChannelException.notFound("No connector bundle '" + text + "'");
        }
    }

    private static String part(List<String> parts, int index) throws ChannelException {
        if (parts.size() <= index || parts.get(index).isBlank()) {
            throw ChannelException.notFound("Name the connector type: /admin/forms/{factoryPid}");
        }
        return parts.get(index);
    }

    private static void requireMethod(String method, String allowed) throws ChannelException {
        if (!method.equals(allowed)) {
            throw notAllowed(method);
        }
    }

    private static ChannelException notAllowed(String method) {
        return new ChannelException(405, "method_not_allowed", method + " is not allowed here");
    }

    private static ChannelResponse ok(JsonNode node) {
        return json(200, node);
    }

    private static ChannelResponse json(int status, JsonNode node) {
        return ChannelResponse.json(status, Json.bytes(node));
    }

    private static ObjectNode bundle(ConnectorBundle bundle) {
        ObjectNode node = Json.MAPPER.createObjectNode().put("bundleId", bundle.bundleId())
                .put("symbolicName", bundle.symbolicName()).put("name", bundle.name())
                .put("version", bundle.version()).put("kind", bundle.kind().name())
                .put("state", bundle.state().name()).put("builtIn", bundle.builtIn()).put("dropIn", bundle.dropIn());
        ArrayNode types = node.putArray("types");
        bundle.types().forEach(t -> types.add(type(t)));
        return node;
    }

    private static ObjectNode type(ConnectorType type) {
        return Json.MAPPER.createObjectNode().put("factoryPid", type.factoryPid()).put("kind", type.kind().name())
                .put("name", type.name()).put("description", type.description());
    }

    private static ObjectNode form(ConfigForm form) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.set("type", type(form.type()));
        ArrayNode fields = node.putArray("fields");
        for (ConfigField field : form.fields()) {
            ObjectNode f = fields.addObject().put("id", field.id()).put("name", field.name())
                    .put("description", field.description()).put("type", field.type().name())
                    .put("required", field.required()).put("default", field.defaultValue());
            if (!field.options().isEmpty()) {
                ArrayNode options = f.putArray("options");
                field.options().forEach(o -> options.addObject().put("value", o.value()).put("label", o.label()));
            }
        }
        return node;
    }

    private static ObjectNode instance(ConnectorInstance instance) {
        ObjectNode node = Json.MAPPER.createObjectNode().put("pid", instance.pid())
                .put("factoryPid", instance.factoryPid()).put("running", instance.running())
                .put("status", instance.status());
        ObjectNode values = node.putObject("values");
        instance.values().forEach(values::put);
        ArrayNode secrets = node.putArray("secretsSet");
        instance.secretsSet().stream().sorted().forEach(secrets::add);
        return node;
    }

}
