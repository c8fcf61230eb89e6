package org.humanchat.ui.internal;

import org.eclipse.jface.dialogs.Dialog;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;

/**
 * File > Preferences (Ctrl+,): notifications, sound, how Enter behaves in the composer, the theme (from the next
 * start); where the data is.
 */
final class PreferencesDialog extends Dialog {

    private final DeskPreferences preferences;
    private Button notify;
    private Button sound;
    private Button enterSends;
    private Combo theme;

    PreferencesDialog(Shell parent, DeskPreferences preferences) {
        super(parent);
        this.preferences = preferences;
    }

    @Override
    protected void configureShell(Shell shell) {
        super.configureShell(shell);
        shell.setText("Preferences");
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        Composite area = (Composite) super.createDialogArea(parent);
        notify = check(area, "Notify me when a conversation waits for a human or one of mine gets a message",
                preferences.notifications());
        sound = check(area, "Play a sound with notifications", preferences.sound());
        enterSends = check(area, "Enter sends the reply (Shift+Enter: new line); off: Ctrl+Enter sends",
                preferences.enterSends());
        Composite themeRow = new Composite(area, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(3).applyTo(themeRow);
        GridDataFactory.fillDefaults().indent(0, 6).applyTo(themeRow);
        new Label(themeRow, SWT.NONE).setText("Theme:");
        theme = new Combo(themeRow, SWT.READ_ONLY);
        for (DeskPreferences.Theme t : DeskPreferences.Theme.values()) {
            theme.add(t.label);
        }
        theme.select(preferences.theme().ordinal());
        Label whenTheme = new Label(themeRow, SWT.NONE);
        whenTheme.setText("(from the next start of the desk)");
        whenTheme.setForeground(whenTheme.getDisplay().getSystemColor(SWT.COLOR_WIDGET_DARK_SHADOW));
        Label data = new Label(area, SWT.WRAP);
        data.setText("Data folder: " + org.humanchat.api.service.DataFolder.path()
                + "\nStart the desk with HUMANCHAT_DATA=/path to use another one.");
        GridDataFactory.fillDefaults().grab(true, false).hint(420, SWT.DEFAULT).indent(0, 10).applyTo(data);
        return area;
    }

    private static Button check(Composite parent, String text, boolean value) {
        Button button = new Button(parent, SWT.CHECK);
        button.setText(text);
        button.setSelection(value);
        return button;
    }

    @Override
    protected void okPressed() {
        try {
            preferences.save(notify.getSelection(), sound.getSelection(), enterSends.getSelection(),
                    DeskPreferences.Theme.values()[theme.getSelectionIndex()]);
        } catch (IllegalStateException e) {
            MessageDialog.openError(getShell(), "Preferences", e.getMessage());
            return;
        }
        super.okPressed();
    }
}
