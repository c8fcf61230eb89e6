package org.humanchat.ui.internal;

import org.eclipse.e4.core.di.annotations.CanExecute;
import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.ui.model.application.MApplication;
import org.eclipse.swt.widgets.Shell;
import org.humanchat.ui.DeskAccount;
import org.humanchat.ui.DeskSession;

import jakarta.inject.Named;

/**
 * File > Account: the signed-in agent's name, password and sessions. A new name is what the desk shows from then on;
 * a password change gives this desk a new session.
 */
public final class AccountHandler {

    @CanExecute
    public boolean canExecute(@Optional DeskSession session, @Optional DeskAccount account) {
        return session != null && account != null;
    }

    @Execute
    public void execute(@Named("activeShell") Shell shell, MApplication application, DeskSession session,
            DeskAccount account) {
        new AccountDialog(shell, session, account,
                renewed -> application.getContext().set(DeskAccount.class, renewed)).open();
        session.directory().agent(session.agent().id()).filter(agent -> !agent.equals(session.agent()))
                .ifPresent(agent -> application.getContext().set(DeskSession.class, new DeskSession(agent,
                        session.conversations(), session.inbox(), session.contacts(), session.directory(),
                        session.deliveries(), session.attachments())));
    }
}
