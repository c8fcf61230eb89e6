package org.humanchat.channel.tests;

import static org.humanchat.channel.tests.RunningProduct.eventually;
import static org.humanchat.channel.tests.RunningProduct.waitUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.humanchat.api.connector.ConfigField;
import org.humanchat.api.connector.ConfigForm;
import org.humanchat.api.connector.ConnectorAdmin;
import org.humanchat.api.connector.ConnectorBundle;
import org.humanchat.api.connector.ConnectorException;
import org.humanchat.api.connector.ConnectorInstance;
import org.humanchat.api.connector.ConnectorKind;
import org.humanchat.api.connector.ConnectorState;
import org.humanchat.api.connector.FieldType;
import org.humanchat.api.model.Agent;
import org.humanchat.api.model.AgentRole;
import org.humanchat.api.model.Channel;
import org.humanchat.api.model.DeliveryState;
import org.humanchat.api.model.Environment;
import org.humanchat.api.model.Message;
import org.humanchat.api.service.ConversationService;
import org.humanchat.api.service.DirectoryService;
import org.humanchat.api.service.PermissionDeniedException;
import org.humanchat.channel.support.Signatures;
import org.humanchat.core.tests.FakeHttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An admin installs the example SMS connector (built in the reactor, in no feature) into the running product,
 * configures an SMS number from its generated form, and traffic flows both ways; it is updated to a second version,
 * stopped, started and uninstalled. Throughout, a webhook channel (configured through the same admin service) keeps
 * taking messages, and every acknowledged one is stored exactly once; replies to the SMS conversation wait while the
 * connector is gone and are sent when it is back.
 */
class ConnectorAdminTest {

    private static final String TOKEN = "twilio-auth-token";
    private static final String WEBHOOK_SECRET = "admin-test-secret";

    private static RunningProduct product;
    private static ConnectorAdmin connectors;
    private static DirectoryService directory;
    private static ConversationService conversations;
    private static URI base;
    private static Agent admin;
    private static Agent agent;
    private static Environment environment;
    private static FakeHttpServer provider;
    /** The outbox configuration this class found, put back for the classes that run after it. */
    private static Dictionary<String, Object> outboxBefore;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void runProduct() throws Exception {
        product = new RunningProduct();
        outboxBefore = product.configure("org.humanchat.outbox",
                Map.of("connectorMissingRetryMillis", 200L, "backoffMillis", 100L));
        base = product.endpointOnFreePort();
        connectors = product.service(ConnectorAdmin.class);
        directory = product.service(DirectoryService.class);
        conversations = product.service(ConversationService.class);
        admin = directory.ensureFirstAdmin("Local admin", "admin@localhost.localdomain");
        agent = directory.agentByEmail("pat@example.com").orElseGet(
                () -> directory.createAgent("Pat", "pat@example.com", AgentRole.AGENT, admin.id()));
        environment = directory.createEnvironment("connectors-" + System.nanoTime(), admin.id());
        provider = new FakeHttpServer();
        provider.answer(r -> new FakeHttpServer.Response(201, "{\"sid\":\"SM" + System.nanoTime() + "\"}", 0));
    }

    @AfterAll
    static void stopFakeAndRestoreTheOutbox() throws IOException {
        if (provider != null) {
            provider.close();
        }
        if (product != null) {
            product.restore("org.humanchat.outbox", outboxBefore);
        }
    }

    private Optional<ConnectorBundle> sms() {
        return connectors.connectors().stream().filter(c -> c.symbolicName().equals(ConnectorJars.SMS)).findFirst();
    }

    private ConnectorInstance instance(String pid) {
        return connectors.instances().stream().filter(i -> i.pid().equals(pid)).findFirst().orElseThrow();
    }

