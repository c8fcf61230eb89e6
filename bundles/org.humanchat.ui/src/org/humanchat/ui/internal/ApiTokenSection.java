package org.humanchat.ui.internal;

import java.util.function.Consumer;
import java.util.function.Supplier;

import org.eclipse.jface.dialogs.InputDialog;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.humanchat.ui.DeskSession;

/**
 * Issues the agent an API token for scripts that call the endpoint's admin API: shown once, in a dialog the token
 * can be copied from; a new one replaces the one the agent had.
 */
final class ApiTokenSection {

    static final String DIALOG_TITLE = "API token";

    private final Button issue;
    private final Supplier<DeskSession> session;
    private final Consumer<String> say;

    /** @param say tells the agent why no token could be issued */
    ApiTokenSection(Composite parent, Supplier<DeskSession> session, Consumer<String> say) {
        this.session = session;
        this.say = say;
        issue = Controls.button(parent, "API Token for Scripts\u2026", this::issue);
    }

    /** Only admins get tokens. */
    void enable(boolean isAdmin) {
        issue.setEnabled(isAdmin);
    }

    private void issue() {
        DeskSession s = session.get();
        if (s == null) {
            return;
        }
        DeskJobs.run("Issuing an API token", issue, () -> s.directory().issueApiToken(s.agent().id(),
                s.agent().id()), token -> new InputDialog(issue.getShell(), DIALOG_TITLE,
                        "Copy this token now: it is shown only once, and replaces the one you had. Scripts send it "
                                + "as 'Authorization: Bearer <token>' to /admin/ on the endpoint.",
                        token, null).open(),
                failure -> say.accept(failure.getMessage()));
    }
}
