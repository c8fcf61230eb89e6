package org.humanchat.ui.internal;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

import org.eclipse.jface.dialogs.Dialog;
import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.BusyIndicator;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Group;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;
import org.humanchat.api.model.Agent;
import org.humanchat.api.service.AccountToken;
import org.humanchat.api.service.HumanChatException;
import org.humanchat.api.service.SignInSession;
import org.humanchat.api.service.ValidationException;
import org.humanchat.ui.DeskAccount;
import org.humanchat.ui.DeskSession;

/**
 * The signed-in agent's own account: the name end users read, the password, and where they are signed in (each
 * session can be ended, or all at once).
 */
final class AccountDialog extends Dialog {

    static final String NAME = "account.name";
    static final String CURRENT = "account.current";
    static final String PASSWORD = "account.password";
    static final String REPEAT = "account.repeat";
    static final String SESSIONS = "account.sessions";
    static final String FEEDBACK = "account.feedback";

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.SHORT)
            .withZone(ZoneId.systemDefault());

    private final DeskSession session;
    private DeskAccount account;
    private final Consumer<DeskAccount> renewed;
    private Label feedback;
    private org.eclipse.swt.widgets.List sessions;
    private List<AccountToken> tokens = List.of();

    /** @param renewed told of the new session after a password change (the one before has ended) */
    AccountDialog(Shell parent, DeskSession session, DeskAccount account, Consumer<DeskAccount> renewed) {
        super(parent);
        this.session = session;
        this.account = account;
        this.renewed = renewed;
    }

    @Override
    protected void configureShell(Shell shell) {
        super.configureShell(shell);
        Agent me = session.agent();
        shell.setText("Account: " + me.name() + " <" + me.email() + ">, " + me.role().label().toLowerCase());
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        Composite area = (Composite) super.createDialogArea(parent);
        GridLayoutFactory.swtDefaults().margins(12, 10).spacing(8, 10).applyTo(area);

        Group nameGroup = Controls.group(area, "Name (what end users read)", 2, false);
        Text name = WidgetKeys.name(new Text(nameGroup, SWT.BORDER), NAME);
        name.setText(session.agent().name());
        GridDataFactory.fillDefaults().grab(true, false).hint(300, SWT.DEFAULT).applyTo(name);
        Controls.button(nameGroup, "Rename", () -> act(() -> {
            Agent renamed = account.accounts().rename(session.agent().id(), name.getText(), session.agent().id());
            say("Renamed: end users now read " + renamed.name() + ".");
        }));

        Group passwordGroup = Controls.group(area, "Password", 2, false);
        Text current = field(passwordGroup, "Current password", CURRENT);
        Text password = field(passwordGroup, "New password", PASSWORD);
        Text repeat = field(passwordGroup, "Repeat it", REPEAT);
        new Label(passwordGroup, SWT.NONE);
        Controls.button(passwordGroup, "Change password", () -> {
            char[] now = current.getText().toCharArray();
            char[] typed = password.getText().toCharArray();
            char[] again = repeat.getText().toCharArray();
            try {
                if (!Arrays.equals(typed, again)) {
                    say("The two new passwords differ.");
                    return;
                }
                act(() -> {
                    SignInSession renewedSession = account.accounts().changePassword(session.agent().id(), now,
                            typed, "Desk", session.agent().id());
                    account = new DeskAccount(account.accounts(), renewedSession.token(), account.kept());
                    renewed.accept(account);
                    current.setText("");
                    password.setText("");
                    repeat.setText("");
                    say("Password changed; your other sessions have ended.");
                    refreshSessions();
                });
            } finally {
                Arrays.fill(now, '\0');
                Arrays.fill(typed, '\0');
                Arrays.fill(again, '\0');
            }
        }).setLayoutData(GridDataFactory.fillDefaults().align(SWT.END, SWT.CENTER).create());

        Group where = Controls.group(area, "Signed in", 1, true);
        sessions = WidgetKeys.name(new org.eclipse.swt.widgets.List(where, SWT.BORDER | SWT.V_SCROLL), SESSIONS);
        GridDataFactory.fillDefaults().grab(true, true).hint(420, 90).applyTo(sessions);
        Composite buttons = Controls.row(where, 2);
        Controls.button(buttons, "End selected", () -> {
            int index = sessions.getSelectionIndex();
            if (index >= 0 && index < tokens.size()) {
                AccountToken token = tokens.get(index);
                act(() -> {
                    account.accounts().revoke(token.id(), session.agent().id());
                    say("Ended: " + token.label() + ".");
                    refreshSessions();
                });
            }
        });
        Controls.button(buttons, "Sign out everywhere", () -> act(() -> {
            int ended = account.accounts().signOutEverywhere(session.agent().id(), session.agent().id());
            say(ended + (ended == 1 ? " session" : " sessions")
                    + " ended, this desk's too: it asks you to sign in when it starts next.");
            refreshSessions();
        }));

        feedback = WidgetKeys.name(new Label(area, SWT.WRAP), FEEDBACK);
        GridDataFactory.fillDefaults().grab(true, false).hint(420, SWT.DEFAULT).applyTo(feedback);
        refreshSessions();
        return area;
    }

    private static Text field(Composite parent, String label, String key) {
        new Label(parent, SWT.NONE).setText(label);
        Text text = WidgetKeys.name(new Text(parent, SWT.BORDER | SWT.PASSWORD), key);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(text);
        return text;
    }

    private void refreshSessions() {
        act(() -> {
            tokens = account.accounts().tokens(session.agent().id(), session.agent().id());
            sessions.setItems(tokens.stream().map(t -> (t.apiToken() ? "API token: " : "") + t.label()
                    + " \u00b7 since " + WHEN.format(t.createdAt()) + ", last used " + WHEN.format(t.lastUsedAt()))
                    .toArray(String[]::new));
        });
    }

    /** Runs a short account call with a busy cursor; a refusal is said under the fields. */
    private void act(Runnable call) {
        try {
            BusyIndicator.showWhile(getShell() == null ? null : getShell().getDisplay(), call);
        } catch (ValidationException e) {
            say(String.join(" ", e.fieldErrors().values()));
        } catch (HumanChatException e) {
            say(e.getMessage());
        }
    }

    private void say(String text) {
        if (feedback != null && !feedback.isDisposed()) {
            feedback.setText(text);
            feedback.getParent().layout(true, true);
        }
    }

    @Override
    protected void createButtonsForButtonBar(Composite parent) {
        createButton(parent, IDialogConstants.OK_ID, "Close", true);
    }

    @Override
    protected boolean isResizable() {
        return true;
    }
}
