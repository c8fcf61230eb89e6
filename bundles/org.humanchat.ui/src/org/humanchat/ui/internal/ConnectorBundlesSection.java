package org.humanchat.ui.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Group;
import org.humanchat.api.connector.ConnectorAdmin;
import org.humanchat.api.connector.ConnectorBundle;
import org.humanchat.api.connector.ConnectorException;
import org.humanchat.api.connector.ConnectorKind;

/**
 * The connector bundles of the running desk: the list, and installing (from a file, or a jar dropped on the view),
 * updating, stopping, starting and uninstalling them.
 */
final class ConnectorBundlesSection {

    private final ConnectorChanges changes;
    private final TableViewer viewer;
    private final Button install;
    private final Button update;
    private final Button stop;
    private final Button start;
    private final Button uninstall;

    ConnectorBundlesSection(Composite parent, ConnectorChanges changes) {
        this.changes = changes;
        Group group = Controls.group(parent, "Connector bundles", 1, true);
        viewer = ConnectorTables.table(group, 210, "connectors.bundles");
        WidgetKeys.attach(viewer.getTable(), this);
        ConnectorTables.column(viewer, ConnectorBundle.class, "Connector", 200, ConnectorBundlesSection::title);
        ConnectorTables.column(viewer, ConnectorBundle.class, "Kind", 70,
                b -> b.kind() == ConnectorKind.CHANNEL ? "Channel" : "Brain");
        ConnectorTables.column(viewer, ConnectorBundle.class, "Version", 140, ConnectorBundle::version);
        ConnectorTables.column(viewer, ConnectorBundle.class, "State", 75, ConnectorBundlesSection::stateText);
        ConnectorTables.column(viewer, ConnectorBundle.class, "Source", 110,
                b -> b.builtIn() ? "Built in" : b.dropIn() ? "Drop-in folder" : "Installed");
        Composite buttons = Controls.row(group, 6);
        install = Controls.button(buttons, "Install from File\u2026", this::chooseAndInstall);
        update = Controls.button(buttons, "Update\u2026", this::chooseAndUpdate);
        stop = Controls.button(buttons, "Stop", () -> bundleChange("Stopping",
                b -> changes.admin().stop(b.bundleId(), me())));
        start = Controls.button(buttons, "Start", () -> bundleChange("Starting",
                b -> changes.admin().start(b.bundleId(), me())));
        uninstall = Controls.button(buttons, "Uninstall", this::confirmAndUninstall);
        viewer.addSelectionChangedListener(e -> changes.selectionChanged());
    }

    /** What the connector offers ("WhatsApp number"), from its Metatype; its bundle's name when it says nothing. */
    static String title(ConnectorBundle bundle) {
        return bundle.types().isEmpty() || bundle.types().get(0).name().equals(bundle.types().get(0).factoryPid())
                ? bundle.name() : bundle.types().get(0).name();
    }

    private static String stateText(ConnectorBundle bundle) {
        return switch (bundle.state()) {
            case ACTIVE, STARTING -> "Running";
            case RESOLVED, STOPPING -> "Stopped";
            case INSTALLED -> "Cannot run";
        };
    }

    /** Shows the bundles, built-in ones first; the one selected stays selected. */
    void show(List<ConnectorBundle> bundles) {
        Optional<ConnectorBundle> selected = selected().flatMap(b -> bundles.stream()
                .filter(n -> n.bundleId() == b.bundleId()).findFirst());
        viewer.setInput(bundles.stream().sorted(Comparator.comparing((ConnectorBundle b) -> !b.builtIn())
                .thenComparing(ConnectorBundlesSection::title)).toList());
        selected.ifPresent(b -> viewer.setSelection(new StructuredSelection(b)));
    }

    Optional<ConnectorBundle> selected() {
        return ConnectorTables.selected(viewer, ConnectorBundle.class);
    }

    void enable(boolean isAdmin) {
        Optional<ConnectorBundle> bundle = selected();
        boolean own = bundle.isPresent() && !bundle.get().builtIn() && !bundle.get().dropIn();
        install.setEnabled(isAdmin);
        update.setEnabled(isAdmin && own);
        stop.setEnabled(isAdmin && bundle.isPresent() && bundle.get().active());
        start.setEnabled(isAdmin && bundle.isPresent() && !bundle.get().active());
        uninstall.setEnabled(isAdmin && own);
    }

    private long me() {
        return changes.session().agent().id();
    }

    private void chooseAndInstall() {
        FileDialog dialog = new FileDialog(viewer.getTable().getShell(), SWT.OPEN);
        dialog.setText("Install a connector");
        dialog.setFilterExtensions(new String[] { "*.jar" });
        String file = dialog.open();
        if (file != null) {
            installFrom(Path.of(file));
        }
    }

    /** Installs a connector jar (from the file dialog, or dropped on the view). */
    void installFrom(Path jar) {
        ConnectorAdmin connectors = changes.admin();
        long agentId = me();
        changes.change("Installing " + jar.getFileName(), () -> {
            ConnectorBundle installed = connectors.install(jar.getFileName().toString(), read(jar), agentId);
            return "Installed " + installed.name() + " " + installed.version() + ". Add an instance to use it.";
        });
    }

    private void chooseAndUpdate() {
        selected().ifPresent(bundle -> {
            FileDialog dialog = new FileDialog(viewer.getTable().getShell(), SWT.OPEN);
            dialog.setText("Update " + bundle.name());
            dialog.setFilterExtensions(new String[] { "*.jar" });
            String file = dialog.open();
            if (file != null) {
                updateFrom(bundle, Path.of(file));
            }
        });
    }

    void updateFrom(ConnectorBundle bundle, Path jar) {
        ConnectorAdmin connectors = changes.admin();
        long agentId = me();
        changes.change("Updating " + bundle.name(), () -> {
            ConnectorBundle updated = connectors.update(bundle.bundleId(), jar.getFileName().toString(), read(jar),
                    agentId);
            return "Updated " + updated.name() + " from " + bundle.version() + " to " + updated.version() + ".";
        });
    }

    private static byte[] read(Path jar) {
        try {
            if (Files.size(jar) > ConnectorAdmin.MAX_JAR_BYTES) {
                throw new ConnectorException(jar.getFileName() + " is larger than "
                        + ConnectorAdmin.MAX_JAR_BYTES / (1024 * 1024) + " MB");
            }
            return Files.readAllBytes(jar);
        } catch (IOException e) {
            throw new ConnectorException(jar + " cannot be read: " + e.getMessage(), e);
        }
    }

    private void confirmAndUninstall() {
        selected().ifPresent(bundle -> {
            if (MessageDialog.openConfirm(viewer.getTable().getShell(), "Uninstall " + bundle.name(), "Uninstall "
                    + bundle.name() + " " + bundle.version() + "? Its instances keep their settings; conversations "
                    + "stay readable, and their replies wait until a connector for them is installed again.")) {
                bundleChange("Uninstalling", b -> {
                    changes.admin().uninstall(b.bundleId(), me());
                    return b;
                });
            }
        });
    }

    private void bundleChange(String doing, Function<ConnectorBundle, ConnectorBundle> work) {
        selected().ifPresent(bundle -> changes.change(doing + " " + bundle.name(), () -> {
            work.apply(bundle);
            return doing.replace("ing", "ed") + " " + bundle.name() + ".";
        }));
    }
}
