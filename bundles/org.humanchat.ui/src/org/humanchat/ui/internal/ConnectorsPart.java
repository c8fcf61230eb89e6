package org.humanchat.ui.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.core.di.extensions.Service;
import org.eclipse.e4.ui.di.UIEventTopic;
import org.eclipse.jface.dialogs.InputDialog;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.jface.viewers.TableViewerColumn;
import org.eclipse.jface.window.Window;
import org.eclipse.swt.SWT;
import org.eclipse.swt.dnd.DND;
import org.eclipse.swt.dnd.DropTarget;
import org.eclipse.swt.dnd.DropTargetAdapter;
import org.eclipse.swt.dnd.DropTargetEvent;
import org.eclipse.swt.dnd.FileTransfer;
import org.eclipse.swt.dnd.Transfer;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Group;
import org.eclipse.swt.widgets.Label;
import org.humanchat.api.connector.ConfigForm;
import org.humanchat.api.connector.ConnectorAdmin;
import org.humanchat.api.connector.ConnectorBundle;
import org.humanchat.api.connector.ConnectorInstance;
import org.humanchat.api.connector.ConnectorKind;
import org.humanchat.api.connector.ConnectorType;
import org.humanchat.api.connector.DropInProblem;
import org.humanchat.api.model.Brain;
import org.humanchat.api.model.Channel;
import org.humanchat.api.model.Environment;
import org.humanchat.ui.DeskSession;
import org.osgi.service.event.Event;

import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;

/**
 * The Connectors view, for admins: the channel and Brain connector bundles of the running desk (install from a file
 * or by dropping a jar on the view, update, stop, start, uninstall), their configured instances (added and edited in
 * forms generated from the connectors' Metatype), the drop-in folder and what went wrong in it. Agents see it all
 * read-only. Kept current from the connector events: installs through the drop-in folder or the admin API show up
 * without a refresh.
 */
public final class ConnectorsPart {

    public static final String DESCRIPTOR = "org.humanchat.ui.partdescriptor.connectors";

    /** What the view shows, read in one background job. */
    record Snapshot(List<ConnectorBundle> bundles, List<ConnectorInstance> instances, String dropInFolder,
            List<DropInProblem> problems, List<Channel> channels, List<Brain> brains,
            List<Environment> environments) {
    }

    private Composite content;
    private Label roleNote;
    private TableViewer bundleViewer;
    private TableViewer instanceViewer;
    private Button install;
    private Button update;
    private Button stop;
    private Button start;
    private Button uninstall;
    private Button addInstance;
    private Button editInstance;
    private Button deleteInstance;
    private Button apiToken;
    private Label folder;
    private Label problems;
    private Label feedback;

    private volatile DeskSession session;
    private volatile ConnectorAdmin admin;
    private Snapshot shown;
    private boolean reloading;
    private boolean reloadAgain;

