package org.humanchat.ui.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.eclipse.jface.dialogs.Dialog;
import org.eclipse.jface.fieldassist.ContentProposalAdapter;
import org.eclipse.jface.fieldassist.SimpleContentProposalProvider;
import org.eclipse.jface.fieldassist.TextContentAdapter;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;
import org.humanchat.api.model.Tag;

/** Add and remove a conversation's tags; known tags are offered as you type, new ones are allowed. */
final class TagsDialog extends Dialog {

    private final Set<String> original;
    private final Set<String> tags;
    private final List<String> known;
    private org.eclipse.swt.widgets.List list;
    private Text input;

    TagsDialog(Shell parent, Set<String> current, List<String> known) {
        super(parent);
        this.original = new TreeSet<>(current);
        this.tags = new TreeSet<>(current);
        this.known = known;
    }

    @Override
    protected void configureShell(Shell shell) {
        super.configureShell(shell);
        shell.setText("Tags");
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        Composite area = (Composite) super.createDialogArea(parent);
        GridLayoutFactory.swtDefaults().numColumns(2).applyTo(area);
        Label hint = new Label(area, SWT.NONE);
        hint.setText("Type a tag and press Enter; select one and press Delete to remove it.");
        GridDataFactory.fillDefaults().span(2, 1).applyTo(hint);
        input = new Text(area, SWT.BORDER | SWT.SINGLE);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(input);
        ContentProposalAdapter completion = new ContentProposalAdapter(input, new TextContentAdapter(),
                new SimpleContentProposalProvider(known.toArray(String[]::new)), null, null);
        completion.setProposalAcceptanceStyle(ContentProposalAdapter.PROPOSAL_REPLACE);
        ((SimpleContentProposalProvider) completion.getContentProposalProvider()).setFiltering(true);
        input.addListener(SWT.DefaultSelection, e -> add());
        Button add = new Button(area, SWT.PUSH);
        add.setText("Add");
        add.addListener(SWT.Selection, e -> add());
        list = new org.eclipse.swt.widgets.List(area, SWT.MULTI | SWT.BORDER | SWT.V_SCROLL);
        GridDataFactory.fillDefaults().span(2, 1).grab(true, true).hint(300, 140).applyTo(list);
        list.addListener(SWT.KeyDown, e -> {
            if (e.keyCode == SWT.DEL || e.keyCode == SWT.BS) {
                for (String selected : list.getSelection()) {
                    tags.remove(selected);
                }
                refresh();
            }
        });
        refresh();
        return area;
    }

    private void add() {
        String name = Tag.normalize(input.getText());
        if (!name.isEmpty()) {
            tags.add(name);
            input.setText("");
            refresh();
        }
    }

    private void refresh() {
        list.setItems(tags.toArray(String[]::new));
    }

    @Override
    protected void okPressed() {
        add();
        super.okPressed();
    }

    List<String> added() {
        List<String> result = new ArrayList<>(tags);
        result.removeAll(original);
        return result;
    }

    List<String> removed() {
        List<String> result = new ArrayList<>(original);
        result.removeAll(tags);
        return result;
    }
}