    @Test
    void refusedJarsChangeNothing() {
        byte[] jar = ConnectorJars.sms();
        assertThrows(PermissionDeniedException.class, () -> connectors.install("sms.jar", jar, agent.id()));

        assertRefused("is not a readable jar", "junk.jar", "PK\u0003\u0004 not a zip".getBytes());
        assertRefused("is not a readable jar", "text.jar", "hello".getBytes());
        assertRefused("is not an OSGi bundle", "library.jar", ConnectorJars.plainJar());
        assertRefused("is not a connector", "plain.jar", ConnectorJars.plainBundle());
        assertRefused("org.example.nowhere", "broken.jar", ConnectorJars.unresolvable(jar, "1.0.0"));
        assertRefused("is empty", "empty.jar", new byte[0]);
        assertTrue(sms().isEmpty(), "nothing of a refused jar stays installed");
        assertTrue(List.of(product.context.getBundles()).stream()
                .noneMatch(b -> b.getSymbolicName() != null && b.getSymbolicName().startsWith("org.example")));

        ConnectorBundle builtIn = connectors.connectors().stream()
                .filter(c -> c.symbolicName().equals("org.humanchat.channel.webhook")).findFirst().orElseThrow();
        assertTrue(builtIn.builtIn());
        assertEquals(ConnectorKind.CHANNEL, builtIn.kind());
        assertEquals("Webhook channel", builtIn.types().get(0).name(), "the type is named from its Metatype");
        ConnectorException refused = assertThrows(ConnectorException.class,
                () -> connectors.uninstall(builtIn.bundleId(), admin.id()));
        assertTrue(refused.getMessage().contains("part of the product"), refused.getMessage());
    }

    @Test
    void aListSettingIsStoredAsAListAndOnlyConnectorInstancesCanBeDeleted() throws Exception {
        ConfigForm rules = connectors.form("org.humanchat.brain.rules");
        ConfigField phrases = rules.field("handoverPhrases").orElseThrow();
        assertTrue(phrases.multiple());
        assertEquals("agent\nhuman\nperson\noperator", phrases.defaultValue(), "one value per line");
        assertEquals(3, rules.field("faq").orElseThrow().defaultValue().lines().count(),
                "an escaped comma stays inside its entry");

        var brain = directory.createBrain(environment.id(), "List test", "rules", admin.id());
        ConnectorInstance instance = connectors.saveInstance("org.humanchat.brain.rules", null,
                Map.of("humanchat.brain.id", Long.toString(brain.id()), "handoverPhrases", "agent\n  human \n\n"),
                admin.id());
        try {
            Object stored = product.service(org.osgi.service.cm.ConfigurationAdmin.class)
                    .getConfiguration(instance.pid(), "?").getProperties().get("handoverPhrases");
            assertTrue(stored instanceof String[], "a list, as the Brain reads it: " + stored);
            assertEquals(List.of("agent", "human"), List.of((String[]) stored));
            assertEquals("agent\nhuman", instance.values().get("handoverPhrases"));
        } finally {
            connectors.deleteInstance(instance.pid(), admin.id());
        }

        assertThrows(org.humanchat.api.service.NotFoundException.class,
                () -> connectors.deleteInstance("org.humanchat.endpoint", admin.id()));
        assertTrue(product.service(org.osgi.service.cm.ConfigurationAdmin.class)
                .getConfiguration("org.humanchat.endpoint", "?").getProperties() != null,
                "the endpoint's own configuration is not a connector instance and stays");
    }

