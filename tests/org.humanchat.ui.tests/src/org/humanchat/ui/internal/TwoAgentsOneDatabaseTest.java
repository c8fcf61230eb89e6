package org.humanchat.ui.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;

import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;
import org.humanchat.api.model.Agent;
import org.humanchat.api.model.InboxTab;
import org.humanchat.core.tests.Databases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two desks on one PostgreSQL database, each signed in through the sign-in dialog as its own agent: each Me tab holds
 * that agent's conversations only, and the status line names who is signed in. (Both desks run in this JVM on one
 * store; desks in separate runtimes following each other's changes are RemoteEventsOnPostgresTest's.)
 */
class TwoAgentsOneDatabaseTest {

    static final String PASSWORD = "a long walk by the river";

    @TempDir
    Path folder;
    DeskUi ui;

    @AfterEach
    void close() {
        if (ui != null) {
            ui.close();
        }
    }

    private Agent signInThroughTheDialog(String email) {
        SignInDialog dialog = new SignInDialog(ui.shell, ui.desk.accounts, SignInDialog.Mode.SIGN_IN, "Desk", "");
        dialog.setBlockOnOpen(false);
        dialog.open();
        Shell shell = dialog.getShell();
        WidgetKeys.find(shell, SignInDialog.EMAIL, Text.class).orElseThrow().setText(email);
        WidgetKeys.find(shell, SignInDialog.PASSWORD, Text.class).orElseThrow().setText(PASSWORD);
        Widgets.click(Widgets.button(shell, "Sign in"));
        return ui.desk.accounts.agentByToken(dialog.session().token()).orElseThrow();
    }

    @Test
    void twoDesksSignedInAsTwoAgentsSeeTheirOwnMeTabs() {
        ui = new DeskUi(folder, Databases.freshPostgres());
        var desk = ui.desk;
        for (Agent agent : List.of(desk.ana, desk.bob)) {
            desk.accounts.setPasswordWithCode(agent.email(), desk.accounts.issueSetPasswordCode(agent.id(),
                    desk.ana.id()), PASSWORD.toCharArray(), "test", "test");
        }
        long anas = desk.userWrites(desk.whatsapp, "+4915100000101", "For Ana").conversationId();
        desk.conversations.assignToAgent(anas, desk.ana.id(), desk.ana.id());
        for (String sender : List.of("+4915100000102", "+4915100000103")) {
            long bobs = desk.userWrites(desk.whatsapp, sender, "For Bob").conversationId();
            desk.conversations.assignToAgent(bobs, desk.bob.id(), desk.ana.id());
        }

        InboxPage anasDesk = new InboxPage(ui, id -> { }).signIn(signInThroughTheDialog("ana@example.com"));
        InboxPage bobsDesk = new InboxPage(ui, id -> { }).signIn(signInThroughTheDialog("bob@example.com"));

        ui.waitUntil("each Me tab is counted", () -> anasDesk.tabLabel(InboxTab.ME).equals("Me  1")
                && bobsDesk.tabLabel(InboxTab.ME).equals("Me  2"));
        assertEquals(List.of("For Ana"), Widgets.column(anasDesk.table(), 1));
        assertEquals(List.of("For Bob", "For Bob"), Widgets.column(bobsDesk.table(), 1));
        assertEquals(anasDesk.tabLabel(InboxTab.UNASSIGNED), bobsDesk.tabLabel(InboxTab.UNASSIGNED));
    }
}
