package org.humanchat.ui.internal;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Group;
import org.eclipse.swt.widgets.Label;
import org.humanchat.api.connector.ConfigForm;
import org.humanchat.api.connector.ConnectorAdmin;
import org.humanchat.api.connector.ConnectorInstance;
import org.humanchat.api.model.Brain;

/**
 * The rules Brains of the environment and whether each runs; "Brain Settings..." edits the chosen one's greeting,
 * FAQ and handover settings in the rules Brain's generated form, through {@link ConnectorAdmin} like any connector
 * instance ({@link InstanceEditor}): a Brain without an instance gets one linked to it.
 */
final class RulesBrainSection implements InstanceEditor.Outcome {

    private final SetupChanges changes;
    private final Supplier<ConnectorAdmin> admin;
    private final Combo brains;
    private final Label status;
    private final InstanceEditor editor;
    private List<Brain> shown = List.of();
    /** The chosen Brain's instance, as last read; empty when it has none. */
    private Optional<ConnectorInstance> instance = Optional.empty();

    RulesBrainSection(Composite parent, SetupChanges changes, Supplier<ConnectorAdmin> admin) {
        this.changes = changes;
        this.admin = admin;
        Group group = Controls.group(parent, "Rules Brain", 2, false);
        new Label(group, SWT.NONE).setText("Brain");
        brains = WidgetKeys.name(new Combo(group, SWT.READ_ONLY), "settings.rulesBrain");
        GridDataFactory.fillDefaults().grab(true, false).applyTo(brains);
        brains.addListener(SWT.Selection, e -> refresh());
        new Label(group, SWT.NONE).setText("Status");
        status = WidgetKeys.name(new Label(group, SWT.WRAP), "settings.rulesBrain.status");
        GridDataFactory.fillDefaults().grab(true, false).hint(80, SWT.DEFAULT).applyTo(status);
        Composite buttons = Controls.row(group, 1);
        GridDataFactory.fillDefaults().span(2, 1).align(SWT.END, SWT.CENTER).applyTo(buttons);
        Controls.button(buttons, "Brain Settings\u2026", this::edit);
        editor = new InstanceEditor(brains, changes::session, admin, changes::say, this);
    }

    /** Lists the environment's rules Brains; the first is chosen. */
    void show(List<Brain> rulesBrains) {
        shown = rulesBrains;
        brains.setItems(shown.stream().map(Brain::name).toArray(String[]::new));
        if (!shown.isEmpty()) {
            brains.select(0);
        }
        refresh();
    }

    private Optional<Brain> selected() {
        int i = brains.getSelectionIndex();
        return i < 0 || i >= shown.size() ? Optional.empty() : Optional.of(shown.get(i));
    }

    /** Reads whether the chosen Brain has an instance, and how it runs. */
    void refresh() {
        Optional<Brain> brain = selected();
        ConnectorAdmin connectors = admin.get();
        if (brain.isEmpty() || connectors == null) {
            status.setText(connectors == null ? "Connector administration is not running in this desk." : "");
            return;
        }
        String link = Long.toString(brain.get().id());
        DeskJobs.run("Reading the Brain's settings", brains, () -> connectors.instances().stream()
                .filter(i -> i.factoryPid().equals(InstanceEditor.RULES_BRAIN)
                        && link.equals(i.values().get(ConnectorInstance.BRAIN_LINK)))
                .findFirst(), found -> {
                    instance = found;
                    status.setText(found.map(ConnectorInstance::status).orElse("Not running"));
                    if (found.isEmpty()) {
                        changes.say(brain.get().name() + " is not running: save its settings to start it.");
                    }
                }, failure -> changes.say(failure.getMessage()));
    }

    private void edit() {
        selected().ifPresent(brain -> editor.open(InstanceEditor.RULES_BRAIN, instance.orElse(null),
                instance.isPresent() ? Map.of() : Map.of(ConnectorInstance.BRAIN_LINK, Long.toString(brain.id())),
                null));
    }

    @Override
    public void saved(ConfigForm form, boolean created, Optional<String> newLinkName, ConnectorInstance saved) {
        String name = newLinkName.orElseGet(() -> shown.stream()
                .filter(b -> Long.toString(b.id()).equals(saved.values().get(ConnectorInstance.BRAIN_LINK)))
                .findFirst().map(Brain::name).orElse(form.type().name()));
        changes.say(saved.running() ? "Saved: " + name + " answers with these settings now."
                : "Saved: " + name + ". " + saved.status());
        refresh();
    }

    /** The reason stays in view: the form opens again with it. */
    @Override
    public void refused() {
        // nothing saved, nothing to read again
    }
}