    @PostConstruct
    public void create(Composite parent) {
        parent.setLayout(new org.eclipse.swt.layout.FillLayout());
        content = new Composite(parent, SWT.NONE);
        GridLayoutFactory.fillDefaults().margins(10, 8).spacing(6, 6).applyTo(content);
        roleNote = new Label(content, SWT.WRAP);
        GridDataFactory.fillDefaults().grab(true, false).hint(200, SWT.DEFAULT).applyTo(roleNote);

        Group bundles = group("Connector bundles");
        bundleViewer = table(bundles, 210);
        column(bundleViewer, "Connector", 200, b -> title((ConnectorBundle) b));
        column(bundleViewer, "Kind", 70, b -> ((ConnectorBundle) b).kind() == ConnectorKind.CHANNEL ? "Channel"
                : "Brain");
        column(bundleViewer, "Version", 140, b -> ((ConnectorBundle) b).version());
        column(bundleViewer, "State", 75, b -> stateText((ConnectorBundle) b));
        column(bundleViewer, "Source", 110, b -> ((ConnectorBundle) b).builtIn() ? "Built in"
                : ((ConnectorBundle) b).dropIn() ? "Drop-in folder" : "Installed");
        Composite bundleButtons = buttons(bundles, 6);
        install = button(bundleButtons, "Install from File\u2026", this::chooseAndInstall);
        update = button(bundleButtons, "Update\u2026", this::chooseAndUpdate);
        stop = button(bundleButtons, "Stop", () -> bundleChange("Stopping", b -> admin.stop(b.bundleId(), me())));
        start = button(bundleButtons, "Start", () -> bundleChange("Starting", b -> admin.start(b.bundleId(), me())));
        uninstall = button(bundleButtons, "Uninstall", this::confirmAndUninstall);
        bundleViewer.addSelectionChangedListener(e -> enable());

        Group instances = group("Configured instances");
        instanceViewer = table(instances, 100);
        column(instanceViewer, "Type", 180, i -> typeName(((ConnectorInstance) i).factoryPid()));
        column(instanceViewer, "Serves", 220, i -> serves((ConnectorInstance) i));
        column(instanceViewer, "Status", 330, i -> ((ConnectorInstance) i).status());
        Composite instanceButtons = buttons(instances, 4);
        addInstance = button(instanceButtons, "Add Instance\u2026", this::addInstance);
        editInstance = button(instanceButtons, "Edit\u2026", this::editInstance);
        deleteInstance = button(instanceButtons, "Delete", this::confirmAndDeleteInstance);
        instanceViewer.addSelectionChangedListener(e -> enable());
        instanceViewer.addDoubleClickListener(e -> editInstance());

        Group dropIns = group("Drop-in folder");
        folder = new Label(dropIns, SWT.WRAP);
        GridDataFactory.fillDefaults().grab(true, false).hint(200, SWT.DEFAULT).applyTo(folder);
        problems = new Label(dropIns, SWT.WRAP);
        problems.setForeground(problems.getDisplay().getSystemColor(SWT.COLOR_DARK_RED));
        GridDataFactory.fillDefaults().grab(true, false).hint(200, SWT.DEFAULT).applyTo(problems);

        Composite bottom = buttons(content, 2);
        feedback = new Label(bottom, SWT.WRAP);
        GridDataFactory.fillDefaults().grab(true, false).hint(200, SWT.DEFAULT).applyTo(feedback);
        apiToken = button(bottom, "API Token for Scripts\u2026", this::issueApiToken);

        DropTarget drop = new DropTarget(content, DND.DROP_COPY | DND.DROP_DEFAULT);
        drop.setTransfer(new Transfer[] { FileTransfer.getInstance() });
        drop.addDropListener(new DropTargetAdapter() {
            @Override
            public void dragEnter(DropTargetEvent event) {
                event.detail = isAdmin() ? DND.DROP_COPY : DND.DROP_NONE;
            }

            @Override
            public void drop(DropTargetEvent event) {
                if (event.data instanceof String[] files && isAdmin()) {
                    for (String file : files) {
                        installFrom(Path.of(file));
                    }
                }
            }
        });
        enable();
        reload();
    }

    @Inject
    @Optional
    public void sessionReady(DeskSession readySession) {
        this.session = readySession;
        reload();
    }

    @Inject
    @Optional
    public void connectorAdmin(@Service ConnectorAdmin connectorAdmin) {
        this.admin = connectorAdmin;
        DeskJobs.onUiThread(content, this::reload);
    }

    @Inject
    @Optional
    public void connectorsChanged(@UIEventTopic(ConnectorAdmin.CHANGED) Event event) {
        reload();
    }

    // ---- reading

    /** Reads everything again in the background; changes arriving meanwhile make one more read, not one each. */
    void reload() {
        if (content == null || content.isDisposed() || session == null || admin == null) {
            if (content != null && !content.isDisposed()) {
                roleNote.setText(admin == null ? "Connector administration is not running in this desk."
                        : "Opening the database\u2026");
            }
            return;
        }
        if (reloading) {
            reloadAgain = true;
            return;
        }
        reloading = true;
        ConnectorAdmin connectors = admin;
        DeskSession s = session;
        DeskJobs.run("Reading connectors", content,
                () -> new Snapshot(connectors.connectors(), connectors.instances(), connectors.dropInFolder(),
                        connectors.dropInProblems(), s.directory().channels(), s.directory().brains(),
                        s.directory().environments()),
                snapshot -> {
                    reloading = false;
                    show(snapshot);
                    if (reloadAgain) {
                        reloadAgain = false;
                        reload();
                    }
                }, failure -> {
                    reloading = false;
                    say("The connectors cannot be read: " + failure.getMessage());
                });
    }

