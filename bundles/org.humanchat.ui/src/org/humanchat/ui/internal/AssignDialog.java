package org.humanchat.ui.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.eclipse.jface.dialogs.Dialog;
import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.humanchat.api.model.Agent;
import org.humanchat.api.model.Brain;

/** Choose who handles the conversation: an agent, a Brain of its environment, or nobody (back to Unassigned). */
final class AssignDialog extends Dialog {

    record Choices(List<Agent> agents, List<Brain> brains) {
    }

    /** Stands for "nobody": the conversation goes back to Unassigned. */
    static final Object NOBODY = new Object();

    private final List<Object> targets = new ArrayList<>();
    private final List<String> labels = new ArrayList<>();
    private org.eclipse.swt.widgets.List list;
    private Object choice;

    AssignDialog(Shell parent, Choices choices) {
        super(parent);
        for (Agent a : choices.agents()) {
            targets.add(a);
            labels.add(a.name() + "  (" + a.role().label().toLowerCase(Locale.ROOT) + ", " + a.presence().label()
                    + ")");
        }
        for (Brain b : choices.brains()) {
            targets.add(b);
            labels.add(b.name() + "  (Brain)");
        }
        targets.add(NOBODY);
        labels.add("Nobody: back to Unassigned");
    }

    @Override
    protected void configureShell(Shell shell) {
        super.configureShell(shell);
        shell.setText("Assign conversation");
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        Composite area = (Composite) super.createDialogArea(parent);
        new Label(area, SWT.NONE).setText("Give this conversation to:");
        list = new org.eclipse.swt.widgets.List(area, SWT.SINGLE | SWT.BORDER | SWT.V_SCROLL);
        labels.forEach(list::add);
        list.select(0);
        list.addListener(SWT.DefaultSelection, e -> okPressed());
        GridDataFactory.fillDefaults().grab(true, true).hint(320, 200).applyTo(list);
        return area;
    }

    @Override
    protected void okPressed() {
        int index = list.getSelectionIndex();
        choice = index < 0 ? null : targets.get(index);
        super.okPressed();
    }

    @Override
    protected void createButtonsForButtonBar(Composite parent) {
        createButton(parent, IDialogConstants.OK_ID, "Assign", true);
        createButton(parent, IDialogConstants.CANCEL_ID, IDialogConstants.CANCEL_LABEL, false);
    }

    /** An {@link Agent}, a {@link Brain} or {@link #NOBODY}. */
    Object choice() {
        return choice;
    }
}
