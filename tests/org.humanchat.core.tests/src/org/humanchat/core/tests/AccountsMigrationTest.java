package org.humanchat.core.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.Statement;
import java.util.HexFormat;

import org.humanchat.core.internal.AccountRules;
import org.humanchat.persistence.internal.DatabaseSettings;
import org.humanchat.persistence.internal.JpaConversationStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Schema version 10 brought accounts: agents of an existing database stay active without a password (an admin
 * issues them codes), the embedded desk's one admin keeps being signed in without a prompt, and an admin API token
 * issued before keeps working as that agent's API token "Admin API".
 */
class AccountsMigrationTest {

    @TempDir
    Path folder;

    @Test
    void agentsAndTheirApiTokensOfVersion9CarryOverOnH2() throws Exception {
        carryOver(Databases.freshH2(folder), true);
    }

    @Test
    void agentsAndTheirApiTokensOfVersion9CarryOverOnPostgres() throws Exception {
        DatabaseSettings settings = Databases.freshPostgres();
        try {
            carryOver(settings, false);
        } finally {
            Databases.dropPostgresSchema(settings);
        }
    }

    private static void carryOver(DatabaseSettings settings, boolean embedded) throws Exception {
        JpaConversationStore.migrateTo(settings, "9");
        String token = "hc_" + "ab".repeat(24); // as version 9 issued them: 192 bits in hex
        String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(token.getBytes(StandardCharsets.UTF_8)));
        try (Connection c = settings.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO agent (id, name, email, role, presence, api_token_hash) VALUES (1, 'root',"
                    + " 'admin@localhost.localdomain', 'ADMIN', 'AVAILABLE', '" + hash + "')");
        }

        JpaConversationStore store = new JpaConversationStore(settings); // migrates to the newest version
        try {
            AccountRules accounts = new AccountRules(store, new RecordingEventAdmin());
            assertEquals(1, accounts.agentByToken(token).orElseThrow().id(), "the API token issued before works");
            assertTrue(accounts.agentByToken(token).orElseThrow().active());
            assertEquals("Admin API", accounts.tokens(1, 1).get(0).label());
            assertEquals(embedded, accounts.signInLocalAdmin("Desk").isPresent(),
                    "the embedded desk's one admin opens it without a prompt, as before");
        } finally {
            store.close();
        }
    }
}
