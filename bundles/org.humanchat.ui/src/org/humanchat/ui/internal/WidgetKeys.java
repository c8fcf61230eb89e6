package org.humanchat.ui.internal;

import java.util.Optional;

import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Widget;

/**
 * Names the widgets a person acts on ("inbox.search", "conversation.composer"), under the data key UI robots look
 * for, so that the tests' page objects find them by what they are for rather than by their position in the tree.
 */
public final class WidgetKeys {

    /** The data key SWTBot reads: tools that know it find our widgets too. */
    static final String DATA_KEY = "org.eclipse.swtbot.widget.key";

    private WidgetKeys() {
    }

    /** The data key under which a control holds the section class that made it. */
    private static final String SECTION_KEY = "org.humanchat.ui.section";

    static <T extends Widget> T name(T widget, String key) {
        widget.setData(DATA_KEY, key);
        return widget;
    }

    /** The control named {@code key} under {@code root}. */
    public static <T extends Control> Optional<T> find(Control root, String key, Class<T> type) {
        return WidgetTree.controls(root).stream().filter(c -> key.equals(c.getData(DATA_KEY)))
                .filter(type::isInstance).map(type::cast).findFirst();
    }

    /**
     * Records that {@code section} made {@code control}. A page object finds it there to do what only a person at
     * a native dialog could (pick files to attach, a place to save one): SWT robots cannot drive those.
     */
    static void attach(Control control, Object section) {
        control.setData(SECTION_KEY, section);
    }

    /** The section of this type that made a control under {@code root}. */
    static <T> Optional<T> section(Control root, Class<T> type) {
        return WidgetTree.controls(root).stream().map(c -> c.getData(SECTION_KEY)).filter(type::isInstance)
                .map(type::cast).findFirst();
    }
}