    private void show(Snapshot snapshot) {
        shown = snapshot;
        roleNote.setText(isAdmin() ? "Install channel and Brain connectors while the desk runs: from a file, by "
                + "dropping a jar here, or by copying it into the drop-in folder."
                : "Only admins change connectors; you see them read-only.");
        ConnectorBundle selectedBundle = selected(bundleViewer, ConnectorBundle.class)
                .flatMap(b -> snapshot.bundles().stream().filter(n -> n.bundleId() == b.bundleId()).findFirst())
                .orElse(null);
        ConnectorInstance selectedInstance = selected(instanceViewer, ConnectorInstance.class)
                .flatMap(i -> snapshot.instances().stream().filter(n -> n.pid().equals(i.pid())).findFirst())
                .orElse(null);
        bundleViewer.setInput(snapshot.bundles().stream().sorted(java.util.Comparator
                .comparing((ConnectorBundle b) -> !b.builtIn()).thenComparing(ConnectorsPart::title)).toList());
        instanceViewer.setInput(snapshot.instances());
        if (selectedBundle != null) {
            bundleViewer.setSelection(new org.eclipse.jface.viewers.StructuredSelection(selectedBundle));
        }
        if (selectedInstance != null) {
            instanceViewer.setSelection(new org.eclipse.jface.viewers.StructuredSelection(selectedInstance));
        }
        folder.setText("Copy a connector jar into " + snapshot.dropInFolder() + " to install it; replace it to "
                + "update, delete it to uninstall.");
        StringBuilder text = new StringBuilder();
        for (DropInProblem problem : snapshot.problems()) {
            text.append(problem.fileName()).append(": ").append(problem.message()).append('\n');
        }
        problems.setText(text.toString().strip());
        enable();
        content.layout(true, true);
    }

    /** What the connector offers ("WhatsApp number"), from its Metatype; its bundle's name when it says nothing. */
    private static String title(ConnectorBundle bundle) {
        return bundle.types().isEmpty() || bundle.types().get(0).name().equals(bundle.types().get(0).factoryPid())
                ? bundle.name() : bundle.types().get(0).name();
    }

    private String stateText(ConnectorBundle bundle) {
        return switch (bundle.state()) {
            case ACTIVE, STARTING -> "Running";
            case RESOLVED, STOPPING -> "Stopped";
            case INSTALLED -> "Cannot run";
        };
    }

    private String typeName(String factoryPid) {
        if (shown != null) {
            for (ConnectorBundle bundle : shown.bundles()) {
                for (ConnectorType type : bundle.types()) {
                    if (type.factoryPid().equals(factoryPid)) {
                        return type.name();
                    }
                }
            }
        }
        return factoryPid;
    }

    private String serves(ConnectorInstance instance) {
        String channel = instance.values().get(ConnectorInstance.CHANNEL_LINK);
        String brain = instance.values().get(ConnectorInstance.BRAIN_LINK);
        if (shown != null && channel != null) {
            return shown.channels().stream().filter(c -> Long.toString(c.id()).equals(channel)).findFirst()
                    .map(c -> c.name() + " (" + environmentName(c.environmentId()) + ")")
                    .orElse("Channel " + channel);
        }
        if (shown != null && brain != null) {
            return shown.brains().stream().filter(b -> Long.toString(b.id()).equals(brain)).findFirst()
                    .map(b -> b.name() + " (" + environmentName(b.environmentId()) + ")").orElse("Brain " + brain);
        }
        return "";
    }

    private String environmentName(long environmentId) {
        return shown.environments().stream().filter(e -> e.id() == environmentId).findFirst()
                .map(Environment::name).orElse("environment " + environmentId);
    }

    // ---- changing

    private boolean isAdmin() {
        return session != null && session.agent().isAdmin() && admin != null;
    }

    private long me() {
        return session.agent().id();
    }

