package org.humanchat.ui.internal;

import java.util.List;

import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Group;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;
import org.humanchat.api.model.QuickResponse;

/** The environment's quick responses: listed, added or changed by shortcut, deleted. */
final class QuickResponsesSection {

    private final SetupChanges changes;
    private final Group quick;
    private final org.eclipse.swt.widgets.List list;
    private final Text shortcut;
    private final Text text;
    private List<QuickResponse> shown = List.of();

    QuickResponsesSection(Composite parent, SetupChanges changes) {
        this.changes = changes;
        quick = Controls.group(parent, "Quick responses", 2, false);
        list = new org.eclipse.swt.widgets.List(quick, SWT.BORDER | SWT.V_SCROLL | SWT.SINGLE);
        GridDataFactory.fillDefaults().span(2, 1).grab(true, false).hint(80, 80).applyTo(list);
        new Label(quick, SWT.NONE).setText("Shortcut");
        shortcut = WidgetKeys.name(new Text(quick, SWT.BORDER), "settings.quickResponse.shortcut");
        GridDataFactory.fillDefaults().grab(true, false).applyTo(shortcut);
        new Label(quick, SWT.NONE).setText("Text");
        text = WidgetKeys.name(new Text(quick, SWT.BORDER | SWT.MULTI | SWT.WRAP), "settings.quickResponse.text");
        text.setMessage("{contact} and {agent} are filled in");
        GridDataFactory.fillDefaults().grab(true, false).hint(80, 40).applyTo(text);
        list.addListener(SWT.Selection, e -> {
            int i = list.getSelectionIndex();
            if (i >= 0) {
                shortcut.setText(shown.get(i).shortcut());
                text.setText(shown.get(i).text());
            }
        });
        Composite buttons = Controls.row(quick, 2);
        GridDataFactory.fillDefaults().span(2, 1).align(SWT.END, SWT.CENTER).applyTo(buttons);
        Controls.button(buttons, "Save quick response", this::save);
        Controls.button(buttons, "Delete", this::delete);
    }

    /** The section's group: supervisors edit it, where the rest of the set-up is the admins'. */
    Group control() {
        return quick;
    }

    void show(List<QuickResponse> responses) {
        shown = responses;
        list.setItems(shown.stream().map(q -> "/" + q.shortcut() + "  " + q.text()).toArray(String[]::new));
    }

    private void save() {
        long environment = changes.environmentId();
        String key = shortcut.getText();
        String value = text.getText();
        changes.change("Saving the quick response", () -> changes.session().directory().saveQuickResponse(
                environment, key, value, changes.session().agent().id()));
    }

    private void delete() {
        int i = list.getSelectionIndex();
        if (i >= 0) {
            long id = shown.get(i).id();
            changes.change("Deleting the quick response", () -> {
                changes.session().directory().deleteQuickResponse(id, changes.session().agent().id());
                return null;
            });
        }
    }
}
