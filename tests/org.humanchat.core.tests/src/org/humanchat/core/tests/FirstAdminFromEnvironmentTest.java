package org.humanchat.core.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.humanchat.core.internal.AccountRules;
import org.humanchat.core.internal.FirstAdminFromEnvironment;
import org.humanchat.persistence.internal.JpaConversationStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A headless server's first admin comes from HUMANCHAT_ADMIN_EMAIL and HUMANCHAT_ADMIN_PASSWORD(_FILE) on its first
 * start; never with a weak or missing password, and never once there are agents.
 */
class FirstAdminFromEnvironmentTest {

    @TempDir
    Path folder;
    private JpaConversationStore store;
    private AccountRules accounts;

    @BeforeEach
    void emptyDatabase() {
        store = new JpaConversationStore(Databases.freshH2(folder));
        accounts = new AccountRules(store, new RecordingEventAdmin());
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void theAdminIsCreatedFromThePasswordFile() throws Exception {
        Path secret = Files.writeString(folder.resolve("admin-password"), "correct horse battery staple\n");

        assertTrue(FirstAdminFromEnvironment.create(accounts, Map.of("HUMANCHAT_ADMIN_EMAIL", "Ops@Example.com",
                "HUMANCHAT_ADMIN_PASSWORD_FILE", secret.toString(), "HUMANCHAT_ADMIN_NAME", "Olga Ops")).isPresent());

        var session = accounts.signIn("ops@example.com", "correct horse battery staple".toCharArray(), "test", "t");
        assertEquals("Olga Ops", session.agent().name());
        assertTrue(session.agent().isAdmin());
        assertTrue(FirstAdminFromEnvironment.create(accounts, Map.of("HUMANCHAT_ADMIN_EMAIL", "eve@example.com",
                "HUMANCHAT_ADMIN_PASSWORD", "another long phrase")).isEmpty(), "once there are agents, nothing");
    }

    @Test
    void noAdminWithoutAGoodPassword() {
        assertTrue(FirstAdminFromEnvironment.create(accounts, Map.of()).isEmpty());
        assertTrue(FirstAdminFromEnvironment.create(accounts, Map.of("HUMANCHAT_ADMIN_EMAIL", "ops@example.com"))
                .isEmpty());
        assertTrue(FirstAdminFromEnvironment.create(accounts, Map.of("HUMANCHAT_ADMIN_EMAIL", "ops@example.com",
                "HUMANCHAT_ADMIN_PASSWORD", "password1234")).isEmpty());
        assertTrue(FirstAdminFromEnvironment.create(accounts, Map.of("HUMANCHAT_ADMIN_EMAIL", "ops@example.com",
                "HUMANCHAT_ADMIN_PASSWORD_FILE", folder.resolve("missing").toString())).isEmpty());
        assertTrue(accounts.needsFirstAdmin(), "still no agent");

        assertTrue(FirstAdminFromEnvironment.create(accounts, Map.of("HUMANCHAT_ADMIN_EMAIL", "ops@example.com",
                "HUMANCHAT_ADMIN_PASSWORD", "a long enough passphrase")).isPresent());
        assertEquals("ops", accounts.signIn("ops@example.com", "a long enough passphrase".toCharArray(), "test", "t")
                .agent().name(), "named after the email when no name is given");
    }
}
