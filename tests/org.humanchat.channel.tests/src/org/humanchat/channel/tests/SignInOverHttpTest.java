package org.humanchat.channel.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import org.humanchat.api.connector.ConnectorAdmin;
import org.humanchat.api.model.Agent;
import org.humanchat.api.model.AgentRole;
import org.humanchat.api.service.AccountService;
import org.humanchat.api.service.DirectoryService;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Signing in over HTTP as a script does ({@code POST /admin/sessions}): the session token then opens the admin API
 * with the account's role; a wrong email or password is 401 (the same answer for both), repeated failures get 429
 * with Retry-After, and signing out ends the token.
 */
class SignInOverHttpTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PASSWORD = "tea at five by the river";
    private static URI base;
    private static DirectoryService directory;
    private static AccountService accounts;
    private static Agent firstAdmin;
    private static RunningProduct product;
    private final HttpClient http = HttpClient.newHttpClient();
    private Agent admin;

    @BeforeAll
    static void runProduct() throws Exception {
        product = new RunningProduct();
        base = product.endpointOnFreePort();
        product.service(ConnectorAdmin.class);
        directory = product.service(DirectoryService.class);
        accounts = product.service(AccountService.class);
        firstAdmin = directory.ensureFirstAdmin("Local admin", "admin@localhost.localdomain");
    }

    /** Failed sign-ins an earlier test counted for this machine would slow this test's sign-ins down. */
    @org.junit.jupiter.api.BeforeEach
    void noFailedSignInsFromThisMachine() {
        product.forgetFailedSignInsFromThisMachine();
    }

    @BeforeEach
    void anAdminWithAPassword() {
        String name = "s" + System.nanoTime();
        admin = directory.createAgent("Admin " + name, "admin-" + name + "@example.com", AgentRole.ADMIN,
                firstAdmin.id());
        accounts.setPasswordWithCode(admin.email(), accounts.issueSetPasswordCode(admin.id(), firstAdmin.id()),
                PASSWORD.toCharArray(), "test", "test");
    }

    private HttpResponse<String> call(String method, String path, String token, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).method(method,
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> signIn(String email, String password) throws Exception {
        return call("POST", "admin/sessions", null, "{\"email\":\"" + email + "\",\"password\":\"" + password
                + "\",\"client\":\"deploy script\"}");
    }

    @Test
    void aSessionTokenOpensTheAdminApiUntilSignedOut() throws Exception {
        HttpResponse<String> signedIn = signIn(admin.email(), PASSWORD);
        assertEquals(201, signedIn.statusCode(), signedIn.body());
        JsonNode body = JSON.readTree(signedIn.body());
        String token = body.path("token").asText();
        assertTrue(token.startsWith("hcs_"), signedIn.body());
        assertEquals(admin.id(), body.path("agent").path("id").asLong());
        assertEquals("admin", body.path("agent").path("role").asText(), "as the agent API names roles");
        assertFalse(signedIn.body().contains(PASSWORD));

        assertEquals(200, call("GET", "admin/connectors", token, null).statusCode());
        assertEquals(204, call("DELETE", "admin/sessions/current", token, null).statusCode());
        assertEquals(401, call("GET", "admin/connectors", token, null).statusCode(), "signed out");
    }

    @Test
    void anAgentsSessionHasTheAgentsRole() throws Exception {
        Agent agent = directory.createAgent("Agent " + System.nanoTime(), "agent-" + System.nanoTime()
                + "@example.com", AgentRole.AGENT, firstAdmin.id());
        accounts.setPasswordWithCode(agent.email(), accounts.issueSetPasswordCode(agent.id(), firstAdmin.id()),
                PASSWORD.toCharArray(), "test", "test");
        String token = JSON.readTree(signIn(agent.email(), PASSWORD).body()).path("token").asText();

        assertEquals(403, call("GET", "admin/connectors", token, null).statusCode());
        assertEquals(204, call("DELETE", "admin/sessions/current", token, null).statusCode(),
                "any agent signs out");
        assertEquals(401, call("GET", "admin/connectors", token, null).statusCode());
    }

    @Test
    void wrongPasswordsAre401AndThenSlowedWith429() throws Exception {
        HttpResponse<String> unknown = signIn("nobody-" + System.nanoTime() + "@example.com", PASSWORD);
        assertEquals(401, unknown.statusCode());
        HttpResponse<String> wrong = signIn(admin.email(), "not the password");
        assertEquals(401, wrong.statusCode());
        assertEquals(JSON.readTree(unknown.body()).path("message"), JSON.readTree(wrong.body()).path("message"),
                "the same answer for an unknown email and a wrong password");
        for (int i = 2; i < AccountService.FREE_FAILURES; i++) {
            assertEquals(401, signIn(admin.email(), "still not it " + i).statusCode());
        }

        HttpResponse<String> slowed = signIn(admin.email(), PASSWORD);
        assertEquals(429, slowed.statusCode(), slowed.body());
        long retryAfter = Long.parseLong(slowed.headers().firstValue("Retry-After").orElseThrow());
        assertTrue(retryAfter >= 1, "Retry-After: " + retryAfter);
        assertTrue(slowed.body().contains("Too many failed sign-ins"), slowed.body());

        Thread.sleep(retryAfter * 1000 + 200);
        assertEquals(201, signIn(admin.email(), PASSWORD).statusCode(), "the right password after the wait");
        assertEquals(400, call("POST", "admin/sessions", null, "{not json").statusCode());
    }
}
