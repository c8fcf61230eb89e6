package org.humanchat.ui.internal;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Group;
import org.humanchat.api.connector.ConfigForm;
import org.humanchat.api.connector.ConnectorAdmin;
import org.humanchat.api.connector.ConnectorBundle;
import org.humanchat.api.connector.ConnectorInstance;
import org.humanchat.api.connector.ConnectorType;
import org.humanchat.api.model.Brain;
import org.humanchat.api.model.Channel;
import org.humanchat.api.model.Environment;

/**
 * The configured connector instances: which connector, the channel or Brain each serves, whether it runs; added and
 * edited in the forms generated from the connectors' Metatype ({@link InstanceEditor}), deleted after a question.
 */
final class ConnectorInstancesSection implements InstanceEditor.Outcome {

    /** What the list names instances by, read with them. */
    record Known(List<ConnectorBundle> bundles, List<Channel> channels, List<Brain> brains,
            List<Environment> environments) {
        static final Known NONE = new Known(List.of(), List.of(), List.of(), List.of());
    }

    private final ConnectorChanges changes;
    private final Supplier<Optional<ConnectorBundle>> selectedBundle;
    private final TableViewer viewer;
    private final Button add;
    private final Button edit;
    private final Button delete;
    private final InstanceEditor editor;
    private Known known = Known.NONE;

    /** @param selectedBundle the connector bundle whose type "Add Instance..." adds */
    ConnectorInstancesSection(Composite parent, ConnectorChanges changes,
            Supplier<Optional<ConnectorBundle>> selectedBundle) {
        this.changes = changes;
        this.selectedBundle = selectedBundle;
        Group group = Controls.group(parent, "Configured instances", 1, true);
        viewer = ConnectorTables.table(group, 100, "connectors.instances");
        ConnectorTables.column(viewer, ConnectorInstance.class, "Type", 180, i -> typeName(i.factoryPid()));
        ConnectorTables.column(viewer, ConnectorInstance.class, "Serves", 220, this::serves);
        ConnectorTables.column(viewer, ConnectorInstance.class, "Status", 330, ConnectorInstance::status);
        Composite buttons = Controls.row(group, 4);
        add = Controls.button(buttons, "Add Instance\u2026", this::addInstance);
        edit = Controls.button(buttons, "Edit\u2026", this::editInstance);
        delete = Controls.button(buttons, "Delete", this::confirmAndDelete);
        viewer.addSelectionChangedListener(e -> changes.selectionChanged());
        viewer.addDoubleClickListener(e -> editInstance());
        editor = new InstanceEditor(viewer.getTable(), changes::session, changes::admin, changes::say, this);
    }

    /** Shows the instances; the one selected stays selected. */
    void show(List<ConnectorInstance> instances, Known names) {
        this.known = names;
        Optional<ConnectorInstance> selected = selected().flatMap(i -> instances.stream()
                .filter(n -> n.pid().equals(i.pid())).findFirst());
        viewer.setInput(instances);
        selected.ifPresent(i -> viewer.setSelection(new StructuredSelection(i)));
    }

    private Optional<ConnectorInstance> selected() {
        return ConnectorTables.selected(viewer, ConnectorInstance.class);
    }

    void enable(boolean isAdmin) {
        Optional<ConnectorBundle> bundle = selectedBundle.get();
        add.setEnabled(isAdmin && bundle.isPresent() && !bundle.get().types().isEmpty() && bundle.get().active());
        edit.setEnabled(isAdmin && selected().isPresent());
        delete.setEnabled(isAdmin && selected().isPresent());
    }

    private String typeName(String factoryPid) {
        return known.bundles().stream().flatMap(b -> b.types().stream())
                .filter(t -> t.factoryPid().equals(factoryPid)).findFirst().map(ConnectorType::name)
                .orElse(factoryPid);
    }

    /** The channel or Brain an instance serves, with its environment: "WhatsApp (production)". */
    private String serves(ConnectorInstance instance) {
        String channel = instance.values().get(ConnectorInstance.CHANNEL_LINK);
        String brain = instance.values().get(ConnectorInstance.BRAIN_LINK);
        if (channel != null) {
            return known.channels().stream().filter(c -> Long.toString(c.id()).equals(channel)).findFirst()
                    .map(c -> c.name() + " (" + environmentName(c.environmentId()) + ")")
                    .orElse("Channel " + channel);
        }
        if (brain != null) {
            return known.brains().stream().filter(b -> Long.toString(b.id()).equals(brain)).findFirst()
                    .map(b -> b.name() + " (" + environmentName(b.environmentId()) + ")").orElse("Brain " + brain);
        }
        return "";
    }

    private String environmentName(long environmentId) {
        return known.environments().stream().filter(e -> e.id() == environmentId).findFirst()
                .map(Environment::name).orElse("environment " + environmentId);
    }

    private void addInstance() {
        selectedBundle.get().filter(b -> !b.types().isEmpty())
                .ifPresent(bundle -> editor.open(bundle.types().get(0).factoryPid(), null, Map.of(), null));
    }

    private void editInstance() {
        if (changes.isAdmin()) {
            selected().ifPresent(instance -> editor.open(instance.factoryPid(), instance, Map.of(), null));
        }
    }

    @Override
    public void saved(ConfigForm form, boolean created, Optional<String> newLinkName, ConnectorInstance instance) {
        String servedBy = newLinkName.orElseGet(() -> serves(instance));
        changes.say((created ? "Created " : "Saved ") + form.type().name()
                + (servedBy.isEmpty() ? "" : " for " + servedBy) + ": " + instance.status());
        changes.reload();
    }

    @Override
    public void refused() {
        changes.reload();
    }

    private void confirmAndDelete() {
        selected().ifPresent(instance -> {
            if (MessageDialog.openConfirm(viewer.getTable().getShell(), "Delete instance", "Delete "
                    + typeName(instance.factoryPid()) + " " + serves(instance) + "? Its channel stops taking "
                    + "messages; its conversations stay.")) {
                ConnectorAdmin connectors = changes.admin();
                long agentId = changes.session().agent().id();
                changes.change("Deleting the instance", () -> {
                    connectors.deleteInstance(instance.pid(), agentId);
                    return "Deleted " + typeName(instance.factoryPid()) + " " + instance.pid() + ".";
                });
            }
        });
    }
}
