package org.humanchat.channel.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.h2.jdbcx.JdbcDataSource;
import org.humanchat.api.model.Channel;
import org.humanchat.channel.support.Signatures;
import org.humanchat.core.tests.Desk;
import org.humanchat.persistence.internal.DatabaseSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ingest promise under a crash: signed webhook messages arrive in a burst while the process that stores them is
 * killed with SIGKILL (kill -9); after a restart the platform redelivers everything. Every message that got a 2xx
 * before the kill is stored, and every message is stored exactly once.
 */
class CrashTest {

    private static final String SECRET = "crash-secret";

    @TempDir
    Path folder;

    /** A JVM running {@link CrashServer} on the class path of the bundles this test sees. */
    private static final class Server implements AutoCloseable {
        final Process process;
        final int port;

        Server(Path db, long channelId) throws Exception {
            String javaCommand = ProcessHandle.current().info().command().orElse("java");
            process = new ProcessBuilder(javaCommand, "-cp", classPath(), CrashServer.class.getName(), db.toString(),
                    Long.toString(channelId), SECRET).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8));
            // Read until READY on another thread, with a deadline: a server that hangs before it is ready fails the
            // test instead of holding it until the build's own limit.
            CompletableFuture<Integer> ready = CompletableFuture.supplyAsync(() -> {
                try {
                    for (String line; (line = out.readLine()) != null;) {
                        if (line.startsWith("READY ")) {
                            return Integer.parseInt(line.substring(6).strip());
                        }
                    }
                    return -1;
                } catch (java.io.IOException e) {
                    return -1;
                }
            });
            int found;
            try {
                found = ready.get(60, TimeUnit.SECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                process.destroyForcibly();
                throw new AssertionError("the crash server was not ready within 60 s", e);
            }
            assertTrue(found > 0, "the crash server did not start");
            port = found;
            Thread drain = new Thread(() -> {
                try {
                    out.transferTo(java.io.Writer.nullWriter());
                } catch (java.io.IOException ignored) {
                    // killed
                }
            });
            drain.setDaemon(true);
            drain.start();
        }

        void kill9() throws InterruptedException {
            process.destroyForcibly(); // SIGKILL on Linux: no shutdown hook, no flush, no close
            assertTrue(process.waitFor(20, TimeUnit.SECONDS));
        }

