package org.humanchat.channel.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.humanchat.api.connector.ConnectorAdmin;
import org.humanchat.api.connector.ConnectorBundle;
import org.humanchat.api.connector.ConnectorInstance;
import org.humanchat.api.model.Agent;
import org.humanchat.api.model.AgentRole;
import org.humanchat.api.model.Channel;
import org.humanchat.api.model.Environment;
import org.humanchat.api.service.AuditEntry;
import org.humanchat.api.service.AuditQuery;
import org.humanchat.api.service.AuditService;
import org.humanchat.api.service.DirectoryService;
import org.humanchat.api.service.PermissionDeniedException;
import org.junit.jupiter.api.Test;

/**
 * Connector administration in the running product writes the audit log: installs, updates, stops, starts and
 * removals of a connector bundle, and an instance created, changed and deleted, each under the admin's name; an
 * instance's secret is never written, only whether it changed; a refused change records nothing.
 */
class ConnectorAuditTest {

    private static final String TOKEN = "audit-auth-token-1";
    private static final String NEW_TOKEN = "audit-auth-token-2";

    @Test
    void connectorChangesAreRecordedWithoutTheirSecrets() {
        RunningProduct product = new RunningProduct();
        ConnectorAdmin connectors = product.service(ConnectorAdmin.class);
        DirectoryService directory = product.service(DirectoryService.class);
        AuditService audit = product.service(AuditService.class);
        Agent admin = directory.ensureFirstAdmin("Local admin", "admin@localhost.localdomain");
        Agent agent = directory.agentByEmail("pat@example.com").orElseGet(
                () -> directory.createAgent("Pat", "pat@example.com", AgentRole.AGENT, admin.id()));
        Environment environment = directory.createEnvironment("audit-" + System.nanoTime(), admin.id());
        Channel sms = directory.createChannel(environment.id(), "sms", "SMS audit", admin.id());
        long since = audit.entries(AuditQuery.newest(1), admin.id()).stream().mapToLong(AuditEntry::id).max()
                .orElse(0);
        byte[] jar = ConnectorJars.sms();

        assertThrows(PermissionDeniedException.class, () -> connectors.install("sms.jar", jar, agent.id()));
        ConnectorBundle installed = connectors.install("sms.jar", jar, admin.id());
        String pid = null;
        try {
            Map<String, String> values = new HashMap<>(Map.of("humanchat.channel.id", Long.toString(sms.id()),
                    "accountSid", "AC1", "fromNumber", "+4930555", "publicUrl", "http://127.0.0.1:9/sms/",
                    "apiBaseUrl", "http://127.0.0.1:9/", "authToken", TOKEN));
            ConnectorInstance number = connectors.saveInstance(ConnectorJars.SMS, null, values, admin.id());
            pid = number.pid();
            connectors.saveInstance(ConnectorJars.SMS, pid, Map.of("fromNumber", "+4930556"), admin.id());
            connectors.saveInstance(ConnectorJars.SMS, pid, Map.of("authToken", NEW_TOKEN), admin.id());
            connectors.update(installed.bundleId(), "sms-1.1.jar", ConnectorJars.withVersion(jar, "1.1.0"),
                    admin.id());
            connectors.stop(installed.bundleId(), admin.id());
            connectors.start(installed.bundleId(), admin.id());
            connectors.deleteInstance(pid, admin.id());
            pid = null;
        } finally {
            if (pid != null) {
                connectors.deleteInstance(pid, admin.id());
            }
            connectors.uninstall(installed.bundleId(), admin.id());
        }

        List<AuditEntry> entries = audit.entries(AuditQuery.newest(100), admin.id()).stream()
                .filter(e -> e.id() > since).toList().reversed();
        assertEquals(List.of("connector.install", "connectorInstance.create", "connectorInstance.update",
                "connectorInstance.update", "connector.update", "connector.stop", "connector.start",
                "connectorInstance.delete", "connector.uninstall"), entries.stream().map(AuditEntry::action).toList(),
                "the refused install is not among them");
        for (AuditEntry entry : entries) {
            assertEquals(admin.name(), entry.agentName(), entry.toString());
            assertFalse(entry.toString().contains(TOKEN), "the secret is in the log: " + entry);
            assertFalse(entry.toString().contains(NEW_TOKEN), "the new secret is in the log: " + entry);
        }
        AuditEntry install = entries.get(0);
        assertEquals(List.of("connectorBundle", ConnectorJars.SMS, ""),
                List.of(install.subjectKind(), install.subjectId(), install.before()));
        assertTrue(install.after().startsWith("1.0.0") && install.after().endsWith(" from sms.jar"), install.after());
        AuditEntry created = entries.get(1);
        assertEquals("connectorInstance", created.subjectKind());
        assertTrue(created.after().contains("authToken=(secret set)"), created.after());
        assertTrue(created.after().contains("fromNumber=+4930555"), created.after());
        AuditEntry plainChange = entries.get(2);
        assertTrue(plainChange.before().contains("fromNumber=+4930555"), plainChange.before());
        assertTrue(plainChange.after().contains("fromNumber=+4930556"), plainChange.after());
        assertTrue(plainChange.after().contains("authToken=(secret unchanged)"), plainChange.after());
        assertTrue(entries.get(3).after().contains("authToken=(secret changed)"), entries.get(3).after());
        assertTrue(entries.get(4).before().startsWith("1.0.0"), entries.get(4).before());
        assertEquals("1.1.0 from sms-1.1.jar", entries.get(4).after());
        assertEquals(List.of("active", "resolved"), List.of(entries.get(5).before(), entries.get(5).after()));
        assertEquals("", entries.get(7).after(), "a deletion: nothing after");
        assertEquals("1.1.0", entries.get(8).before());
    }
}
