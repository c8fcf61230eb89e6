package org.humanchat.ui.internal;

import java.util.concurrent.atomic.AtomicReference;

import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Text;

/** Issuing an API token for scripts, as an admin does it in the Connectors view: the button, then the dialog. */
final class ApiTokenPage {

    private static final String BUTTON = "API Token for Scripts\u2026";

    private final DeskUi ui;
    private final Composite view;

    /** @param view where the Connectors view was created */
    ApiTokenPage(DeskUi ui, Composite view) {
        this.ui = ui;
        this.view = view;
    }

    Button button() {
        return Widgets.button(view, BUTTON);
    }

    /** Clicks the button and answers the token the dialog shows, closing it as the admin does once copied. */
    String issue() {
        AtomicReference<String> token = new AtomicReference<>();
        ui.actInDialog(ApiTokenSection.DIALOG_TITLE, dialog -> {
            token.set(Widgets.all(dialog, Text.class).get(0).getText());
            Widgets.click(Widgets.button(dialog, IDialogConstants.OK_LABEL));
        }, () -> Widgets.click(button()));
        return token.get();
    }
}
