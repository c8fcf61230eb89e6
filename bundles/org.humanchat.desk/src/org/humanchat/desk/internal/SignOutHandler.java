package org.humanchat.desk.internal;

import org.eclipse.e4.core.di.annotations.CanExecute;
import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.ui.workbench.IWorkbench;
import org.humanchat.ui.DeskAccount;

/**
 * File > Sign out: ends this desk's session, forgets it on this computer, and starts the desk again at the sign-in
 * dialog (so that nothing of the agent before stays in a view).
 */
public final class SignOutHandler {

    @CanExecute
    public boolean canExecute(@Optional DeskAccount account) {
        return account != null;
    }

    @Execute
    public void execute(IWorkbench workbench, DeskAccount account) {
        account.accounts().signOut(account.token());
        KeptSession.inDataFolder().forget();
        workbench.restart();
    }
}