    private void assertRefused(String expected, String fileName, byte[] jar) {
        ConnectorException e = assertThrows(ConnectorException.class,
                () -> connectors.install(fileName, jar, admin.id()));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    @Test
    void anSmsConnectorIsInstalledConfiguredUpdatedStoppedAndRemovedWhileOtherConversationsCarryOn()
            throws Exception {
        // Another channel keeps taking messages all along, configured from its generated form like any instance.
        Channel webhook = directory.createChannel(environment.id(), "webhook", "Partner API", admin.id());
        ConnectorInstance webhookInstance = connectors.saveInstance("org.humanchat.channel.webhook", null,
                Map.of("humanchat.channel.id", Long.toString(webhook.id()), "secret", WEBHOOK_SECRET), admin.id());
        waitUntil("the webhook instance runs", () -> instance(webhookInstance.pid()).running());
        assertTrue(sms().isEmpty(), "the SMS connector is not installed yet");
        Traffic traffic = new Traffic(webhook.id());
        Thread sender = Thread.ofPlatform().name("webhook-traffic").start(traffic);
        try {
            byte[] jar = ConnectorJars.sms();
            ConnectorBundle installed = connectors.install("sms.jar", jar, admin.id());
            assertEquals(ConnectorState.ACTIVE, installed.state());
            assertEquals(ConnectorKind.CHANNEL, installed.kind());
            assertFalse(installed.builtIn());
            assertEquals("SMS number (example)", installed.types().get(0).name());
            ConnectorException again = assertThrows(ConnectorException.class,
                    () -> connectors.install("sms.jar", jar, admin.id()));
            assertTrue(again.getMessage().contains("installed already"), again.getMessage());

            ConfigForm form = connectors.form(ConnectorJars.SMS);
            ConfigField token = form.field("authToken").orElseThrow();
            assertEquals(FieldType.SECRET, token.type());
            assertTrue(token.required());
            assertEquals(FieldType.INTEGER, form.field("timeoutMillis").orElseThrow().type());
            assertEquals("10000", form.field("timeoutMillis").orElseThrow().defaultValue());

            Channel sms = directory.createChannel(environment.id(), "sms", "SMS +49 30 555", admin.id());
            String publicUrl = base.resolve("channels/" + sms.id() + "/").toString();
            Map<String, String> values = new HashMap<>(Map.of("humanchat.channel.id", Long.toString(sms.id()),
                    "accountSid", "AC1", "fromNumber", "+4930555", "publicUrl", publicUrl,
                    "apiBaseUrl", provider.url("")));
            ConnectorException missing = assertThrows(ConnectorException.class,
                    () -> connectors.saveInstance(ConnectorJars.SMS, null, values, admin.id()));
            assertEquals("Auth token is required", missing.getMessage());
            values.put("authToken", TOKEN);
            values.put("timeoutMillis", "soon");
            assertThrows(ConnectorException.class,
                    () -> connectors.saveInstance(ConnectorJars.SMS, null, values, admin.id()));
            values.put("timeoutMillis", "2000");
            assertThrows(PermissionDeniedException.class,
                    () -> connectors.saveInstance(ConnectorJars.SMS, null, values, agent.id()));
            ConnectorInstance number = connectors.saveInstance(ConnectorJars.SMS, null, values, admin.id());
            assertFalse(number.values().containsKey("authToken"), "a secret is never read back");
            assertTrue(number.secretsSet().contains("authToken"));
            assertFalse(number.values().toString().contains(TOKEN));
            waitUntil("the SMS number runs", () -> instance(number.pid()).running());
            waitUntilServed(publicUrl);

            // In: a signed SMS is stored once, however often the provider delivers it.
            assertStatus(200, postSms(publicUrl, "SM1", "+4917000", "Hello from my phone"));
            assertStatus(200, postSms(publicUrl, "SM1", "+4917000", "Hello from my phone"));
            long conversation = conversations.latestOf(sms.id(), "+4917000").orElseThrow().id();
            assertEquals(1, conversations.messages(conversation, 0, 50).stream()
                    .filter(m -> "SM1".equals(m.externalId())).count());
            assertStatus(403, postSms(publicUrl, "SM2", "+4917000", "forged", "wrong-token"));

            // Out: an agent's reply goes to the provider's API.
            Message reply = conversations.reply(conversation, admin.id(), "Hi, how can I help?", List.of(), true);
            Message sent = delivered(conversation, reply.id());
            assertEquals(DeliveryState.SENT, sent.deliveryState());
            FakeHttpServer.Request call = provider.requests.get(provider.requests.size() - 1);
            assertEquals("/2010-04-01/Accounts/AC1/Messages.json", call.path());
            assertTrue(call.bodyText().contains("Body=Hi%2C+how+can+I+help%3F"), call.bodyText());
            assertTrue(call.bodyText().contains("To=%2B4917000"), call.bodyText());

            // Update to a second version: the instance keeps its configuration and runs again.
            ConnectorBundle v2 = connectors.update(installed.bundleId(), "sms-1.1.jar",
                    ConnectorJars.withVersion(jar, "1.1.0"), admin.id());
            assertEquals("1.1.0", v2.version());
            assertEquals(ConnectorState.ACTIVE, v2.state());
            waitUntil("the SMS number runs on 1.1.0", () -> instance(number.pid()).running());
            waitUntilServed(publicUrl);
            assertEquals(values.get("accountSid"), instance(number.pid()).values().get("accountSid"));
            assertTrue(instance(number.pid()).secretsSet().contains("authToken"));
            assertStatus(200, postSms(publicUrl, "SM3", "+4917000", "still there?"));

            // A version that cannot resolve is refused, and 1.1.0 stays in place and running.
            ConnectorException broken = assertThrows(ConnectorException.class, () -> connectors.update(
                    installed.bundleId(), "sms-1.2.jar", ConnectorJars.unresolvable(jar, "1.2.0"), admin.id()));
            assertTrue(broken.getMessage().contains("org.example.nowhere"), broken.getMessage());
            assertTrue(broken.getMessage().contains("1.1.0"), broken.getMessage());
            assertEquals("1.1.0", sms().orElseThrow().version());
            waitUntil("the SMS number runs again on 1.1.0", () -> instance(number.pid()).running());
            waitUntilServed(publicUrl);
            ConnectorException same = assertThrows(ConnectorException.class, () -> connectors.update(
                    installed.bundleId(), "sms-1.1.jar", ConnectorJars.withVersion(jar, "1.1.0"), admin.id()));
            assertTrue(same.getMessage().contains("installed already"), same.getMessage());

            // Stopped: the channel is gone from the endpoint, replies wait, and go out once it runs again.
            assertEquals(ConnectorState.RESOLVED, connectors.stop(installed.bundleId(), admin.id()).state());
            waitUntil("the instance shows the connector stopped",
                    () -> instance(number.pid()).status().startsWith("Connector stopped"));
            assertStatus(404, postSms(publicUrl, "SM4", "+4917000", "anyone?"));
            Message waiting = conversations.reply(conversation, admin.id(), "Back in a minute", List.of(), true);
            waitUntil("the reply waits for the connector", () -> stored(conversation, waiting.id()).deliveryError() != null);
            assertEquals(DeliveryState.PENDING, stored(conversation, waiting.id()).deliveryState());
            connectors.start(installed.bundleId(), admin.id());
            assertEquals(DeliveryState.SENT, delivered(conversation, waiting.id()).deliveryState());

            // Uninstalled: the conversation stays readable, the instance is kept, replies wait for a connector.
            connectors.uninstall(installed.bundleId(), admin.id());
            assertTrue(sms().isEmpty());
            assertTrue(instance(number.pid()).status().startsWith("Connector not installed"));
            assertFalse(conversations.messages(conversation, 0, 50).isEmpty());
            Message orphan = conversations.reply(conversation, admin.id(), "Are you still there?", List.of(), true);
            waitUntil("the reply waits as connector missing",
                    () -> stored(conversation, orphan.id()).deliveryError() != null);
            assertEquals(DeliveryState.PENDING, stored(conversation, orphan.id()).deliveryState());
            ConnectorBundle back = connectors.install("sms.jar", jar, admin.id());
            assertEquals(DeliveryState.SENT, delivered(conversation, orphan.id()).deliveryState());

            connectors.deleteInstance(number.pid(), admin.id());
            connectors.uninstall(back.bundleId(), admin.id());
        } finally {
            traffic.stop();
            sender.join();
            connectors.deleteInstance(webhookInstance.pid(), admin.id());
            sms().ifPresent(c -> connectors.uninstall(c.bundleId(), admin.id()));
        }
        assertTrue(traffic.acknowledged.size() > 10, "traffic flowed: " + traffic.acknowledged.size());
        assertEquals(List.of(), traffic.failures, "every webhook message was taken");
        long conversation = conversations.latestOf(webhook.id(), "kim").orElseThrow().id();
        Map<String, Long> stored = new HashMap<>();
        for (List<Message> page = conversations.messages(conversation, 0, 1000); !page.isEmpty();
                page = conversations.messages(conversation, page.get(0).id(), 1000)) {
            page.stream().filter(m -> m.externalId() != null).forEach(m -> stored.merge(m.externalId(), 1L, Long::sum));
        }
        for (String id : traffic.acknowledged) {
            assertEquals(1L, stored.get(id), id + " is stored exactly once");
        }
    }

    /**
     * Signed webhook messages, one after the other, as long as the scenario runs: a few milliseconds apart, so that
     * they keep coming through every step without flooding the endpoint, and no longer than until {@link #stop()}.
     */
    private final class Traffic implements Runnable {
        private final CountDownLatch stopped = new CountDownLatch(1);
        final List<String> acknowledged = new ArrayList<>();
        final List<String> failures = new ArrayList<>();
        private final long channelId;

        Traffic(long channelId) {
            this.channelId = channelId;
        }

        @Override
        public void run() {
            for (int i = 0; stopped.getCount() > 0; i++) {
                String id = "w" + i;
                byte[] body = ChannelDesk.message(id, "kim", "message " + i).getBytes(StandardCharsets.UTF_8);
                try {
                    HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                            base.resolve("channels/" + channelId + "/messages"))
                            .header("Content-Type", "application/json")
                            .header("X-HumanChat-Signature", "sha256=" + Signatures.hmacSha256Hex(WEBHOOK_SECRET, body))
                            .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                            HttpResponse.BodyHandlers.ofString());
                    if (response.statusCode() / 100 == 2) {
                        acknowledged.add(id);
                    } else {
                        failures.add(id + ": " + response.statusCode() + " " + response.body());
                    }
                    stopped.await(5, TimeUnit.MILLISECONDS);
                } catch (Exception e) {
                    failures.add(id + ": " + e);
                }
            }
        }

