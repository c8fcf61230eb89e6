package org.humanchat.ui.internal;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;

/** Walks a widget tree. */
final class WidgetTree {

    private WidgetTree() {
    }

    static List<Control> controls(Control root) {
        List<Control> all = new ArrayList<>();
        all.add(root);
        if (root instanceof Composite composite) {
            for (Control child : composite.getChildren()) {
                all.addAll(controls(child));
            }
        }
        return all;
    }
}
