package org.humanchat.ui.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.dialogs.TitleAreaDialog;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;
import org.humanchat.api.connector.ConfigField;
import org.humanchat.api.connector.ConfigForm;
import org.humanchat.api.connector.ConnectorInstance;
import org.humanchat.api.connector.ConnectorKind;
import org.humanchat.api.connector.FieldType;
import org.humanchat.api.model.Environment;

/**
 * The configuration form of a connector instance, generated from the connector's Metatype: a field per attribute,
 * typed (numbers checked as typed, choices as a list, yes/no as a check box), required fields marked, secrets typed
 * blind and never shown back (empty keeps the one set). The field linking the instance to the desk's channel or Brain
 * is a list of them, with a new one created on the way when needed.
 */
final class ConfigFormDialog extends TitleAreaDialog {


    /** A channel or Brain the instance may serve. */
    record Link(long id, String label) {
    }

    /** A channel or Brain to create for the instance. */
    record NewLink(String name, long environmentId) {
    }

    private final ConfigForm form;
    private final ConnectorInstance existing;
    private final Map<String, String> previous;
    private final List<Link> links;
    private final List<Environment> environments;
    private final String error;
    private final Map<String, Control> controls = new LinkedHashMap<>();
    private Text newLinkName;
    private Combo newLinkEnvironment;
    private Map<String, String> values = Map.of();
    private NewLink newLink;

    /**
     * @param existing the instance edited, or {@code null} for a new one
     * @param previous what was typed in an attempt the connector refused ({@code error}); empty otherwise
     */
    ConfigFormDialog(Shell parent, ConfigForm form, ConnectorInstance existing, Map<String, String> previous,
            List<Link> links, List<Environment> environments, String error) {
        super(parent);
        this.form = form;
        this.existing = existing;
        this.previous = previous;
        this.links = links;
        this.environments = environments;
        this.error = error;
        setHelpAvailable(false);
    }

    @Override
    protected boolean isResizable() {
        return true;
    }

    @Override
    protected void configureShell(Shell shell) {
        super.configureShell(shell);
        shell.setText(existing == null ? "New " + form.type().name() : form.type().name());
    }

    private String linkId() {
        return form.type().kind() == ConnectorKind.CHANNEL ? ConnectorInstance.CHANNEL_LINK : ConnectorInstance.BRAIN_LINK;
    }

    private String linkNoun() {
        return form.type().kind() == ConnectorKind.CHANNEL ? "channel" : "Brain";
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        Composite area = (Composite) super.createDialogArea(parent);
        String serves = existing == null ? "" : links.stream()
                .filter(l -> Long.toString(l.id()).equals(existing.values().get(linkId()))).findFirst()
                .map(l -> ": " + l.label()).orElse("");
        setTitle(existing == null ? "New " + form.type().name() : form.type().name() + serves);
        setMessage(form.type().description().isEmpty() ? "Settings of this " + linkNoun() + " connector"
                : form.type().description());
        Composite fields = new Composite(area, SWT.NONE);
        GridLayoutFactory.swtDefaults().numColumns(2).margins(10, 10).spacing(8, 4).applyTo(fields);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(fields);
        if (form.fields().isEmpty()) {
            new Label(fields, SWT.WRAP).setText("This connector describes no settings (it carries no Metatype).");
        }
        for (ConfigField field : form.fields()) {
            Label label = new Label(fields, SWT.NONE);
            String name = field.id().equals(linkId()) ? (form.type().kind() == ConnectorKind.CHANNEL ? "Channel"
                    : "Brain") : field.name();
            label.setText(name + (field.required() ? " *" : ""));
            label.setToolTipText(field.description());
            GridDataFactory.swtDefaults().align(SWT.BEGINNING, SWT.CENTER).applyTo(label);
            Control control = field.id().equals(linkId()) ? linkControl(fields, field) : control(fields, field);
            control.setToolTipText(field.description());
            control.setData("field", field.id());
            controls.put(field.id(), control);
            if (!field.description().isEmpty() && !field.id().equals(linkId())) {
                new Label(fields, SWT.NONE);
                Label help = new Label(fields, SWT.WRAP);
                help.setText(field.description());
                help.setForeground(help.getDisplay().getSystemColor(SWT.COLOR_WIDGET_DARK_SHADOW));
                GridDataFactory.fillDefaults().grab(true, false).hint(420, SWT.DEFAULT).applyTo(help);
            }
        }
        return area;
    }

