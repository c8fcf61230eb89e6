package org.humanchat.ui.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.eclipse.jface.window.Window;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Link;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;
import org.humanchat.api.model.Agent;
import org.humanchat.api.model.AgentRole;
import org.humanchat.api.model.Assignee;
import org.humanchat.api.service.SignInSession;
import org.humanchat.core.internal.AccountRules;
import org.humanchat.core.tests.Databases;
import org.humanchat.core.tests.RecordingEventAdmin;
import org.humanchat.persistence.internal.JpaConversationStore;
import org.humanchat.ui.DeskAccount;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Accounts as people use them in the desk: signing in (and being told why not), setting a password with a code from
 * an admin, the first admin of an empty database, an admin adding, resetting, promoting and deactivating agents in
 * Settings, and an agent's own name, password and sessions.
 */
class AccountsInTheDeskTest {

    static final String BOBS = "a long walk by the river";

    @TempDir
    Path folder;
    DeskUi ui;

    @BeforeEach
    void open() {
        ui = new DeskUi(folder);
    }

    @AfterEach
    void close() {
        ui.close();
    }

    private void bobHasAPassword() {
        ui.desk.accounts.setPasswordWithCode("bob@example.com", ui.desk.accounts.issueSetPasswordCode(ui.desk.bob
                .id(), ui.desk.ana.id()), BOBS.toCharArray(), "test", "test");
    }

    private SignInDialog dialog(SignInDialog.Mode mode, org.humanchat.api.service.AccountService accounts) {
        SignInDialog dialog = new SignInDialog(ui.shell, accounts, mode, "Desk on test", "Zoe Admin");
        dialog.setBlockOnOpen(false);
        dialog.open();
        return dialog;
    }

    private static <T extends Control> T in(Shell shell, String key, Class<T> type) {
        return WidgetKeys.find(shell, key, type).orElseThrow(() -> new AssertionError("No widget " + key));
    }

    private static void type(Shell shell, String key, String text) {
        in(shell, key, Text.class).setText(text);
    }

    @Test
    void aWrongPasswordIsSaidInTheDialogAndTheRightOneSignsIn() {
        bobHasAPassword();
        SignInDialog dialog = dialog(SignInDialog.Mode.SIGN_IN, ui.desk.accounts);
        Shell shell = dialog.getShell();
        type(shell, SignInDialog.EMAIL, "bob@example.com");
        type(shell, SignInDialog.PASSWORD, "not my password");
        Widgets.click(Widgets.button(shell, "Sign in"));

        assertEquals("Wrong email or password.", dialog.getErrorMessage());
        assertFalse(shell.isDisposed(), "the dialog stays open");
        assertEquals("", in(shell, SignInDialog.PASSWORD, Text.class).getText(), "the wrong password is cleared");

        type(shell, SignInDialog.PASSWORD, BOBS);
        Widgets.click(Widgets.button(shell, "Sign in"));

        assertEquals(Window.OK, dialog.getReturnCode());
        assertEquals(ui.desk.bob.id(), dialog.session().agent().id());
        assertTrue(dialog.keepSignedIn(), "kept by default");
    }

    @Test
    void aNewAgentSetsTheirPasswordWithTheCodeAnAdminGave() {
        String code = ui.desk.accounts.issueSetPasswordCode(ui.desk.bob.id(), ui.desk.ana.id());
        SignInDialog dialog = dialog(SignInDialog.Mode.SIGN_IN, ui.desk.accounts);
        Shell shell = dialog.getShell();
        type(shell, SignInDialog.EMAIL, "bob@example.com");
        in(shell, SignInDialog.SWITCH, Link.class).notifyListeners(SWT.Selection, new Event());

        assertEquals("bob@example.com", in(shell, SignInDialog.EMAIL, Text.class).getText(), "the email is kept");
        type(shell, SignInDialog.CODE, code);
        type(shell, SignInDialog.PASSWORD, "short");
        type(shell, SignInDialog.REPEAT, "short");
        Widgets.click(Widgets.button(shell, "Sign in"));
        assertEquals("A password needs at least 12 characters.", dialog.getErrorMessage());

        type(shell, SignInDialog.PASSWORD, BOBS);
        type(shell, SignInDialog.REPEAT, BOBS + "!");
        Widgets.click(Widgets.button(shell, "Sign in"));
        assertEquals("The two passwords differ.", dialog.getErrorMessage());

        type(shell, SignInDialog.REPEAT, BOBS);
        Widgets.click(Widgets.button(shell, "Sign in"));
        assertEquals(ui.desk.bob.id(), dialog.session().agent().id());
        assertEquals(ui.desk.bob.id(), ui.desk.accounts.signIn("bob@example.com", BOBS.toCharArray(), "t", "t")
                .agent().id());
    }

    @Test
    void theFirstStartOfAnEmptyDatabaseAsksForTheFirstAdmin() {
        JpaConversationStore empty = new JpaConversationStore(Databases.freshH2(folder.resolve("empty")));
        try {
            AccountRules accounts = new AccountRules(empty, new RecordingEventAdmin());
            SignInDialog dialog = dialog(SignInDialog.Mode.FIRST_ADMIN, accounts);
            Shell shell = dialog.getShell();
            assertEquals("Zoe Admin", in(shell, SignInDialog.NAME, Text.class).getText(),
                    "prefilled with the system account's name");
            type(shell, SignInDialog.EMAIL, "zoe@example.com");
            type(shell, SignInDialog.PASSWORD, "the first of many long phrases");
            type(shell, SignInDialog.REPEAT, "the first of many long phrases");
            Widgets.click(Widgets.button(shell, "Create and sign in"));

            SignInSession session = dialog.session();
            assertTrue(session.agent().isAdmin());
            assertEquals("Zoe Admin", session.agent().name());
            assertFalse(accounts.needsFirstAdmin());
        } finally {
            empty.close();
        }
    }

