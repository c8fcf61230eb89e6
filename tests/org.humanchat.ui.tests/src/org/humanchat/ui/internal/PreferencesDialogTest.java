package org.humanchat.ui.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.eclipse.core.runtime.preferences.IEclipsePreferences;
import org.eclipse.core.runtime.preferences.InstanceScope;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** File > Preferences as the agent uses it: what it shows, and what OK keeps (the launch script reads the theme). */
class PreferencesDialogTest {

    Display display;
    Shell parent;
    IEclipsePreferences node;
    DeskPreferences preferences;

    @BeforeEach
    void open() {
        display = Display.getDefault();
        parent = new Shell(display);
        node = InstanceScope.INSTANCE.getNode("org.humanchat.ui.test." + System.nanoTime());
        preferences = new DeskPreferences(node);
    }

    @AfterEach
    void close() {
        parent.dispose();
    }

    private PreferencesDialog show() {
        PreferencesDialog dialog = new PreferencesDialog(parent, preferences);
        dialog.setBlockOnOpen(false);
        dialog.open();
        while (display.readAndDispatch()) {
            // let it lay out
        }
        return dialog;
    }

    @Test
    void theChoicesAreKeptWithOkAndTheThemeAsTheLaunchScriptReadsIt() {
        assertEquals(DeskPreferences.Theme.SYSTEM, preferences.theme(), "the desktop's theme until one is chosen");
        PreferencesDialog dialog = show();
        Shell shell = dialog.getShell();
        Combo theme = Widgets.all(shell, Combo.class).get(0);
        assertEquals("Follow the desktop", theme.getText());
        assertEquals(java.util.List.of("Follow the desktop", "Light", "Dark"), java.util.List.of(theme.getItems()));
        theme.select(2);
        Button sound = Widgets.button(shell, "Play a sound with notifications");
        sound.setSelection(true);
        Widgets.click(Widgets.button(shell, "OK"));

        assertTrue(shell.isDisposed(), "OK closes the dialog");
        assertEquals(DeskPreferences.Theme.DARK, preferences.theme());
        assertTrue(preferences.sound());
        // The launch script sets GTK's theme from this line of the preferences file, before the JVM starts.
        assertEquals("dark", node.get("theme", null));
    }

    @Test
    void cancelKeepsWhatWasThere() {
        preferences.save(true, false, true, DeskPreferences.Theme.LIGHT);
        PreferencesDialog dialog = show();
        Shell shell = dialog.getShell();
        Combo theme = Widgets.all(shell, Combo.class).get(0);
        assertEquals("Light", theme.getText(), "the dialog shows the saved theme");
        theme.select(2);
        Widgets.click(Widgets.button(shell, "Cancel"));

        assertEquals(DeskPreferences.Theme.LIGHT, preferences.theme());
        assertFalse(preferences.sound());
    }
}