    private void enable() {
        boolean isAdmin = isAdmin();
        java.util.Optional<ConnectorBundle> bundle = selected(bundleViewer, ConnectorBundle.class);
        boolean own = bundle.isPresent() && !bundle.get().builtIn() && !bundle.get().dropIn();
        install.setEnabled(isAdmin);
        update.setEnabled(isAdmin && own);
        stop.setEnabled(isAdmin && bundle.isPresent() && bundle.get().active());
        start.setEnabled(isAdmin && bundle.isPresent() && !bundle.get().active());
        uninstall.setEnabled(isAdmin && own);
        addInstance.setEnabled(isAdmin && bundle.isPresent() && !bundle.get().types().isEmpty()
                && bundle.get().active());
        boolean instance = selected(instanceViewer, ConnectorInstance.class).isPresent();
        editInstance.setEnabled(isAdmin && instance);
        deleteInstance.setEnabled(isAdmin && instance);
        apiToken.setEnabled(isAdmin);
    }

    private void chooseAndInstall() {
        FileDialog dialog = new FileDialog(content.getShell(), SWT.OPEN);
        dialog.setText("Install a connector");
        dialog.setFilterExtensions(new String[] { "*.jar" });
        String file = dialog.open();
        if (file != null) {
            installFrom(Path.of(file));
        }
    }

    /** Installs a connector jar (from the file dialog, or dropped on the view). */
    void installFrom(Path jar) {
        ConnectorAdmin connectors = admin;
        long agentId = me();
        change("Installing " + jar.getFileName(), () -> {
            ConnectorBundle installed = connectors.install(jar.getFileName().toString(), read(jar), agentId);
            return "Installed " + installed.name() + " " + installed.version() + ". Add an instance to use it.";
        });
    }

    private void chooseAndUpdate() {
        selected(bundleViewer, ConnectorBundle.class).ifPresent(bundle -> {
            FileDialog dialog = new FileDialog(content.getShell(), SWT.OPEN);
            dialog.setText("Update " + bundle.name());
            dialog.setFilterExtensions(new String[] { "*.jar" });
            String file = dialog.open();
            if (file != null) {
                updateFrom(bundle, Path.of(file));
            }
        });
    }

    void updateFrom(ConnectorBundle bundle, Path jar) {
        ConnectorAdmin connectors = admin;
        long agentId = me();
        change("Updating " + bundle.name(), () -> {
            ConnectorBundle updated = connectors.update(bundle.bundleId(), jar.getFileName().toString(), read(jar),
                    agentId);
            return "Updated " + updated.name() + " from " + bundle.version() + " to " + updated.version() + ".";
        });
    }

    private static byte[] read(Path jar) {
        try {
            if (Files.size(jar) > ConnectorAdmin.MAX_JAR_BYTES) {
                throw new org.humanchat.api.connector.ConnectorException(jar.getFileName() + " is larger than "
                        + ConnectorAdmin.MAX_JAR_BYTES / (1024 * 1024) + " MB");
            }
            return Files.readAllBytes(jar);
        } catch (IOException e) {
            throw new org.humanchat.api.connector.ConnectorException(jar + " cannot be read: " + e.getMessage(), e);
        }
    }

    private void confirmAndUninstall() {
        selected(bundleViewer, ConnectorBundle.class).ifPresent(bundle -> {
            if (MessageDialog.openConfirm(content.getShell(), "Uninstall " + bundle.name(), "Uninstall "
                    + bundle.name() + " " + bundle.version() + "? Its instances keep their settings; conversations "
                    + "stay readable, and their replies wait until a connector for them is installed again.")) {
                uninstall(bundle);
            }
        });
    }

    void uninstall(ConnectorBundle bundle) {
        bundleChange("Uninstalling", b -> {
            admin.uninstall(b.bundleId(), me());
            return b;
        }, bundle);
    }

    private void bundleChange(String doing, java.util.function.Function<ConnectorBundle, ConnectorBundle> work) {
        selected(bundleViewer, ConnectorBundle.class).ifPresent(bundle -> bundleChange(doing, work, bundle));
    }

    private void bundleChange(String doing, java.util.function.Function<ConnectorBundle, ConnectorBundle> work,
            ConnectorBundle bundle) {
        change(doing + " " + bundle.name(), () -> {
            work.apply(bundle);
            return doing.replace("ing", "ed") + " " + bundle.name() + ".";
        });
    }

