package org.humanchat.channel.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.humanchat.api.connector.ConnectorAdmin;
import org.humanchat.api.model.Agent;
import org.humanchat.api.model.AgentRole;
import org.humanchat.api.service.DirectoryService;
import org.humanchat.api.service.PermissionDeniedException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The admin HTTP API on the endpoint, as a script would use it: authenticated with an agent's API token, admins only,
 * installing, configuring, stopping, updating and removing the example SMS connector.
 */
class AdminApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static URI base;
    private static DirectoryService directory;
    private static Agent firstAdmin;
    private final HttpClient http = HttpClient.newHttpClient();
    /**
     * Each test's own admin and agent with their own tokens: issuing a token replaces the agent's former one, so a
     * token shared by the tests (or with other classes, through the first admin) would depend on their order.
     */
    private Agent admin;
    private Agent agent;
    private String adminToken;
    private String agentToken;

    @BeforeAll
    static void runProduct() throws Exception {
        RunningProduct product = new RunningProduct();
        base = product.endpointOnFreePort();
        product.service(ConnectorAdmin.class);
        directory = product.service(DirectoryService.class);
        firstAdmin = directory.ensureFirstAdmin("Local admin", "admin@localhost.localdomain");
    }

    @BeforeEach
    void ownAdminAndAgent() {
        String name = "t" + System.nanoTime();
        admin = directory.createAgent("Admin " + name, "admin-" + name + "@example.com", AgentRole.ADMIN,
                firstAdmin.id());
        agent = directory.createAgent("Agent " + name, "agent-" + name + "@example.com", AgentRole.AGENT,
                firstAdmin.id());
        adminToken = directory.issueApiToken(admin.id(), admin.id());
        agentToken = directory.issueApiToken(agent.id(), agent.id());
    }

    private HttpResponse<String> call(String method, String path, String token, byte[] body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode json(HttpResponse<String> response, int status) throws Exception {
        assertEquals(status, response.statusCode(), response.body());
        return JSON.readTree(response.body());
    }

    @Test
    void onlyAdminsWithAValidTokenGetIn() throws Exception {
        assertEquals(401, call("GET", "admin/connectors", null, null).statusCode());
        assertEquals(401, call("GET", "admin/connectors", "hc_0000", null).statusCode());
        HttpResponse<String> asAgent = call("GET", "admin/connectors", agentToken, null);
        assertEquals(403, asAgent.statusCode());
        assertTrue(asAgent.body().contains("only admins"), asAgent.body());
        assertThrows(PermissionDeniedException.class, () -> directory.issueApiToken(admin.id(), agent.id()));

        String replaced = adminToken;
        adminToken = directory.issueApiToken(admin.id(), admin.id()); // this test's own admin: no other test uses it
        assertEquals(401, call("GET", "admin/connectors", replaced, null).statusCode(), "a new token replaces the old");

        JsonNode list = json(call("GET", "admin/connectors", adminToken, null), 200);
        assertTrue(list.path("dropInFolder").asText().endsWith("connectors"), list.toString());
        boolean webhookListed = false;
        for (JsonNode connector : list.path("connectors")) {
            if (connector.path("symbolicName").asText().equals("org.humanchat.channel.webhook")) {
                webhookListed = connector.path("builtIn").asBoolean() && connector.path("kind").asText().equals("CHANNEL");
            }
        }
        assertTrue(webhookListed, list.toString());
        assertEquals(404, call("GET", "admin/nothing", adminToken, null).statusCode());
        assertEquals(404, call("GET", "admin/forms/org.example.unknown", adminToken, null).statusCode());
    }

    @Test
    void aConnectorIsInstalledConfiguredAndRemovedByScript() throws Exception {
        byte[] jar = ConnectorJars.sms();
        JsonNode installed = json(call("POST", "admin/connectors?file=sms.jar", adminToken, jar), 201);
        long bundleId = installed.path("bundleId").asLong();
        assertEquals("ACTIVE", installed.path("state").asText());
        JsonNode again = json(call("POST", "admin/connectors?file=sms.jar", adminToken, jar), 400);
        assertTrue(again.path("message").asText().contains("installed already"), again.toString());
        assertEquals(400, call("POST", "admin/connectors?file=junk.jar", adminToken, "junk".getBytes()).statusCode());
        try {
            JsonNode form = json(call("GET", "admin/forms/" + ConnectorJars.SMS, adminToken, null), 200);
            boolean secretField = false;
            for (JsonNode field : form.path("fields")) {
                secretField |= field.path("id").asText().equals("authToken") && field.path("type").asText().equals("SECRET");
            }
            assertTrue(secretField, form.toString());

            assertEquals(400, call("POST", "admin/instances", adminToken, "{not json".getBytes()).statusCode());
            JsonNode noChannel = json(call("POST", "admin/instances", adminToken, ("{\"factoryPid\":\""
                    + ConnectorJars.SMS + "\",\"values\":{\"humanchat.channel.id\":987654,\"accountSid\":\"AC9\","
                    + "\"authToken\":\"t\",\"fromNumber\":\"+4930999\"}}").getBytes()), 400);
            assertTrue(noChannel.path("message").asText().startsWith("There is no channel 987654"),
                    noChannel.toString());
            long channel = directory.createChannel(directory.createEnvironment("SMS " + System.nanoTime(), admin.id())
                    .id(), "sms", "SMS", admin.id()).id();
            JsonNode refused = json(call("POST", "admin/instances", adminToken, ("{\"factoryPid\":\"" + ConnectorJars.SMS
                    + "\",\"values\":{\"humanchat.channel.id\":\"" + channel + "\",\"accountSid\":\"AC9\"}}").getBytes()), 400);
            assertTrue(refused.path("message").asText().endsWith("is required"), refused.toString());

            JsonNode created = json(call("POST", "admin/instances", adminToken, ("{\"factoryPid\":\"" + ConnectorJars.SMS
                    + "\",\"values\":{\"humanchat.channel.id\":" + channel + ",\"accountSid\":\"AC9\",\"authToken\":\"t0p-secret\","
                    + "\"fromNumber\":\"+4930999\"}}").getBytes()), 201);
            String pid = created.path("pid").asText();
            assertFalse(created.toString().contains("t0p-secret"), "a secret is never sent back");
            assertEquals("authToken", created.path("secretsSet").get(0).asText());

            JsonNode changed = json(call("PUT", "admin/instances/" + pid, adminToken,
                    "{\"values\":{\"accountSid\":\"AC10\",\"authToken\":\"\"}}".getBytes()), 200);
            assertEquals("AC10", changed.path("values").path("accountSid").asText());
            assertEquals("+4930999", changed.path("values").path("fromNumber").asText(), "unnamed fields keep their value");
            assertEquals("authToken", changed.path("secretsSet").get(0).asText(), "an empty secret keeps the secret");

            assertEquals("RESOLVED", json(call("POST", "admin/connectors/" + bundleId + "/stop", adminToken, null), 200)
                    .path("state").asText());
            assertEquals("ACTIVE", json(call("POST", "admin/connectors/" + bundleId + "/start", adminToken, null), 200)
                    .path("state").asText());
            assertEquals("2.0.0", json(call("PUT", "admin/connectors/" + bundleId + "?file=sms-2.jar", adminToken,
                    ConnectorJars.withVersion(jar, "2.0.0")), 200).path("version").asText());

            assertEquals(204, call("DELETE", "admin/instances/" + pid, adminToken, null).statusCode());
            assertEquals(404, call("DELETE", "admin/instances/" + pid, adminToken, null).statusCode());
        } finally {
            assertEquals(204, call("DELETE", "admin/connectors/" + bundleId, adminToken, null).statusCode());
        }
        assertFalse(call("GET", "admin/connectors", adminToken, null).body().contains(ConnectorJars.SMS));
    }
}