    private Control control(Composite parent, ConfigField field) {
        String current = initial(field);
        if (field.type() == FieldType.BOOLEAN) {
            Button check = new Button(parent, SWT.CHECK);
            check.setSelection(Boolean.parseBoolean(current));
            check.addListener(SWT.Selection, e -> validate());
            return check;
        }
        if (!field.options().isEmpty()) {
            Combo choice = new Combo(parent, SWT.READ_ONLY);
            for (ConfigField.Option option : field.options()) {
                choice.add(option.label());
                if (option.value().equals(current)) {
                    choice.select(choice.getItemCount() - 1);
                }
            }
            choice.addListener(SWT.Selection, e -> validate());
            GridDataFactory.fillDefaults().grab(true, false).applyTo(choice);
            return choice;
        }
        int style = field.secret() ? SWT.PASSWORD : field.multiple() ? SWT.MULTI | SWT.V_SCROLL | SWT.WRAP : SWT.NONE;
        Text text = new Text(parent, SWT.BORDER | style);
        text.setText(field.secret() ? "" : current);
        if (field.secret()) {
            text.setMessage(secretSet(field) ? "set: leave empty to keep it" : "not set");
        } else if (!field.defaultValue().isEmpty()) {
            text.setMessage(field.defaultValue());
        }
        if (field.multiple()) {
            text.setToolTipText("One per line");
        }
        text.addListener(SWT.Modify, e -> validate());
        GridDataFactory.fillDefaults().grab(true, false).hint(320, field.multiple() ? 70 : SWT.DEFAULT).applyTo(text);
        return text;
    }

