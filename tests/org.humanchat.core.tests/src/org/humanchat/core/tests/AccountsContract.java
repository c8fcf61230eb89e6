package org.humanchat.core.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import org.humanchat.api.model.Agent;
import org.humanchat.api.model.AgentRole;
import org.humanchat.api.model.Assignee;
import org.humanchat.api.model.AuthorKind;
import org.humanchat.api.model.Message;
import org.humanchat.api.service.AccountService;
import org.humanchat.api.service.AuditEntry;
import org.humanchat.api.service.AuditQuery;
import org.humanchat.api.service.PermissionDeniedException;
import org.humanchat.api.service.SignInRefusedException;
import org.humanchat.api.service.SignInSession;
import org.humanchat.api.service.TooManyAttemptsException;
import org.humanchat.api.service.ValidationException;
import org.humanchat.core.internal.AccountRules;
import org.humanchat.core.internal.Passwords;
import org.humanchat.core.tests.AuditContract.SteppingClock;
import org.humanchat.persistence.internal.DatabaseSettings;
import org.humanchat.persistence.internal.JpaConversationStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Accounts against a real database; subclasses choose which. Passwords kept as Argon2id hashes only, weak ones
 * refused; sessions of 256 random bits kept as hashes, ending when expired, idle, revoked or signed out everywhere;
 * failed sign-ins slowed per account and per address; deactivation; every step in the audit log, no secret in it.
 */
abstract class AccountsContract {

    static final String BOBS = "a long walk by the river";

    final SteppingClock clock = new SteppingClock();
    Desk desk;

    abstract DatabaseSettings database();

    /** A second, empty database of the same kind. */
    abstract DatabaseSettings emptyDatabase();

    abstract boolean shared();

    @BeforeEach
    void openDesk() {
        desk = new Desk(database(), clock);
    }

    @AfterEach
    void closeDesk() {
        if (desk != null) {
            desk.close();
        }
    }

    /** Bob sets his password with a code from Ana, as a new agent does. */
    private SignInSession bobHasAPassword() {
        String code = desk.accounts.issueSetPasswordCode(desk.bob.id(), desk.ana.id());
        return desk.accounts.setPasswordWithCode("bob@example.com", code, BOBS.toCharArray(), "192.0.2.1", "test");
    }

    private List<AuditEntry> audit() {
        return desk.audit.entries(AuditQuery.newest(AuditQuery.MAX_LIMIT), desk.ana.id());
    }