    private void addInstance() {
        selected(bundleViewer, ConnectorBundle.class).filter(b -> !b.types().isEmpty())
                .ifPresent(bundle -> openForm(bundle.types().get(0).factoryPid(), null, Map.of(), null));
    }

    private void editInstance() {
        if (!isAdmin()) {
            return;
        }
        selected(instanceViewer, ConnectorInstance.class)
                .ifPresent(instance -> openForm(instance.factoryPid(), instance, Map.of(), null));
    }

    /** Reads the form in the background, then opens it; a refused save opens it again with what was typed. */
    void openForm(String factoryPid, ConnectorInstance instance, Map<String, String> typed, String error) {
        ConnectorAdmin connectors = admin;
        DeskSession s = session;
        // The channels and Brains are read with the form: one created by a refused save a moment ago is offered.
        DeskJobs.run("Reading the form", content, () -> {
            ConfigForm form = connectors.form(factoryPid);
            shownLinks = new Links(s.directory().channels(), s.directory().brains(), s.directory().environments());
            return form;
        }, form -> showForm(form, instance, typed, error), failure -> say(failure.getMessage()));
    }

    /** The channels, Brains and environments a form links to, read with the form. */
    private record Links(List<Channel> channels, List<Brain> brains, List<Environment> environments) {
    }

    private volatile Links shownLinks;

    private void showForm(ConfigForm form, ConnectorInstance instance, Map<String, String> typed, String error) {
        ConfigFormDialog dialog = formDialog(form, instance, typed, error);
        if (dialog.open() != Window.OK) {
            return;
        }
        save(form, instance, dialog.values(), dialog.newLink());
    }

    ConfigFormDialog formDialog(ConfigForm form, ConnectorInstance instance, Map<String, String> typed,
            String error) {
        // Only channels (Brains) of this connector's type: a WhatsApp number cannot serve a Telegram channel.
        String type = connectorType(form.type().factoryPid());
        Links known = shownLinks != null ? shownLinks
                : new Links(shown.channels(), shown.brains(), shown.environments());
        java.util.function.LongFunction<String> environment = id -> known.environments().stream()
                .filter(e -> e.id() == id).findFirst().map(Environment::name).orElse("environment " + id);
        List<ConfigFormDialog.Link> links = form.type().kind() == ConnectorKind.CHANNEL
                ? known.channels().stream().filter(c -> c.type().equals(type))
                        .map(c -> new ConfigFormDialog.Link(c.id(), c.name() + " \u2014 "
                                + environment.apply(c.environmentId()))).toList()
                : known.brains().stream().filter(b -> b.connectorType().equals(type))
                        .map(b -> new ConfigFormDialog.Link(b.id(), b.name() + " \u2014 "
                                + environment.apply(b.environmentId()))).toList();
        return new ConfigFormDialog(content.getShell(), form, instance, typed, links, known.environments(), error);
    }

    void save(ConfigForm form, ConnectorInstance instance, Map<String, String> values,
            java.util.Optional<ConfigFormDialog.NewLink> newLink) {
        ConnectorAdmin connectors = admin;
        DeskSession s = session;
        String pid = form.type().factoryPid();
        String type = connectorType(pid);
        Map<String, String> all = new HashMap<>(values);
        DeskJobs.run("Saving " + form.type().name(), content, () -> {
            newLink.ifPresent(link -> {
                long id = form.type().kind() == ConnectorKind.CHANNEL
                        ? s.directory().createChannel(link.environmentId(), type, link.name(), s.agent().id()).id()
                        : s.directory().createBrain(link.environmentId(), link.name(), type, s.agent().id()).id();
                all.put(form.type().kind() == ConnectorKind.CHANNEL ? ConnectorInstance.CHANNEL_LINK
                        : ConnectorInstance.BRAIN_LINK, Long.toString(id));
            });
            return connectors.saveInstance(pid, instance == null ? null : instance.pid(), all, s.agent().id());
        }, saved -> {
            String serves = newLink.map(ConfigFormDialog.NewLink::name).orElseGet(() -> serves(saved));
            say((instance == null ? "Created " : "Saved ") + form.type().name()
                    + (serves.isEmpty() ? "" : " for " + serves) + ": " + saved.status());
            reload();
        }, failure -> {
            say(failure.getMessage());
            reload();
            // The linked channel, if new, exists now: offer it in the form instead of creating another.
            Map<String, String> typed = new HashMap<>(all);
            typed.replaceAll((k, v) -> form.field(k).map(f -> f.secret()).orElse(false) ? "" : v);
            openForm(pid, instance, typed, failure.getMessage());
        });
    }

