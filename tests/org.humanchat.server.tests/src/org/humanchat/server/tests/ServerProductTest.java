package org.humanchat.server.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.humanchat.api.model.Channel;
import org.humanchat.api.model.Direction;
import org.humanchat.api.model.Message;
import org.humanchat.channel.support.Signatures;
import org.humanchat.core.internal.ConversationRules;
import org.humanchat.core.tests.Desk;
import org.humanchat.core.tests.RecordingEventAdmin;
import org.humanchat.persistence.internal.DatabaseSettings;
import org.humanchat.persistence.internal.JpaConversationStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The materialized headless server product, run as an operator runs it: its launch script on a fresh data folder,
 * configured only by files in {@code <data>/etc}. It must listen where its file says (never first on the default
 * port), take a configuration file written while it runs, commit a signed channel message before answering it, and
 * stop on SIGTERM with that message kept.
 */
class ServerProductTest {

    private static final String SECRET = "a-webhook-secret";
    private static final Duration START = Duration.ofSeconds(90);

    @TempDir
    Path data;
    private Process server;
    private Path log;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @AfterEach
    void stopServer() throws InterruptedException {
        if (server != null && server.isAlive()) {
            server.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void theServerListensWhereItsFileSaysStoresASignedMessageAndStopsOnSigterm() throws Exception {
        // The desk's part (the team's admin created a webhook channel), on the server's own embedded database.
        long channelId;
        try (Desk desk = new Desk(DatabaseSettings.embeddedH2(data))) {
            Channel webhook = desk.directory.createChannel(desk.production.id(), "webhook", "Partner API",
                    desk.ana.id());
            channelId = webhook.id();
        }
        int port = freePort();
        Path etc = Files.createDirectories(data.resolve("etc"));
        Files.writeString(etc.resolve("org.humanchat.endpoint.cfg"), "# written before the start\nport = " + port
                + "\n");

        start();
        URI base = URI.create("http://127.0.0.1:" + port + "/");
        JsonNode health = awaitHealth(base, h -> "up".equals(h.path("status").asText()));
        assertEquals(0, health.path("channels").asInt(), "no channel connector configured yet: " + health);
        String firstAddress = firstLine("Endpoint listening on ");
        assertTrue(firstAddress.contains("http://127.0.0.1:" + port + "/"),
                "the endpoint's first address is the configured one, not the default: " + firstAddress);

        // A factory configuration written while the server runs: the webhook channel's connector starts.
        Files.writeString(etc.resolve("org.humanchat.channel.webhook-partner.cfg"),
                "humanchat.channel.id = " + channelId + "\nsecret = " + SECRET + "\n");
        awaitHealth(base, h -> h.path("channels").asInt() == 1);

        byte[] body = ("{\"id\":\"partner-1\",\"sender\":{\"id\":\"u-1\",\"name\":\"Kim\"},"
                + "\"text\":\"Is the server up?\"}").getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(base.resolve("channels/" + channelId
                + "/messages")).header("Content-Type", "application/json")
                .header("X-HumanChat-Signature", "sha256=" + Signatures.hmacSha256Hex(SECRET, body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, answer.statusCode(), answer.body());
        JsonNode stored = new ObjectMapper().readTree(answer.body());
        assertEquals("stored", stored.path("status").asText(), answer.body());

        assertTrue(!serverLog().contains(SECRET), "a secret from a configuration file is never logged");

        server.destroy(); // SIGTERM: the launch script execs the JVM
        assertTrue(server.waitFor(20, TimeUnit.SECONDS), "the server stops within 20 s of SIGTERM; its log:\n"
                + serverLog());

        // Reopened after the stop: the acknowledged message is there.
        JpaConversationStore store = new JpaConversationStore(DatabaseSettings.embeddedH2(data));
        ConversationRules conversations = new ConversationRules(store, new RecordingEventAdmin());
        try {
            List<Message> messages = conversations.messages(stored.path("conversationId").asLong(), 0, 100);
            Message in = messages.stream().filter(m -> m.direction() == Direction.INBOUND).findFirst()
                    .orElseThrow(() -> new AssertionError("no inbound message stored: " + messages));
            assertEquals(stored.path("messageId").asLong(), in.id());
            assertEquals("Is the server up?", in.text());
        } finally {
            conversations.close();
            store.close();
        }
    }

    @Test
    void aFreshServerCreatesItsFirstAdminFromTheEnvironmentWhoSignsInOverHttp() throws Exception {
        int port = freePort();
        Path etc = Files.createDirectories(data.resolve("etc"));
        Files.writeString(etc.resolve("org.humanchat.endpoint.cfg"), "port = " + freePort() + "\n");
        String password = "the server's own long passphrase";
        Path secret = Files.writeString(data.resolve("admin-password"), password + "\n");

        start(Map.of("HUMANCHAT_ADMIN_EMAIL", "ops@example.com", "HUMANCHAT_ADMIN_PASSWORD_FILE",
                secret.toString()), "--port", Integer.toString(port)); // the option wins over the file
        URI base = URI.create("http://127.0.0.1:" + port + "/");
        awaitHealth(base, h -> "up".equals(h.path("status").asText()));
        String created = awaitLine("First admin "); // once the database is open, which may come after /health
        assertTrue(created.contains("ops <ops@example.com> created"), created);

        HttpResponse<String> signedIn = http.send(HttpRequest.newBuilder(base.resolve("admin/sessions"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"ops@example.com\",\"password\":\""
                        + password + "\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(201, signedIn.statusCode(), signedIn.body());
        JsonNode session = new ObjectMapper().readTree(signedIn.body());
        assertEquals("admin", session.path("agent").path("role").asText());
        HttpResponse<String> connectors = http.send(HttpRequest.newBuilder(base.resolve("admin/connectors"))
                .header("Authorization", "Bearer " + session.path("token").asText()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, connectors.statusCode(), connectors.body());
        assertTrue(!serverLog().contains(password), "the password is never logged");
        for (Path written : List.of(data.resolve("db"), data.resolve("db/humanchat.mv.db"),
                data.resolve("configuration"))) {
            var permissions = Files.getPosixFilePermissions(written);
            assertTrue(permissions.stream().noneMatch(p -> p.name().startsWith("GROUP") || p.name().startsWith(
                    "OTHERS")), written + " is the owner's alone (umask 077 in the launch script): " + permissions);
        }

        // The README's set-up over the agent API, on the product as shipped: an environment, a webhook channel with
        // its connector in one call, a signed message that waits in Unassigned and shows on the event stream.
        String token = session.path("token").asText();
        awaitHealth(base, h -> "open".equals(h.path("database").asText()));
        HttpResponse<java.util.stream.Stream<String>> events = http.send(HttpRequest.newBuilder(base.resolve(
                "api/v1/events")).header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofLines());
        assertEquals(200, events.statusCode());
        java.util.concurrent.BlockingQueue<String> lines = new java.util.concurrent.LinkedBlockingQueue<>();
        Thread.ofVirtual().start(() -> events.body().forEach(lines::add));
        try {
            long environmentId = api(base, token, "POST", "environments", "{\"name\":\"production\"}", 201)
                    .path("id").asLong();
            JsonNode channel = api(base, token, "POST", "channels", "{\"environmentId\":" + environmentId
                    + ",\"type\":\"webhook\",\"name\":\"Partner API\",\"settings\":{\"secret\":\"" + SECRET
                    + "\"}}", 201);
            assertTrue(channel.path("running").asBoolean(), channel.toString());
            byte[] body = "{\"id\":\"m-1\",\"sender\":{\"id\":\"u-1\",\"name\":\"Kim\"},\"text\":\"Hello\"}"
                    .getBytes(StandardCharsets.UTF_8);
            HttpResponse<String> stored = http.send(HttpRequest.newBuilder(base.resolve("channels/"
                    + channel.path("id").asLong() + "/messages")).header("Content-Type", "application/json")
                    .header("X-HumanChat-Signature", "sha256=" + Signatures.hmacSha256Hex(SECRET, body))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, stored.statusCode(), stored.body());
            JsonNode unassigned = api(base, token, "GET", "inbox/unassigned", null, 200);
            assertEquals("Hello", unassigned.path("rows").get(0).path("preview").asText(), unassigned.toString());
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            boolean seen = false;
            while (!seen && System.nanoTime() < deadline) {
                String line = lines.poll(100, TimeUnit.MILLISECONDS);
                seen = line != null && line.equals("event: conversation.message_added");
            }
            assertTrue(seen, "the stored message on the event stream");
        } finally {
            events.body().close();
        }
    }

    private JsonNode api(URI base, String token, String method, String path, String body, int status)
            throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(base.resolve("api/v1/" + path))
                .header("Authorization", "Bearer " + token).method(method, body == null
                        ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(status, response.statusCode(), method + " " + path + ": " + response.body());
        return new ObjectMapper().readTree(response.body());
    }

    @Test
    void theLaunchScriptExplainsItsOptionsAndRefusesABadPort() throws Exception {
        start(Map.of(), "--help");
        assertTrue(server.waitFor(30, TimeUnit.SECONDS), serverLog());
        assertEquals(0, server.exitValue(), serverLog());
        assertTrue(serverLog().contains("--port N"), serverLog());

        start(Map.of("HUMANCHAT_PORT", "eighty"));
        assertTrue(server.waitFor(30, TimeUnit.SECONDS), serverLog());
        assertEquals(2, server.exitValue(), serverLog());
        assertTrue(serverLog().contains("the port must be a number from 0 to 65535, not 'eighty'"), serverLog());
    }

    private void start() throws IOException {
        start(Map.of());
    }

    private void start(Map<String, String> environment, String... options) throws IOException {
        Path product = Path.of(System.getProperty("humanchat.serverProduct", "missing"));
        Path script = product.resolve("humanchat-server");
        assertTrue(Files.isExecutable(script), "The server product is not built at " + product
                + " (the build materializes it in product/ before this module runs)");
        log = data.resolve("server.log");
        List<String> command = new java.util.ArrayList<>(List.of(script.toString()));
        command.addAll(List.of(options));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("HUMANCHAT_DATA", data.toString());
        builder.environment().put("HUMANCHAT_VMARGS", "-Xmx256m");
        builder.environment().putAll(environment);
        server = builder.start();
    }

    /** Polls {@code GET /health} until it answers as {@code expected} says, failing at the deadline with the log. */
    private JsonNode awaitHealth(URI base, Predicate<JsonNode> expected) throws Exception {
        long deadline = System.nanoTime() + START.toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            if (!server.isAlive()) {
                throw new AssertionError("the server exited with " + server.exitValue() + "; its log:\n"
                        + serverLog());
            }
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(base.resolve("health"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                last = response.statusCode() + " " + response.body();
                if (response.statusCode() == 200) {
                    JsonNode health = new ObjectMapper().readTree(response.body());
                    if (expected.test(health)) {
                        return health;
                    }
                }
            } catch (ConnectException notYet) {
                last = "connection refused";
            }
            Thread.sleep(200);
        }
        throw new AssertionError("GET " + base + "health did not answer as expected within " + START.toSeconds()
                + " s (last: " + last + "); the server's log:\n" + serverLog());
    }

    private String firstLine(String containing) throws IOException {
        return Files.readAllLines(log).stream().filter(l -> l.contains(containing)).findFirst()
                .orElseThrow(() -> new AssertionError("the log has no line with '" + containing + "':\n"
                        + serverLog()));
    }

    /** The first log line containing the text, waiting for it until the start deadline. */
    private String awaitLine(String containing) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + START.toNanos();
        while (System.nanoTime() < deadline) {
            java.util.Optional<String> line = Files.readAllLines(log).stream().filter(l -> l.contains(containing))
                    .findFirst();
            if (line.isPresent()) {
                return line.get();
            }
            Thread.sleep(100);
        }
        return firstLine(containing); // fails with the log
    }

    private String serverLog() {
        try {
            return log == null || !Files.exists(log) ? "(none)" : Files.readString(log);
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