        void stop() {
            stopped.countDown();
        }
    }

    private Message stored(long conversation, long messageId) {
        return conversations.messages(conversation, 0, 500).stream().filter(m -> m.id() == messageId).findFirst()
                .orElseThrow();
    }

    private Message delivered(long conversation, long messageId) {
        return eventually("message " + messageId + " is delivered", () -> stored(conversation, messageId),
                m -> m.deliveryState() != DeliveryState.PENDING);
    }

    /**
     * SCR reports the instance running as soon as its component is satisfied, a moment before the endpoint has bound
     * the connector: until then the channel answers 404. A probe with a wrong signature is refused (403) once it is
     * bound, and stores nothing.
     */
    private void waitUntilServed(String publicUrl) {
        waitUntil("the endpoint serves " + publicUrl, () -> {
            try {
                return postSms(publicUrl, "probe", "+10000", "probe", "wrong-token").statusCode() == 403;
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
    }

    /** The status, with the endpoint's answer in the failure message (it says which check refused the request). */
    private static void assertStatus(int expected, HttpResponse<String> response) {
        assertEquals(expected, response.statusCode(), () -> "answer: " + response.body());
    }

    private HttpResponse<String> postSms(String url, String sid, String from, String text) throws Exception {
        return postSms(url, sid, from, text, TOKEN);
    }

    private HttpResponse<String> postSms(String url, String sid, String from, String text, String key)
            throws Exception {
        SmsForm form = SmsForm.signed(url, Map.of("MessageSid", sid, "AccountSid", "AC1", "From", from,
                "To", "+4930555", "Body", text), key);
        return http.send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", SmsForm.CONTENT_TYPE)
                .header(SmsForm.SIGNATURE_HEADER, form.signature())
                .POST(HttpRequest.BodyPublishers.ofString(form.body())).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