    /** The type a channel or Brain of this connector has on the desk: the last part of its factory PID. */
    static String connectorType(String factoryPid) {
        return factoryPid.substring(factoryPid.lastIndexOf('.') + 1);
    }

    private void confirmAndDeleteInstance() {
        selected(instanceViewer, ConnectorInstance.class).ifPresent(instance -> {
            if (MessageDialog.openConfirm(content.getShell(), "Delete instance", "Delete "
                    + typeName(instance.factoryPid()) + " " + serves(instance) + "? Its channel stops taking "
                    + "messages; its conversations stay.")) {
                deleteInstance(instance);
            }
        });
    }

    void deleteInstance(ConnectorInstance instance) {
        ConnectorAdmin connectors = admin;
        long agentId = me();
        change("Deleting the instance", () -> {
            connectors.deleteInstance(instance.pid(), agentId);
            return "Deleted " + typeName(instance.factoryPid()) + " " + instance.pid() + ".";
        });
    }

    private void issueApiToken() {
        DeskSession s = session;
        DeskJobs.run("Issuing an API token", content, () -> s.directory().issueApiToken(s.agent().id(),
                s.agent().id()), token -> new InputDialog(content.getShell(), "API token",
                        "Copy this token now: it is shown only once, and replaces the one you had. Scripts send it "
                                + "as 'Authorization: Bearer <token>' to " + "/admin/ on the endpoint.",
                        token, null).open(),
                failure -> say(failure.getMessage()));
    }

    private void change(String doing, Supplier<String> work) {
        say(doing + "\u2026");
        DeskJobs.run(doing, content, work, done -> {
            say(done);
            reload();
        }, failure -> {
            say(failure.getMessage());
            reload();
        });
    }

    private void say(String text) {
        if (!feedback.isDisposed()) {
            feedback.setText(text);
            feedback.getParent().layout(true, true);
        }
    }

    // ---- widgets

    private Group group(String title) {
        return Controls.group(content, title, 1, !title.startsWith("Drop"));
    }

    private static TableViewer table(Composite parent, int height) {
        TableViewer viewer = new TableViewer(parent, SWT.BORDER | SWT.FULL_SELECTION | SWT.SINGLE);
        viewer.setContentProvider(ArrayContentProvider.getInstance());
        viewer.getTable().setHeaderVisible(true);
        viewer.getTable().setLinesVisible(true);
        GridDataFactory.fillDefaults().grab(true, true).hint(400, height).applyTo(viewer.getTable());
        return viewer;
    }

    private static void column(TableViewer viewer, String title, int width,
            java.util.function.Function<Object, String> text) {
        TableViewerColumn column = new TableViewerColumn(viewer, SWT.NONE);
        column.getColumn().setText(title);
        column.getColumn().setWidth(width);
        column.setLabelProvider(new ColumnLabelProvider() {
            @Override
            public String getText(Object element) {
                return text.apply(element);
            }
        });
    }

    private static Composite buttons(Composite parent, int columns) {
        return Controls.row(parent, columns);
    }

    private static Button button(Composite parent, String text, Runnable action) {
        return Controls.button(parent, text, action);
    }

    private static <T> java.util.Optional<T> selected(TableViewer viewer, Class<T> type) {
        Object first = ((IStructuredSelection) viewer.getSelection()).getFirstElement();
        return type.isInstance(first) ? java.util.Optional.of(type.cast(first)) : java.util.Optional.empty();
    }

    // ---- for tests

    Composite content() {
        return content;
    }

    TableViewer bundleViewer() {
        return bundleViewer;
    }

    TableViewer instanceViewer() {
        return instanceViewer;
    }

    String feedbackText() {
        return feedback.getText();
    }

    String problemsText() {
        return problems.getText();
    }

    String roleNoteText() {
        return roleNote.getText();
    }

    Snapshot shown() {
        return shown;
    }
}