        @Override
        public void close() throws InterruptedException {
            if (process.isAlive()) {
                kill9();
            }
        }
    }

    /** The bundles' classes and resources as a plain class path. */
    private static String classPath() throws Exception {
        Set<String> entries = new LinkedHashSet<>();
        for (Class<?> type : List.of(CrashServer.class, org.humanchat.core.tests.Configs.class,
                org.humanchat.api.model.Conversation.class, org.humanchat.core.internal.ConversationRules.class,
                org.humanchat.persistence.internal.JpaConversationStore.class,
                org.humanchat.endpoint.internal.EndpointServer.class, org.humanchat.channel.api.ChannelConnector.class,
                org.humanchat.channel.runtime.internal.Channels.class,
                org.humanchat.channel.support.Signatures.class,
                org.humanchat.channel.webhook.internal.WebhookChannel.class, org.eclipse.jetty.server.Server.class,
                org.eclipse.jetty.http.HttpField.class, org.eclipse.jetty.io.Content.class,
                org.eclipse.jetty.util.Callback.class, com.fasterxml.jackson.databind.ObjectMapper.class,
                com.fasterxml.jackson.core.JsonParser.class, com.fasterxml.jackson.annotation.JsonProperty.class,
                org.h2.Driver.class, jakarta.persistence.EntityManager.class,
                org.eclipse.persistence.jpa.PersistenceProvider.class,
                org.eclipse.persistence.internal.sessions.AbstractSession.class,
                org.eclipse.persistence.jpa.jpql.parser.Expression.class,
                org.eclipse.persistence.internal.libraries.asm.ClassVisitor.class, org.flywaydb.core.Flyway.class,
                com.google.gson.Gson.class, org.slf4j.Logger.class, org.osgi.service.event.EventAdmin.class,
                org.osgi.framework.FrameworkUtil.class, org.osgi.service.component.ComponentServiceObjects.class)) {
            File location = new File(type.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (location.isDirectory() && new File(location, "target/classes").isDirectory()) {
                entries.add(new File(location, "target/classes").getPath()); // a reactor bundle: classes
            }
            entries.add(location.getPath()); // and its root: db/migration, META-INF/persistence.xml
        }
        return String.join(File.pathSeparator, entries);
    }

    private static int post(HttpClient http, int port, long channelId, String id) {
        byte[] body = ("{\"id\":\"" + id + "\",\"sender\":{\"id\":\"u-" + (id.hashCode() & 63)
                + "\"},\"text\":\"Message " + id + "\"}").getBytes(StandardCharsets.UTF_8);
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/channels/" + channelId
                    + "/messages")).timeout(Duration.ofSeconds(20))
                    .header("X-HumanChat-Signature", "sha256=" + Signatures.hmacSha256Hex(SECRET, body))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (Exception e) {
            return -1; // no answer: the platform will deliver it again
        }
    }

    @Test
    void everyAcknowledgedMessageSurvivesAKillAndRedeliveriesAreStoredOnce() throws Exception {
        Path db = folder.resolve("crash-db");
        DatabaseSettings settings = new DatabaseSettings(DatabaseSettings.h2Url(db), "sa", "", 4, "");
        Desk setup = new Desk(settings);
        Channel webhook = setup.directory.createChannel(setup.production.id(), "webhook", "API", setup.ana.id());
        setup.store.close();

        Map<String, Integer> outcome = new ConcurrentHashMap<>();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        try (Server first = new Server(db, webhook.id())) {
            AtomicBoolean running = new AtomicBoolean(true);
            AtomicInteger next = new AtomicInteger();
            AtomicInteger acknowledged = new AtomicInteger();
            ExecutorService clients = Executors.newFixedThreadPool(16);
            for (int i = 0; i < 16; i++) {
                clients.submit(() -> {
                    while (running.get()) {
                        String id = "m-" + next.incrementAndGet();
                        int status = post(http, first.port, webhook.id(), id);
                        outcome.put(id, status);
                        if (status == 200) {
                            acknowledged.incrementAndGet();
                        } else if (status < 0) {
                            return; // the server is gone
                        }
                    }
                    return;
                });
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (acknowledged.get() < 300 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            first.kill9(); // in the middle of the burst
            running.set(false);
            clients.shutdown();
            assertTrue(clients.awaitTermination(60, TimeUnit.SECONDS));
        }
        Set<String> acked = new LinkedHashSet<>();
        outcome.forEach((id, status) -> {
            if (status == 200) {
                acked.add(id);
            }
        });
        assertTrue(acked.size() >= 300, "only " + acked.size() + " messages were acknowledged before the kill");

        Map<String, Integer> afterCrash = stored(db, webhook.id());
        for (String id : acked) {
            assertEquals(1, afterCrash.getOrDefault(id, 0), id + " got a 2xx, so it is stored after the crash");
        }

        try (Server second = new Server(db, webhook.id())) {
            for (String id : outcome.keySet()) { // the platform redelivers everything it sent
                assertEquals(200, post(http, second.port, webhook.id(), id), "redelivery of " + id);
            }
        }

        Map<String, Integer> stored = stored(db, webhook.id());
        System.out.println("[crash] acknowledged before kill -9: " + acked.size() + ", stored after the kill: "
                + afterCrash.size() + ", sent in all: " + outcome.size() + ", stored after redelivery: "
                + stored.size());
        for (String id : outcome.keySet()) {
            assertEquals(1, stored.getOrDefault(id, 0), id + " is stored exactly once");
        }
        assertEquals(outcome.size(), stored.size(), "nothing else is stored");
    }

    /** How often each external message id of the channel is stored, read straight from the database file. */
    private static Map<String, Integer> stored(Path db, long channelId) throws Exception {
        Map<String, Integer> stored = new HashMap<>();
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL(DatabaseSettings.h2Url(db));
        ds.setUser("sa");
        try (Connection c = ds.getConnection(); PreparedStatement q = c.prepareStatement(
                "SELECT external_id, COUNT(*) FROM message WHERE channel_id = ? GROUP BY external_id")) {
            q.setLong(1, channelId);
            try (ResultSet rows = q.executeQuery()) {
                while (rows.next()) {
                    stored.put(rows.getString(1), rows.getInt(2));
                }
            }
        }
        return stored;
    }
}