    private static String sha256(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void thePasswordIsKeptAsAnArgon2idHashAndTheCodeWorksOnce() {
        String code = desk.accounts.issueSetPasswordCode(desk.bob.id(), desk.ana.id());
        assertTrue(code.matches("[0-9A-Z]{4}(-[0-9A-Z]{4}){4}"), code);

        SignInSession session = desk.accounts.setPasswordWithCode(" Bob@Example.com ", code.toLowerCase()
                .replace("-", " "), BOBS.toCharArray(), "192.0.2.1", "Desk on test");

        assertEquals(desk.bob.id(), session.agent().id());
        String hash = desk.store.read(r -> r.accounts().passwordHash(desk.bob.id())).orElseThrow();
        assertTrue(hash.startsWith("$argon2id$v=19$m=19456,t=2,p=1$"), hash);
        assertFalse(hash.contains(BOBS));
        SignInRefusedException again = assertThrows(SignInRefusedException.class, () -> desk.accounts
                .setPasswordWithCode("bob@example.com", code, "another long phrase".toCharArray(), "192.0.2.1", "t"));
        assertEquals("This set-password code is not valid (any more): ask an admin for a new one.",
                again.getMessage());
        assertEquals(desk.bob.id(), desk.accounts.signIn("bob@example.com", BOBS.toCharArray(), "192.0.2.1", "t")
                .agent().id());
    }

    @Test
    void aCodeEndsAfter24Hours() {
        String code = desk.accounts.issueSetPasswordCode(desk.bob.id(), desk.ana.id());
        clock.now = clock.now.plus(AccountService.SET_PASSWORD_CODE_LIFETIME).plusSeconds(1);

        assertThrows(SignInRefusedException.class, () -> desk.accounts.setPasswordWithCode("bob@example.com", code,
                BOBS.toCharArray(), "192.0.2.1", "t"));
    }

    @Test
    void shortCommonAndOwnNamePasswordsAreRefused() {
        String code = desk.accounts.issueSetPasswordCode(desk.bob.id(), desk.ana.id());
        for (String weak : List.of("short one", "password1234", "qwertyqwerty", "123456789012", "aaaaaaaaaaaaaa",
                "bob@example.com", "iloveyou2024!")) {
            ValidationException refused = assertThrows(ValidationException.class, () -> desk.accounts
                    .setPasswordWithCode("bob@example.com", code, weak.toCharArray(), "192.0.2.1", "t"), weak);
            assertTrue(refused.getMessage().startsWith("password") || refused.getMessage().contains("password")
                    || refused.getMessage().contains("characters"), refused.getMessage());
            assertTrue(desk.accounts.passwordProblem(weak.toCharArray(), "bob@example.com", "Bob").isPresent(), weak);
        }
        assertEquals(Optional.empty(), desk.accounts.passwordProblem(BOBS.toCharArray(), "bob@example.com", "Bob"));
        // the refusals used nothing up: the code still works
        desk.accounts.setPasswordWithCode("bob@example.com", code, BOBS.toCharArray(), "192.0.2.1", "t");
    }

    @Test
    void aSessionTokenIs256RandomBitsKeptOnlyAsItsHash() throws Exception {
        bobHasAPassword();
        SignInSession session = desk.accounts.signIn("bob@example.com", BOBS.toCharArray(), "192.0.2.1", "curl");

        assertTrue(session.token().startsWith("hcs_"), session.token());
        assertEquals(32, Base64.getUrlDecoder().decode(session.token().substring(4)).length);
        assertEquals(desk.bob.id(), desk.accounts.agentByToken(session.token()).orElseThrow().id());
        String hash = sha256(session.token());
        assertTrue(desk.store.read(r -> r.accounts().tokenByHash(hash)).isPresent());
        assertFalse(session.toString().contains(session.token()));
        for (AuditEntry entry : audit()) {
            assertFalse(entry.toString().contains(session.token().substring(4)), entry.toString());
            assertFalse(entry.toString().contains(BOBS), entry.toString());
        }
    }

    @Test
    void aWrongPasswordAndAnUnknownEmailAreRefusedAlikeAndCostTheSame() {
        bobHasAPassword();
        long before = Passwords.hashesComputed();
        SignInRefusedException wrongPassword = assertThrows(SignInRefusedException.class,
                () -> desk.accounts.signIn("bob@example.com", "not his password".toCharArray(), "192.0.2.2", "t"));
        long afterWrongPassword = Passwords.hashesComputed();
        SignInRefusedException unknown = assertThrows(SignInRefusedException.class,
                () -> desk.accounts.signIn("nobody@example.com", BOBS.toCharArray(), "192.0.2.3", "t"));
        long afterUnknown = Passwords.hashesComputed();
        SignInRefusedException noPasswordYet = assertThrows(SignInRefusedException.class,
                () -> desk.accounts.signIn("ana@example.com", BOBS.toCharArray(), "192.0.2.4", "t"));

        assertEquals(wrongPassword.getMessage(), unknown.getMessage());
        assertEquals(wrongPassword.getMessage(), noPasswordYet.getMessage());
        assertEquals("Wrong email or password.", wrongPassword.getMessage());
        assertEquals(afterWrongPassword - before, afterUnknown - afterWrongPassword,
                "an unknown email costs as many Argon2id hashes as a wrong password");
        assertEquals(afterWrongPassword - before, Passwords.hashesComputed() - afterUnknown);
    }

    @Test
    void aSessionEndsWhenIdleForAWeekOrAfter30Days() {
        bobHasAPassword();
        String idle = desk.accounts.signIn("bob@example.com", BOBS.toCharArray(), "192.0.2.1", "t").token();
        String used = desk.accounts.signIn("bob@example.com", BOBS.toCharArray(), "192.0.2.1", "t").token();
        for (int day = 6; day <= 24; day += 6) {
            clock.now = clock.now.plus(Duration.ofDays(6));
            assertTrue(desk.accounts.agentByToken(used).isPresent(), "used every 6 days, day " + day);
            if (day == 12) {
                assertTrue(desk.accounts.agentByToken(idle).isEmpty(), "idle for 12 days");
            }
        }
        clock.now = clock.now.plus(Duration.ofDays(5)); // day 29
        assertTrue(desk.accounts.agentByToken(used).isPresent(), "day 29");
        clock.now = clock.now.plus(Duration.ofDays(1)); // day 30
        assertTrue(desk.accounts.agentByToken(used).isEmpty(), "ends 30 days after sign-in");
    }

    @Test
    void sessionsAreRevokedOneByOneOrEverywhereAndAnApiTokenStays() {
        bobHasAPassword();
        String desk1 = desk.accounts.signIn("bob@example.com", BOBS.toCharArray(), "192.0.2.1", "Desk 1").token();
        String desk2 = desk.accounts.signIn("bob@example.com", BOBS.toCharArray(), "192.0.2.1", "Desk 2").token();
        String script = desk.accounts.issueApiToken(desk.bob.id(), "Backup script", desk.bob.id());
        long desk1Id = desk.accounts.tokens(desk.bob.id(), desk.bob.id()).stream()
                .filter(t -> t.label().equals("Desk 1")).findFirst().orElseThrow().id();

        desk.accounts.revoke(desk1Id, desk.bob.id());
        assertTrue(desk.accounts.agentByToken(desk1).isEmpty());
        assertTrue(desk.accounts.agentByToken(desk2).isPresent());

        desk.accounts.signOutEverywhere(desk.bob.id(), desk.bob.id());
        assertTrue(desk.accounts.agentByToken(desk2).isEmpty());
        assertEquals(desk.bob.id(), desk.accounts.agentByToken(script).orElseThrow().id(), "API tokens stay");
        clock.now = clock.now.plus(Duration.ofDays(60));
        assertTrue(desk.accounts.agentByToken(script).isPresent(), "an API token has no idle timeout");

        desk.accounts.signOut(script); // signing out with a token ends it too
        assertTrue(desk.accounts.agentByToken(script).isEmpty());
        assertThrows(PermissionDeniedException.class, () -> desk.accounts.tokens(desk.ana.id(), desk.bob.id()));
    }

    @Test
    void failedSignInsOfAnAccountSlowDownTheNextAttempts() {
        bobHasAPassword();
        for (int i = 0; i < AccountService.FREE_FAILURES; i++) {
            assertThrows(SignInRefusedException.class, () -> desk.accounts.signIn("bob@example.com",
                    "guess number one".toCharArray(), "198.51.100." + clock.now.getNano(), "t"));
            clock.now = clock.now.plusNanos(1_000_000);
        }
        TooManyAttemptsException slowed = assertThrows(TooManyAttemptsException.class, () -> desk.accounts
                .signIn("bob@example.com", BOBS.toCharArray(), "203.0.113.9", "t"));
        assertEquals(1, slowed.retryAfterSeconds());

        long waited = 0;
        for (int extra = 0; extra < 4; extra++) {
            Duration wait = assertThrows(TooManyAttemptsException.class, () -> desk.accounts
                    .signIn("bob@example.com", "guess".toCharArray(), "203.0.113.9", "t")).retryAfter();
            waited = wait.toMillis();
            clock.now = clock.now.plus(wait);
            assertThrows(SignInRefusedException.class, () -> desk.accounts.signIn("bob@example.com",
                    "guess again and again".toCharArray(), "198.51.100.1", "t"));
        }
        assertTrue(waited >= 7_000, "the delay grows: " + waited + " ms before the 9th failure");
        Duration last = assertThrows(TooManyAttemptsException.class, () -> desk.accounts
                .signIn("bob@example.com", BOBS.toCharArray(), "203.0.113.9", "t")).retryAfter();
        assertTrue(last.toMillis() > waited, "longer again: " + last);

        clock.now = clock.now.plus(last);
        assertEquals(desk.bob.id(), desk.accounts.signIn("bob@example.com", BOBS.toCharArray(), "203.0.113.9", "t")
                .agent().id(), "the right password after the wait");
        assertEquals(desk.bob.id(), desk.accounts.signIn("bob@example.com", BOBS.toCharArray(), "203.0.113.9", "t")
                .agent().id(), "and a success starts the count again");
    }

    @Test
    void failedSignInsFromOneAddressSlowItDownForEveryAccount() {
        bobHasAPassword();
        for (int i = 0; i < AccountService.FREE_FAILURES; i++) {
            String email = "user" + i + "@example.com";
            assertThrows(SignInRefusedException.class, () -> desk.accounts.signIn(email,
                    "password guess".toCharArray(), "198.51.100.7", "t"));
        }
        assertThrows(TooManyAttemptsException.class, () -> desk.accounts.signIn("bob@example.com",
                BOBS.toCharArray(), "198.51.100.7", "t"));
        assertEquals(desk.bob.id(), desk.accounts.signIn("bob@example.com", BOBS.toCharArray(), "198.51.100.8", "t")
                .agent().id(), "another address is not slowed");
        clock.now = clock.now.plus(AccountService.FAILURE_WINDOW).plusSeconds(1);
        desk.accounts.signIn("bob@example.com", BOBS.toCharArray(), "198.51.100.7", "t");
    }

    @Test
    void aDeactivatedAgentsConversationsGoBackToUnassignedAndTheirSessionsEnd() {
        String token = bobHasAPassword().token();
        long mine = desk.userWrites(desk.whatsapp, "+4915100000001", "Hello?").conversationId();
        desk.conversations.assignToAgent(mine, desk.bob.id(), desk.ana.id());
        long resolved = desk.userWrites(desk.whatsapp, "+4915100000002", "Thanks").conversationId();
        desk.conversations.assignToAgent(resolved, desk.bob.id(), desk.ana.id());
        desk.conversations.resolve(resolved, desk.bob.id());

        Agent deactivated = desk.accounts.setActive(desk.bob.id(), false, desk.ana.id());

        assertFalse(deactivated.active());
        assertEquals(Assignee.NOBODY, desk.conversations.find(mine).orElseThrow().assignee());
        List<Message> transcript = desk.conversations.messages(mine, 0, 100);
        Message last = transcript.get(transcript.size() - 1);
        assertEquals(AuthorKind.SYSTEM, last.authorKind());
        assertEquals("Bob was deactivated by Ana: back to Unassigned", last.text());
        assertEquals(Assignee.agent(desk.bob.id()), desk.conversations.find(resolved).orElseThrow().assignee(),
                "resolved conversations keep who resolved them");
        assertTrue(desk.accounts.agentByToken(token).isEmpty());
        assertEquals("This account is deactivated: an admin can activate it again.",
                assertThrows(SignInRefusedException.class, () -> desk.accounts.signIn("bob@example.com",
                        BOBS.toCharArray(), "192.0.2.1", "t")).getMessage());
        assertThrows(PermissionDeniedException.class, () -> desk.conversations.reply(mine, desk.bob.id(), "Still me",
                List.of(), true));
        AuditEntry entry = audit().stream().filter(e -> e.action().equals("agent.deactivate")).findFirst()
                .orElseThrow();
        assertEquals("deactivated; 1 open conversation back to Unassigned, 1 session ended", entry.after());

        desk.accounts.setActive(desk.bob.id(), true, desk.ana.id());
        desk.accounts.signIn("bob@example.com", BOBS.toCharArray(), "192.0.2.1", "t");
    }

    @Test
    void theLastAdminStaysAnAdminAndActive() {
        assertEquals("active: You cannot deactivate yourself; another admin can.", assertThrows(
                ValidationException.class, () -> desk.accounts.setActive(desk.ana.id(), false, desk.ana.id()))
                .getMessage());
        ValidationException demoted = assertThrows(ValidationException.class,
                () -> desk.accounts.setRole(desk.ana.id(), AgentRole.SUPERVISOR, desk.ana.id()));
        assertTrue(demoted.getMessage().contains("Ana is the only admin"), demoted.getMessage());

        desk.accounts.setRole(desk.bob.id(), AgentRole.ADMIN, desk.ana.id());
        assertEquals(AgentRole.SUPERVISOR, desk.accounts.setRole(desk.ana.id(), AgentRole.SUPERVISOR,
                desk.bob.id()).role());
        AuditEntry entry = desk.audit.entries(AuditQuery.newest(AuditQuery.MAX_LIMIT), desk.bob.id()).stream()
                .filter(e -> e.action().equals("agent.role")).findFirst().orElseThrow();
        assertEquals("Admin", entry.before());
        assertEquals("Supervisor", entry.after());
    }

    @Test
    void anAgentRenamesThemselvesAndChangesTheirPassword() {
        String old = bobHasAPassword().token();
        assertEquals("Bobby", desk.accounts.rename(desk.bob.id(), " Bobby ", desk.bob.id()).name());

        assertThrows(ValidationException.class, () -> desk.accounts.changePassword(desk.bob.id(),
                "not the current one".toCharArray(), "quite another phrase".toCharArray(), "t", desk.bob.id()));
        SignInSession renewed = desk.accounts.changePassword(desk.bob.id(), BOBS.toCharArray(),
                "quite another phrase".toCharArray(), "Desk", desk.bob.id());

        assertTrue(desk.accounts.agentByToken(old).isEmpty(), "the other sessions end");
        assertEquals(desk.bob.id(), desk.accounts.agentByToken(renewed.token()).orElseThrow().id());
        desk.accounts.signIn("bob@example.com", "quite another phrase".toCharArray(), "192.0.2.1", "t");
        assertThrows(SignInRefusedException.class, () -> desk.accounts.signIn("bob@example.com", BOBS.toCharArray(),
                "192.0.2.1", "t"));
    }

    @Test
    void signInsSucceededAndFailedAreAudited() {
        bobHasAPassword();
        desk.accounts.signIn("bob@example.com", BOBS.toCharArray(), "192.0.2.1", "Desk on pc-7");
        assertThrows(SignInRefusedException.class, () -> desk.accounts.signIn("bob@example.com",
                "wrong guess here".toCharArray(), "192.0.2.66", "curl"));

        AuditEntry failed = audit().get(0);
        assertEquals("account.signInFailed", failed.action());
        assertEquals(0, failed.agentId(), "whoever typed Bob's email is not known to be Bob");
        assertEquals("bob@example.com", failed.subjectName());
        assertEquals("wrong email or password, from 192.0.2.66 (curl)", failed.after());
        AuditEntry signedIn = audit().stream().filter(e -> e.action().equals("account.signIn")).findFirst()
                .orElseThrow();
        assertEquals("signed in from 192.0.2.1 (Desk on pc-7)", signedIn.after());
        assertEquals("Bob", signedIn.subjectName());
    }

    @Test
    void theFirstAdminIsCreatedOnceOnAnEmptyDatabase() {
        assertFalse(desk.accounts.needsFirstAdmin());
        assertThrows(PermissionDeniedException.class, () -> desk.accounts.createFirstAdmin("Eve",
                "eve@example.com", "a sneaky long phrase".toCharArray(), "t"));

        DatabaseSettings empty = emptyDatabase();
        JpaConversationStore store = new JpaConversationStore(empty);
        try {
            AccountRules accounts = new AccountRules(store, desk.events, clock);
            assertTrue(accounts.needsFirstAdmin());
            assertEquals(Optional.empty(), accounts.signInLocalAdmin("t"), "nobody to sign in yet");
            SignInSession first = accounts.createFirstAdmin("Zoe Admin", "zoe@example.com",
                    "the first of many long phrases".toCharArray(), "Desk");
            assertTrue(first.agent().isAdmin());
            assertFalse(accounts.needsFirstAdmin());
            assertEquals(Optional.empty(), accounts.signInLocalAdmin("t"), "she has a password: she signs in");
        } finally {
            store.close();
            Databases.dropPostgresSchema(empty);
        }
    }

    @Test
    void theOneAdminOfAnEmbeddedDatabaseWithoutAPasswordIsSignedInOnThisComputer() {
        DatabaseSettings empty = emptyDatabase();
        JpaConversationStore store = new JpaConversationStore(empty);
        try {
            var directory = new org.humanchat.core.internal.DirectoryRules(store, desk.events, clock);
            AccountRules accounts = new AccountRules(store, desk.events, clock);
            Agent admin = directory.ensureFirstAdmin("Local admin", "admin@localhost.localdomain");

            Optional<SignInSession> local = accounts.signInLocalAdmin("Desk on this computer");

            assertEquals(!shared(), local.isPresent(), "only on a database no other runtime shares");
            if (local.isPresent()) {
                assertEquals(admin.id(), accounts.agentByToken(local.get().token()).orElseThrow().id());
                directory.createAgent("Second", "second@example.com", AgentRole.AGENT, admin.id());
                assertEquals(Optional.empty(), accounts.signInLocalAdmin("t"), "with a team, everyone signs in");
            }
        } finally {
            store.close();
            Databases.dropPostgresSchema(empty);
        }
    }
}