    private Control linkControl(Composite parent, ConfigField field) {
        Composite row = new Composite(parent, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(3).applyTo(row);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(row);
        Combo choice = new Combo(row, SWT.READ_ONLY);
        GridDataFactory.fillDefaults().grab(true, false).span(3, 1).applyTo(choice);
        String current = initial(field);
        for (Link link : links) {
            choice.add(link.label());
            if (Long.toString(link.id()).equals(current)) {
                choice.select(choice.getItemCount() - 1);
            }
        }
        choice.add("New " + linkNoun() + "\u2026");
        if (choice.getSelectionIndex() < 0 && links.isEmpty()) {
            choice.select(0); // nothing to pick from: a new one it is
        }
        new Label(row, SWT.NONE).setText("Name");
        newLinkName = new Text(row, SWT.BORDER);
        newLinkName.setMessage(form.type().kind() == ConnectorKind.CHANNEL ? "e.g. SMS +49 30 555"
                : "e.g. Assistant");
        GridDataFactory.fillDefaults().grab(true, false).applyTo(newLinkName);
        newLinkEnvironment = new Combo(row, SWT.READ_ONLY);
        environments.forEach(e -> newLinkEnvironment.add(e.name()));
        if (!environments.isEmpty()) {
            newLinkEnvironment.select(0);
        }
        Runnable showNew = () -> {
            boolean creating = choice.getSelectionIndex() == links.size();
            newLinkName.setEnabled(creating);
            newLinkEnvironment.setEnabled(creating);
        };
        choice.addListener(SWT.Selection, e -> {
            showNew.run();
            validate();
        });
        newLinkName.addListener(SWT.Modify, e -> validate());
        showNew.run();
        return choice;
    }

    private String initial(ConfigField field) {
        if (previous.containsKey(field.id())) {
            return previous.get(field.id());
        }
        if (existing != null && existing.values().containsKey(field.id())) {
            return existing.values().get(field.id());
        }
        // Not set: the connector runs with the default, so that is what the form shows.
        return field.defaultValue();
    }

    private boolean secretSet(ConfigField field) {
        return existing != null && existing.secretsSet().contains(field.id());
    }

    @Override
    protected void createButtonsForButtonBar(Composite parent) {
        createButton(parent, IDialogConstants.OK_ID, existing == null ? "Create" : "Save", true);
        createButton(parent, IDialogConstants.CANCEL_ID, IDialogConstants.CANCEL_LABEL, false);
        validate();
        if (error != null) {
            setErrorMessage(error);
        }
    }

    /** Checks as the admin types; the first problem is shown and the form cannot be sent until it is fixed. */
    private void validate() {
        Optional<String> problem = problem();
        setErrorMessage(problem.orElse(null));
        Button ok = getButton(IDialogConstants.OK_ID);
        if (ok != null) {
            ok.setEnabled(problem.isEmpty());
        }
    }

    Optional<String> problem() {
        for (ConfigField field : form.fields()) {
            Control control = controls.get(field.id());
            if (field.id().equals(linkId())) {
                Combo choice = (Combo) control;
                if (choice.getSelectionIndex() < 0) {
                    return Optional.of("Choose the " + linkNoun() + " this instance serves");
                }
                if (choice.getSelectionIndex() == links.size() && newLinkName.getText().isBlank()) {
                    return Optional.of("Name the new " + linkNoun());
                }
                if (choice.getSelectionIndex() == links.size() && environments.isEmpty()) {
                    return Optional.of("Create an environment first (Settings)");
                }
                continue;
            }
            String value = text(field, control).strip();
            if (value.isEmpty()) {
                if (field.required() && !(field.secret() && secretSet(field))) {
                    return Optional.of(field.name() + " is required");
                }
                continue;
            }
            for (String entry : field.multiple() ? value.lines().map(String::strip).filter(v -> !v.isEmpty())
                    .toList() : List.of(value)) {
                try {
                    switch (field.type()) {
                        case INTEGER -> Integer.parseInt(entry);
                        case LONG -> Long.parseLong(entry);
                        case DOUBLE -> Double.parseDouble(entry);
                        default -> {
                            // text: anything goes; the connector checks the rest
                        }
                    }
                } catch (NumberFormatException e) {
                    return Optional.of(field.name() + " must be a whole number" + (field.type() == FieldType.DOUBLE
                            ? " or a decimal" : ""));
                }
            }
        }
        return Optional.empty();
    }

    private String text(ConfigField field, Control control) {
        if (control instanceof Button check) {
            return Boolean.toString(check.getSelection());
        }
        if (control instanceof Combo choice) {
            int index = choice.getSelectionIndex();
            return index < 0 ? "" : field.options().get(index).value();
        }
        return ((Text) control).getText();
    }

    @Override
    protected void okPressed() {
        Map<String, String> typed = new LinkedHashMap<>();
        for (ConfigField field : form.fields()) {
            Control control = controls.get(field.id());
            if (field.id().equals(linkId())) {
                int index = ((Combo) control).getSelectionIndex();
                if (index == links.size()) {
                    newLink = new NewLink(newLinkName.getText().strip(),
                            environments.get(Math.max(0, newLinkEnvironment.getSelectionIndex())).id());
                } else {
                    typed.put(field.id(), Long.toString(links.get(index).id()));
                }
            } else {
                typed.put(field.id(), text(field, control));
            }
        }
        values = typed;
        super.okPressed();
    }

    /** What was entered, by field id (empty secrets included: they keep the secret set). */
    Map<String, String> values() {
        return values;
    }

    /** The channel or Brain to create first, if the admin asked for a new one. */
    Optional<NewLink> newLink() {
        return Optional.ofNullable(newLink);
    }

    Control control(String fieldId) {
        return controls.get(fieldId);
    }
}