    @Test
    void anAdminAddsAnAgentWhoGetsACodeShownOnce() {
        SettingsPage settings = new SettingsPage(ui).signIn(ui.desk.ana);
        ui.waitUntil("the agents are listed", () -> settings.agentsListed().size() == 2);
        settings.field(AgentsSection.NAME).setText("Cleo Diaz");
        settings.field(AgentsSection.EMAIL).setText("cleo@example.com");
        AtomicReference<String> shown = new AtomicReference<>();

        ui.actInDialog("Set-password code for Cleo Diaz", dialog -> {
            shown.set(in(dialog, ShownOnceDialog.SECRET, Text.class).getText());
            Widgets.click(Widgets.button(dialog, "Done"));
        }, () -> settings.click("Add agent"));

        ui.waitUntil("Cleo is listed", () -> settings.agentsListed().size() == 3);
        assertTrue(shown.get().matches("[0-9A-Z]{4}(-[0-9A-Z]{4}){4}"), shown.get());
        SignInSession cleo = ui.desk.accounts.setPasswordWithCode("cleo@example.com", shown.get(),
                "cleo's own long phrase".toCharArray(), "t", "t");
        assertEquals(AgentRole.AGENT, cleo.agent().role());
    }

    @Test
    void anAdminPromotesAndDeactivatesAnAgentWhoseConversationsGoBack() {
        long bobs = ui.desk.userWrites(ui.desk.whatsapp, "+4915100000077", "Hello").conversationId();
        ui.desk.conversations.assignToAgent(bobs, ui.desk.bob.id(), ui.desk.ana.id());
        SettingsPage settings = new SettingsPage(ui).signIn(ui.desk.ana);
        ui.waitUntil("the agents are listed", () -> settings.agentsListed().size() == 2);

        settings.selectAgent("Bob");
        settings.chooseRole("Supervisor");
        settings.click("Set role");
        ui.waitUntil("Bob is a supervisor", () -> settings.agentsListed().stream()
                .anyMatch(line -> line.startsWith("Bob ") && line.endsWith("supervisor")));

        settings.selectAgent("Bob");
        ui.actInDialog("Deactivate Bob", dialog -> Widgets.click(Widgets.button(dialog, "OK")),
                () -> settings.click("Deactivate"));
        ui.waitUntil("Bob is deactivated", () -> settings.agentsListed().stream()
                .anyMatch(line -> line.startsWith("Bob ") && line.endsWith("(deactivated)")));
        assertEquals(Assignee.NOBODY, ui.desk.conversations.find(bobs).orElseThrow().assignee());
        assertEquals("Activate", Widgets.button(settingsArea(settings), "Activate").getText());
    }

    private static Control settingsArea(SettingsPage settings) {
        return settings.area();
    }

    @Test
    void anAgentRenamesThemselvesAndChangesTheirPasswordInTheAccountDialog() {
        bobHasAPassword();
        SignInSession signedIn = ui.desk.accounts.signIn("bob@example.com", BOBS.toCharArray(), "t", "Desk");
        AtomicReference<DeskAccount> renewed = new AtomicReference<>();
        AccountDialog dialog = new AccountDialog(ui.shell, ui.sessionOf(ui.desk.bob),
                new DeskAccount(ui.desk.accounts, signedIn.token(), true), renewed::set);
        dialog.setBlockOnOpen(false);
        dialog.open();
        Shell shell = dialog.getShell();
        assertEquals("Account: Bob <bob@example.com>, agent", shell.getText());
        assertTrue(List.of(in(shell, AccountDialog.SESSIONS, org.eclipse.swt.widgets.List.class).getItems())
                .stream().anyMatch(line -> line.startsWith("Desk \u00b7 since")));

        type(shell, AccountDialog.NAME, "Bobby");
        Widgets.click(Widgets.button(shell, "Rename"));
        assertEquals("Renamed: end users now read Bobby.",
                in(shell, AccountDialog.FEEDBACK, org.eclipse.swt.widgets.Label.class).getText());
        assertEquals("Bobby", ui.desk.directory.agent(ui.desk.bob.id()).orElseThrow().name());

        type(shell, AccountDialog.CURRENT, BOBS);
        type(shell, AccountDialog.PASSWORD, "password1234");
        type(shell, AccountDialog.REPEAT, "password1234");
        Widgets.click(Widgets.button(shell, "Change password"));
        assertTrue(in(shell, AccountDialog.FEEDBACK, org.eclipse.swt.widgets.Label.class).getText()
                .contains("most common"));
        assertNull(renewed.get());

        type(shell, AccountDialog.CURRENT, BOBS);
        type(shell, AccountDialog.PASSWORD, "quite another phrase");
        type(shell, AccountDialog.REPEAT, "quite another phrase");
        Widgets.click(Widgets.button(shell, "Change password"));
        assertEquals("Password changed; your other sessions have ended.",
                in(shell, AccountDialog.FEEDBACK, org.eclipse.swt.widgets.Label.class).getText());
        assertTrue(ui.desk.accounts.agentByToken(signedIn.token()).isEmpty());
        assertEquals(ui.desk.bob.id(), ui.desk.accounts.agentByToken(renewed.get().token()).orElseThrow().id(),
                "the desk has the new session");
        shell.close();
        Agent bob = ui.desk.directory.agent(ui.desk.bob.id()).orElseThrow();
        assertEquals("Bobby", bob.name());
    }
}
