package org.humanchat.ui.internal;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableItem;

/** Finds and drives real widgets the way a person would: by their visible text. */
final class Widgets {

    private Widgets() {
    }

    static <T extends Control> List<T> all(Control root, Class<T> type) {
        return WidgetTree.controls(root).stream().filter(type::isInstance).map(type::cast).toList();
    }

    static Button button(Control root, String text) {
        return all(root, Button.class).stream().filter(b -> b.getText().equals(text)).findFirst()
                .orElseThrow(() -> new AssertionError("No button \"" + text + "\""));
    }

    static void click(Button button) {
        if (!button.isEnabled()) {
            throw new AssertionError("Button \"" + button.getText() + "\" is disabled");
        }
        if ((button.getStyle() & (SWT.TOGGLE | SWT.CHECK | SWT.RADIO)) != 0) {
            button.setSelection(!button.getSelection());
        }
        button.notifyListeners(SWT.Selection, new Event());
    }

    /** The texts of a virtual table's rows in one column, as drawn (forces the rows to be materialized). */
    static List<String> column(Table table, int column) {
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < table.getItemCount(); i++) {
            TableItem item = table.getItem(i);
            texts.add(item.getText(column));
        }
        return texts;
    }
}
