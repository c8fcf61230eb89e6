package org.humanchat.ui.internal;

import org.eclipse.core.runtime.preferences.IEclipsePreferences;
import org.eclipse.core.runtime.preferences.InstanceScope;
import org.osgi.service.prefs.BackingStoreException;

/** The agent's own settings of the desk, kept in the workspace's preferences. */
public final class DeskPreferences {

    static final String NODE = "org.humanchat.ui";
    static final String NOTIFY = "notify";
    static final String SOUND = "sound";
    static final String ENTER_SENDS = "enterSends";
    /** Read by the launch script too (it sets GTK's theme before the JVM starts): keep the key and values. */
    static final String THEME = "theme";

    /** The desk's colours: the desktop's, or light or dark whatever the desktop uses. */
    public enum Theme {
        SYSTEM("system", "Follow the desktop"), LIGHT("light", "Light"), DARK("dark", "Dark");

        final String key;
        final String label;

        Theme(String key, String label) {
            this.key = key;
            this.label = label;
        }

        static Theme of(String key) {
            for (Theme theme : values()) {
                if (theme.key.equals(key)) {
                    return theme;
                }
            }
            return SYSTEM;
        }
    }

    private final IEclipsePreferences node;

    public DeskPreferences() {
        this(InstanceScope.INSTANCE.getNode(NODE));
    }

    DeskPreferences(IEclipsePreferences node) {
        this.node = node;
    }

    /** Show a notification when a conversation starts waiting for a human or one of mine gets a message. */
    public boolean notifications() {
        return node.getBoolean(NOTIFY, true);
    }

    /** Beep with each notification. */
    public boolean sound() {
        return node.getBoolean(SOUND, false);
    }

    /** Enter sends and Shift+Enter breaks the line; otherwise Ctrl+Enter sends and Enter breaks the line. */
    public boolean enterSends() {
        return node.getBoolean(ENTER_SENDS, true);
    }

    /** The theme chosen; it takes effect when the desk starts (GTK reads it before the first window). */
    public Theme theme() {
        return Theme.of(node.get(THEME, Theme.SYSTEM.key));
    }

    public void save(boolean notify, boolean sound, boolean enterSends, Theme theme) {
        node.putBoolean(NOTIFY, notify);
        node.putBoolean(SOUND, sound);
        node.putBoolean(ENTER_SENDS, enterSends);
        node.put(THEME, theme.key);
        try {
            node.flush();
        } catch (BackingStoreException e) {
            throw new IllegalStateException("The preferences could not be saved: " + e.getMessage(), e);
        }
    }
}
