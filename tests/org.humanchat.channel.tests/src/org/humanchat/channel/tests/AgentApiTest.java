package org.humanchat.channel.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.humanchat.api.connector.ConnectorAdmin;
import org.humanchat.api.model.Agent;
import org.humanchat.api.model.AgentRole;
import org.humanchat.api.service.AccountService;
import org.humanchat.api.service.DirectoryService;
import org.humanchat.channel.support.Signatures;
import org.humanchat.endpoint.internal.AgentApi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The agent API as a script or a remote desk uses it, against the running product: sign in, set the server up
 * (environment, Human Chat, a webhook channel with its connector in one call), work a conversation that arrived on
 * that channel, follow live changes as Server-Sent Events (resuming after a gap), roles refused with 403, every error
 * as JSON, and the OpenAPI document naming exactly the routes there are.
 */
class AgentApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PASSWORD = "tea at five by the river";
    private static final String SECRET = "a-partner-secret";
    private static URI base;
    private static DirectoryService directory;
    private static Agent admin;
    private static Agent agent;
    private static RunningProduct product;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<AutoCloseable> open = new ArrayList<>();

    @BeforeAll
    static void runProduct() throws Exception {
        product = new RunningProduct();
        base = product.endpointOnFreePort();
        product.service(ConnectorAdmin.class);
        directory = product.service(DirectoryService.class);
        AccountService accounts = product.service(AccountService.class);
        Agent first = directory.ensureFirstAdmin("Local admin", "admin@localhost.localdomain");
        String name = "api" + System.nanoTime();
        admin = directory.createAgent("Ada " + name, "ada-" + name + "@example.com", AgentRole.ADMIN, first.id());
        agent = directory.createAgent("Abe " + name, "abe-" + name + "@example.com", AgentRole.AGENT, first.id());
        for (Agent a : List.of(admin, agent)) {
            accounts.setPasswordWithCode(a.email(), accounts.issueSetPasswordCode(a.id(), first.id()),
                    PASSWORD.toCharArray(), "test", "test");
        }
    }

    /** Failed sign-ins an earlier test counted for this machine would slow this test's sign-ins down. */
    @org.junit.jupiter.api.BeforeEach
    void noFailedSignInsFromThisMachine() {
        product.forgetFailedSignInsFromThisMachine();
    }

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
    }

    private HttpResponse<String> call(String method, String path, String token, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve("api/v1/" + path)).method(method,
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode json(HttpResponse<String> response, int status) throws Exception {
        assertEquals(status, response.statusCode(), response.request().method() + " " + response.uri() + ": "
                + response.body());
        return response.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(response.body());
    }

    private String signIn(Agent who) throws Exception {
        return json(call("POST", "session", null, "{\"email\":\"" + who.email() + "\",\"password\":\"" + PASSWORD
                + "\"}"), 201).path("token").asText();
    }

    @Test
    void aSessionIsOpenedUsedAndEnded() throws Exception {
        String token = signIn(admin);
        assertEquals(admin.email(), json(call("GET", "me", token, null), 200).path("email").asText());
        JsonNode wrong = json(call("POST", "session", null, "{\"email\":\"" + admin.email()
                + "\",\"password\":\"wrong one here\"}"), 401);
        assertEquals("unauthorized", wrong.path("error").asText());

        json(call("DELETE", "session", token, null), 204);
        JsonNode ended = json(call("GET", "me", token, null), 401);
        assertEquals("unauthorized", ended.path("error").asText());
        assertTrue(json(call("GET", "me", null, null), 401).path("message").asText().contains("POST /api/v1/session"));
    }

    @Test
    void theServerIsSetUpAndAConversationWorkedThroughTheApi() throws Exception {
        String token = signIn(admin);
        JsonNode environment = json(call("POST", "environments", token, "{\"name\":\"Partners "
                + System.nanoTime() + "\"}"), 201);
        long environmentId = environment.path("id").asLong();
        assertTrue(environment.path("humanChat").asBoolean());
        assertFalse(json(call("PATCH", "environments/" + environmentId, token, "{\"humanChat\":false}"), 200)
                .path("humanChat").asBoolean());
        JsonNode on = json(call("PATCH", "environments/" + environmentId, token,
                "{\"humanChat\":true,\"fallbackText\":\"We are away\"}"), 200);
        assertTrue(on.path("humanChat").asBoolean());
        assertEquals("We are away", on.path("fallbackText").asText());

        JsonNode unknownType = json(call("POST", "channels", token, "{\"environmentId\":" + environmentId
                + ",\"type\":\"carrier-pigeon\",\"name\":\"Birds\"}"), 400);
        assertEquals("invalid", unknownType.path("error").asText());
        assertTrue(unknownType.path("fields").path("type").asText().contains("webhook"), unknownType.toString());

        JsonNode channel = json(call("POST", "channels", token, "{\"environmentId\":" + environmentId
                + ",\"type\":\"webhook\",\"name\":\"Partner API\",\"settings\":{\"secret\":\"" + SECRET + "\"}}"),
                201);
        long channelId = channel.path("id").asLong();
        assertEquals("webhook", channel.path("type").asText());
        assertFalse(channel.path("instance").asText().isEmpty(), channel.toString());
        assertTrue(channel.path("running").asBoolean(), "its connector runs when the answer comes: " + channel);
        open.add(() -> directoryCleanUp(channel.path("instance").asText()));

        long conversationId = postSigned(channelId, "Where is my order 4711?");

        JsonNode unassigned = json(call("GET", "inbox/unassigned?environmentId=" + environmentId, token, null), 200);
        assertEquals(1, unassigned.path("rows").size(), unassigned.toString());
        JsonNode row = unassigned.path("rows").get(0);
        assertEquals(conversationId, row.path("id").asLong());
        assertEquals("Where is my order 4711?", row.path("preview").asText());
        assertTrue(json(call("GET", "inbox/counts", token, null), 200).path("unassigned").asLong() >= 1);

        JsonNode reply = json(call("POST", "conversations/" + conversationId + "/messages", token,
                "{\"text\":\"It ships today.\"}"), 201);
        assertEquals("outbound", reply.path("direction").asText());
        JsonNode mine = json(call("GET", "inbox/me?environmentId=" + environmentId, token, null), 200);
        assertEquals(conversationId, mine.path("rows").get(0).path("id").asLong(), "replying takes it");

        json(call("POST", "conversations/" + conversationId + "/tags", token, "{\"tag\":\"VIP\"}"), 200);
        assertEquals("vip", json(call("GET", "conversations/" + conversationId, token, null), 200).path("tags")
                .get(0).asText());
        assertEquals(0, json(call("DELETE", "conversations/" + conversationId + "/tags/vip", token, null), 200)
                .path("tags").size());
        assertEquals("nobody", json(call("POST", "conversations/" + conversationId + "/assign", token,
                "{\"nobody\":true}"), 200).path("assignee").path("kind").asText());
        assertEquals("resolved", json(call("POST", "conversations/" + conversationId + "/resolve", token, null),
                200).path("status").asText());
        assertEquals("open", json(call("POST", "conversations/" + conversationId + "/reopen", token, null), 200)
                .path("status").asText());

        JsonNode messages = json(call("GET", "conversations/" + conversationId + "/messages", token, null), 200);
        assertTrue(messages.path("messages").toString().contains("It ships today."), messages.toString());
        long contactId = json(call("GET", "conversations/" + conversationId, token, null), 200).path("contactId")
                .asLong();
        assertEquals("Kim Partner", json(call("PATCH", "contacts/" + contactId, token,
                "{\"name\":\"Kim Partner\"}"), 200).path("name").asText());
        assertEquals("Kim Partner", json(call("GET", "contacts/" + contactId, token, null), 200).path("name")
                .asText());

        JsonNode quick = json(call("POST", "environments/" + environmentId + "/quick-responses", token,
                "{\"shortcut\":\"ship\",\"text\":\"It ships today.\"}"), 201);
        json(call("DELETE", "quick-responses/" + quick.path("id").asLong(), token, null), 204);
        assertTrue(json(call("GET", "audit?action=environment.", token, null), 200).path("entries").size() >= 3);
    }

    private long postSigned(long channelId, String text) throws Exception {
        byte[] body = ("{\"id\":\"p-" + System.nanoTime() + "\",\"sender\":{\"id\":\"u-" + System.nanoTime()
                + "\",\"name\":\"Kim\"},\"text\":\"" + text + "\"}").getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> stored = http.send(HttpRequest.newBuilder(base.resolve("channels/" + channelId
                + "/messages")).header("Content-Type", "application/json")
                .header("X-HumanChat-Signature", "sha256=" + Signatures.hmacSha256Hex(SECRET, body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
        return json(stored, 200).path("conversationId").asLong();
    }

    private void directoryCleanUp(String instancePid) throws Exception {
        http.send(HttpRequest.newBuilder(base.resolve("admin/instances/" + instancePid)).DELETE()
                .header("Authorization", "Bearer " + signIn(admin)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void filesAccountsTagsAndConnectorsAsTheDeskUsesThem() throws Exception {
        String token = signIn(admin);
        long environmentId = json(call("POST", "environments", token, "{\"name\":\"Files " + System.nanoTime()
                + "\"}"), 201).path("id").asLong();
        JsonNode channel = json(call("POST", "channels", token, "{\"environmentId\":" + environmentId
                + ",\"type\":\"webhook\",\"name\":\"Files API\",\"settings\":{\"secret\":\"" + SECRET + "\"}}"),
                201);
        open.add(() -> directoryCleanUp(channel.path("instance").asText()));
        long conversationId = postSigned(channel.path("id").asLong(), "Send me the invoice");

        byte[] pdf = "%PDF-1.4\n% an invoice\n".getBytes(StandardCharsets.US_ASCII);
        JsonNode file = json(http.send(HttpRequest.newBuilder(base.resolve("api/v1/files?name=invoice.pdf"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/pdf")
                .POST(HttpRequest.BodyPublishers.ofByteArray(pdf)).build(), HttpResponse.BodyHandlers.ofString()),
                201);
        assertEquals("invoice.pdf", file.path("name").asText());
        JsonNode reply = json(call("POST", "conversations/" + conversationId + "/messages", token,
                "{\"text\":\"Here it is\",\"attachments\":[" + file + "]}"), 201);
        assertEquals(file.path("contentHash").asText(), reply.path("attachments").get(0).path("contentHash")
                .asText());
        HttpResponse<byte[]> downloaded = http.send(HttpRequest.newBuilder(base.resolve("api/v1/files/"
                + file.path("contentHash").asText())).header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, downloaded.statusCode());
        assertTrue(java.util.Arrays.equals(pdf, downloaded.body()), "the same bytes back");
        byte[] second = "%PDF-1.4\n% a receipt\n".getBytes(StandardCharsets.US_ASCII);
        org.humanchat.channel.support.Multipart form = new org.humanchat.channel.support.Multipart()
                .field("text", "Both, as files").file("file", "invoice.pdf", "application/pdf", pdf)
                .file("file", "receipt.pdf", "application/pdf", second);
        JsonNode withFiles = json(http.send(HttpRequest.newBuilder(base.resolve("api/v1/conversations/"
                + conversationId + "/messages")).header("Authorization", "Bearer " + token)
                .header("Content-Type", form.contentType()).POST(form.publisher()).build(),
                HttpResponse.BodyHandlers.ofString()), 201);
        assertEquals("Both, as files", withFiles.path("text").asText());
        assertEquals(2, withFiles.path("attachments").size(), withFiles.toString());
        assertEquals("receipt.pdf", withFiles.path("attachments").get(1).path("name").asText());
        org.humanchat.channel.support.Multipart disguised = new org.humanchat.channel.support.Multipart()
                .field("text", "x").file("file", "photo.png", "image/png", "MZ\u0090 not a png".getBytes(
                        StandardCharsets.ISO_8859_1));
        assertEquals(400, http.send(HttpRequest.newBuilder(base.resolve("api/v1/conversations/" + conversationId
                + "/messages")).header("Authorization", "Bearer " + token).header("Content-Type",
                        disguised.contentType()).POST(disguised.publisher()).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode(), "a file is checked as an upload is");
        assertEquals("invalid", json(call("POST", "conversations/" + conversationId + "/messages", token,
                "{\"text\":\"x\",\"attachments\":[{\"contentHash\":\"nothere\"}]}"), 400).path("error").asText());

        json(call("POST", "conversations/" + conversationId + "/tags", token, "{\"tag\":\"billing\"}"), 200);
        assertTrue(json(call("GET", "tags", token, null), 200).toString().contains("billing"));
        assertEquals(1, json(call("GET", "inbox/me/count?tag=billing&environmentId=" + environmentId, token, null),
                200).path("count").asLong());
        json(call("POST", "conversations/" + conversationId + "/seen", token, null), 204);
        long contactId = json(call("GET", "conversations/" + conversationId, token, null), 200).path("contactId")
                .asLong();
        assertEquals(conversationId, json(call("GET", "contacts/" + contactId + "/conversations", token, null), 200)
                .get(0).path("id").asLong());

        assertEquals("busy", json(call("PUT", "me/presence", token, "{\"presence\":\"busy\"}"), 200)
                .path("presence").asText());
        json(call("PUT", "me/presence", token, "{\"presence\":\"available\"}"), 200);
        String script = json(call("POST", "me/api-tokens", token, "{\"name\":\"Backup\"}"), 201).path("token")
                .asText();
        JsonNode sessions = json(call("GET", "me/sessions", token, null), 200);
        assertTrue(sessions.toString().contains("\"label\":\"Backup\""), sessions.toString());
        assertEquals(admin.email(), json(call("GET", "me", script, null), 200).path("email").asText());

        JsonNode connectors = json(call("GET", "connectors", token, null), 200);
        assertTrue(connectors.path("connectors").toString().contains("org.humanchat.channel.webhook"));
        assertEquals(403, call("GET", "connectors", signIn(agent), null).statusCode());
        assertTrue(json(call("GET", "instances", token, null), 200).toString()
                .contains(channel.path("instance").asText()));
    }

    @Test
    void anAgentIsRefusedTheSetUpWith403AndAReason() throws Exception {
        String token = signIn(agent);
        JsonNode refused = json(call("POST", "environments", token, "{\"name\":\"Mine\"}"), 403);
        assertEquals("forbidden", refused.path("error").asText());
        assertTrue(refused.path("message").asText().startsWith("Only an admin can"), refused.toString());
        json(call("GET", "environments", token, null), 200);
    }

    @Test
    void everyErrorIsJsonWithACode() throws Exception {
        String token = signIn(admin);
        assertEquals("not_found", json(call("GET", "nothing/here", token, null), 404).path("error").asText());
        assertEquals("method_not_allowed", json(call("PUT", "environments", token, "{}"), 405).path("error")
                .asText());
        assertEquals("malformed", json(call("POST", "environments", token, "{not json"), 400).path("error")
                .asText());
        assertEquals("not_found", json(call("GET", "conversations/987654321", token, null), 404).path("error")
                .asText());
        assertEquals("not_found", json(call("GET", "inbox/later", token, null), 404).path("error").asText());
        String huge = "{\"name\":\"" + "x".repeat((int) AgentApi.JSON_LIMIT) + "\"}";
        assertEquals(413, call("POST", "environments", token, huge).statusCode());
        assertEquals("unauthorized", json(call("GET", "environments", "hcs_not-a-token", null), 401).path("error")
                .asText());
    }

    @Test
    void liveChangesStreamAndResumeAfterAGap() throws Exception {
        String token = signIn(admin);
        Events first = events(token, null);
        json(call("POST", "environments", token, "{\"name\":\"Live " + System.nanoTime() + "\"}"), 201);
        String[] created = first.next(e -> e[1].startsWith("directory."));
        first.close();

        json(call("POST", "environments", token, "{\"name\":\"Missed " + System.nanoTime() + "\"}"), 201);
        Events resumed = events(token, created[0]);
        String[] missed = resumed.next(e -> e[1].startsWith("directory."));
        assertTrue(sequence(missed[0]) > sequence(created[0]), "what came after the last one seen: " + missed[0]
                + " after " + created[0]);
        resumed.close();

        Events tooOld = events(token, "another-run-17");
        assertEquals("reset", tooOld.next(e -> true)[1]);
        tooOld.close();
    }

    private static long sequence(String id) {
        return Long.parseLong(id.substring(id.lastIndexOf('-') + 1));
    }

    /** An open event stream: each event as {id, name, data}. */
    private final class Events implements AutoCloseable {
        private final BlockingQueue<String[]> received = new LinkedBlockingQueue<>();
        private final Thread reader;

        Events(HttpResponse<Stream<String>> response) {
            Iterator<String> lines = response.body().iterator();
            reader = Thread.ofVirtual().start(() -> {
                String id = "";
                String name = "";
                StringBuilder data = new StringBuilder();
                try {
                    while (lines.hasNext()) {
                        String line = lines.next();
                        if (line.isEmpty()) {
                            if (!name.isEmpty()) {
                                received.add(new String[] { id, name, data.toString() });
                            }
                            id = "";
                            name = "";
                            data.setLength(0);
                        } else if (line.startsWith("id: ")) {
                            id = line.substring(4);
                        } else if (line.startsWith("event: ")) {
                            name = line.substring(7);
                        } else if (line.startsWith("data: ")) {
                            data.append(line.substring(6));
                        }
                    }
                } catch (RuntimeException closed) {
                    // the test closed the stream
                }
            });
        }

        String[] next(java.util.function.Predicate<String[]> wanted) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (System.nanoTime() < deadline) {
                String[] event = received.poll(100, TimeUnit.MILLISECONDS);
                if (event != null && wanted.test(event)) {
                    return event;
                }
            }
            throw new AssertionError("No such event within 10 s");
        }

        @Override
        public void close() {
            reader.interrupt();
        }
    }

    private Events events(String token, String lastEventId) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve("api/v1/events"))
                .header("Authorization", "Bearer " + token);
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        HttpResponse<Stream<String>> response = http.send(request.build(), HttpResponse.BodyHandlers.ofLines());
        assertEquals(200, response.statusCode());
        Events events = new Events(response);
        open.add(() -> response.body().close());
        return events;
    }

    @Test
    void theOpenApiDocumentNamesExactlyTheRoutesThereAre() throws Exception {
        JsonNode document = json(call("GET", "openapi.json", null, null), 200);
        assertEquals("3.1.0", document.path("openapi").asText());
        Set<String> documented = new TreeSet<>();
        document.path("paths").fields().forEachRemaining(path -> path.getValue().fieldNames().forEachRemaining(
                method -> documented.add(method.toUpperCase() + " " + path.getKey().substring(1))));
        Set<String> routed = new TreeSet<>();
        Map<String, String> summaries = new java.util.HashMap<>();
        for (AgentApi.Route route : AgentApi.ROUTES) {
            routed.add(route.method() + " " + route.path());
            summaries.put(route.method() + " " + route.path(), route.summary());
        }
        assertEquals(routed, documented, "every route documented, and nothing documented that is not routed");
        document.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(
                op -> assertEquals(summaries.get(op.getKey().toUpperCase() + " " + path.getKey().substring(1)),
                        op.getValue().path("summary").asText(), "the summary of " + op.getKey() + " "
                                + path.getKey())));
    }
}
