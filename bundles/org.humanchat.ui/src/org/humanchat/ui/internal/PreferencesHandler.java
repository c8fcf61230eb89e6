package org.humanchat.ui.internal;

import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.ui.services.IServiceConstants;
import org.eclipse.swt.widgets.Shell;

import jakarta.inject.Named;

/** Opens the desk's preferences (Ctrl+,). */
public final class PreferencesHandler {

    @Execute
    public void execute(@Named(IServiceConstants.ACTIVE_SHELL) Shell shell) {
        new PreferencesDialog(shell, new DeskPreferences()).open();
    }
}
