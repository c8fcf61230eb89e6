package org.humanchat.channel.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.humanchat.api.model.Direction;
import org.humanchat.api.model.InboxQuery;
import org.humanchat.api.model.InboxRow;
import org.humanchat.api.model.InboxTab;
import org.humanchat.api.model.Message;
import org.humanchat.channel.api.ChannelConnector;
import org.humanchat.channel.webchat.internal.WebchatChannel;
import org.humanchat.channel.webchat.internal.WebchatConfig;
import org.humanchat.core.tests.Configs;
import org.humanchat.core.tests.MissingTool;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The widget in headless Chromium (driven by releng/e2e/run.sh through playwright-core): a visitor opens the chat,
 * writes, gets an agent's reply live (as text, not HTML), sends a file, and finds the conversation again after a
 * reload. Needs node, npm and chromium: skipped without them on a developer machine, failing on CI (CI=true).
 */
class WebchatBrowserTest {

    private static final byte[] PNG = Base64.getDecoder().decode(
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

    @TempDir
    Path folder;
    ChannelDesk channels;
    Process browser;
    final LinkedBlockingQueue<String> out = new LinkedBlockingQueue<>();

    @BeforeEach
    void start() throws Exception {
        channels = new ChannelDesk(folder, 1024 * 1024, null, Map.of());
        long id = channels.desk.webchat.id();
        channels.channels.addConnector(new WebchatChannel(Configs.of(WebchatConfig.class, Map.of(
                "humanchat.channel.id", id, "sessionSecret", "0123456789abcdef-secret"))),
                Map.of(ChannelConnector.CHANNEL_ID, id));
    }

    @AfterEach
    void stop() throws Exception {
        if (browser != null) {
            browser.destroyForcibly();
        }
        channels.close();
    }

    private static Path root() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("releng/e2e/run.sh"))) {
                return p;
            }
        }
        throw new IllegalStateException("releng/e2e/run.sh not found above " + Path.of("").toAbsolutePath());
    }

    private static boolean onPath(String command) {
        return List.of(System.getenv().getOrDefault("PATH", "").split(":")).stream()
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, command)));
    }

    private String expect(String prefix) throws InterruptedException {
        for (String line; (line = out.poll(40, TimeUnit.SECONDS)) != null;) {
            assertFalse(line.startsWith("FAIL"), line);
            if (line.startsWith(prefix)) {
                return line;
            }
        }
        throw new AssertionError("The browser did not report " + prefix + " within 40 s");
    }

    private long visitorConversation() {
        List<InboxRow> rows = channels.desk.inbox.page(InboxQuery.firstPage(InboxTab.OPEN, channels.desk.ana.id(), 10));
        assertEquals(1, rows.size());
        return rows.get(0).conversation().id();
    }

    @Test
    void aVisitorChatsWithAnAgentInTheBrowser() throws Exception {
        boolean tools = onPath("node") && onPath("npm") && (onPath("chromium") || System.getenv("HC_CHROMIUM") != null);
        if (!tools) {
            throw MissingTool.skipOrFail("node, npm or chromium missing: the browser test of the widget SKIPPED"
                    + " (.ci/run installs them)");
        }
        Path shots = root().resolve("tests/org.humanchat.channel.tests/target/screenshots");
        Files.createDirectories(shots);
        String demo = channels.uri("/channels/" + channels.desk.webchat.id() + "/demo").toString();
        browser = new ProcessBuilder("bash", root().resolve("releng/e2e/run.sh").toString(), demo,
                shots.resolve("webchat.png").toString()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(browser.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line; (line = lines.readLine()) != null;) {
                    System.out.println("[browser] " + line);
                    out.add(line);
                }
            } catch (java.io.IOException ignored) {
                // the process ended
            }
        });
        reader.setDaemon(true);
        reader.start();
        Writer commands = new java.io.OutputStreamWriter(browser.getOutputStream(), StandardCharsets.UTF_8);

        expect("OPENED");
        expect("SENT");
        long conversation = waitFor(() -> channels.desk.inbox.page(InboxQuery.firstPage(InboxTab.OPEN,
                channels.desk.ana.id(), 10)).size() == 1) ? visitorConversation() : -1;
        assertTrue(channels.messagesOf(conversation).stream().anyMatch(m -> m.direction() == Direction.INBOUND
                && m.text().equals("Hello from the browser")), "the visitor's message is stored");

        String reply = "Hi <b>there</b>, Ana here. How can I help?";
        channels.desk.conversations.reply(conversation, channels.desk.ana.id(), reply, List.of(), false);
        commands.write("EXPECT " + reply + "\n");
        commands.flush();
        expect("SEEN");

        Path photo = folder.resolve("photo.png");
        Files.write(photo, PNG);
        commands.write("UPLOAD " + photo + "\n");
        commands.flush();
        expect("UPLOADED");
        Message withFile = channels.messagesOf(conversation).stream().filter(m -> !m.attachments().isEmpty())
                .findFirst().orElseThrow();
        assertEquals("photo.png", withFile.attachments().get(0).name());
        assertEquals("image/png", withFile.attachments().get(0).mediaType());

        commands.write("RELOAD\nDONE\n");
        commands.flush();
        expect("RELOADED");
        assertTrue(browser.waitFor(30, TimeUnit.SECONDS), "the browser closes");
        assertEquals(0, browser.exitValue());
        assertTrue(Files.size(shots.resolve("webchat.png")) > 1000);
        channels.settleOutbox();
    }

    private static boolean waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
        for (int i = 0; i < 200; i++) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(50);
        }
        return false;
    }
}
