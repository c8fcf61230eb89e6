package org.humanchat.ui.internal;

import java.util.List;

import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Group;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;

/** The tags in use: renamed (onto an existing one, they merge) or deleted on every conversation, after a question. */
final class TagsSection {

    private final SetupChanges changes;
    private final org.eclipse.swt.widgets.List list;
    private final Text rename;

    TagsSection(Composite parent, SetupChanges changes) {
        this.changes = changes;
        Group tags = Controls.group(parent, "Tags", 2, false);
        list = WidgetKeys.name(new org.eclipse.swt.widgets.List(tags, SWT.BORDER | SWT.V_SCROLL | SWT.SINGLE),
                "settings.tags");
        GridDataFactory.fillDefaults().span(2, 1).grab(true, false).hint(80, 70).applyTo(list);
        new Label(tags, SWT.NONE).setText("New name");
        rename = WidgetKeys.name(new Text(tags, SWT.BORDER), "settings.tags.newName");
        rename.setMessage("renaming onto an existing tag merges them");
        GridDataFactory.fillDefaults().grab(true, false).applyTo(rename);
        list.addListener(SWT.Selection, e -> {
            if (list.getSelectionIndex() >= 0) {
                rename.setText(list.getItem(list.getSelectionIndex()));
            }
        });
        Composite buttons = Controls.row(tags, 2);
        GridDataFactory.fillDefaults().span(2, 1).align(SWT.END, SWT.CENTER).applyTo(buttons);
        Controls.button(buttons, "Rename tag", this::renameTag);
        Controls.button(buttons, "Delete tag", this::deleteTag);
    }

    void show(List<String> tags) {
        list.setItems(tags.toArray(String[]::new));
    }

    private void renameTag() {
        int i = list.getSelectionIndex();
        if (i >= 0) {
            String from = list.getItem(i);
            String to = rename.getText();
            if (changes.confirm("Rename tag", "Rename \"" + from + "\" to \"" + to.strip()
                    + "\" on every conversation that has it?")) {
                changes.change("Renaming the tag", () -> changes.session().directory().renameTag(from, to,
                        changes.session().agent().id()));
            }
        }
    }

    private void deleteTag() {
        int i = list.getSelectionIndex();
        if (i >= 0) {
            String tag = list.getItem(i);
            if (changes.confirm("Delete tag", "Take \"" + tag + "\" off every conversation? This cannot be undone.")) {
                changes.change("Deleting the tag", () -> changes.session().directory().deleteTag(tag,
                        changes.session().agent().id()));
            }
        }
    }
}
