package org.humanchat.ui.internal;

import org.eclipse.jface.dialogs.Dialog;
import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;

/** A secret shown once (a set-password code, an API token): selected in a read-only field, to copy. */
final class ShownOnceDialog extends Dialog {

    static final String SECRET = "shownonce.secret";

    private final String title;
    private final String explanation;
    private final String secret;

    ShownOnceDialog(Shell parent, String title, String explanation, String secret) {
        super(parent);
        this.title = title;
        this.explanation = explanation;
        this.secret = secret;
    }

    @Override
    protected void configureShell(Shell shell) {
        super.configureShell(shell);
        shell.setText(title);
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        Composite area = (Composite) super.createDialogArea(parent);
        GridLayoutFactory.swtDefaults().margins(12, 10).spacing(8, 10).applyTo(area);
        Label text = new Label(area, SWT.WRAP);
        text.setText(explanation);
        GridDataFactory.fillDefaults().grab(true, false).hint(420, SWT.DEFAULT).applyTo(text);
        Text field = WidgetKeys.name(new Text(area, SWT.BORDER | SWT.READ_ONLY | SWT.SINGLE), SECRET);
        field.setText(secret);
        field.setFont(parent.getDisplay().getSystemFont());
        GridDataFactory.fillDefaults().grab(true, false).applyTo(field);
        field.selectAll();
        field.setFocus();
        return area;
    }

    @Override
    protected void createButtonsForButtonBar(Composite parent) {
        createButton(parent, IDialogConstants.OK_ID, "Done", true);
    }
}
