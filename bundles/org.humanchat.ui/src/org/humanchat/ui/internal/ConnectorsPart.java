package org.humanchat.ui.internal;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;

import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.core.di.extensions.Service;
import org.eclipse.e4.ui.di.UIEventTopic;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.dnd.DND;
import org.eclipse.swt.dnd.DropTarget;
import org.eclipse.swt.dnd.DropTargetAdapter;
import org.eclipse.swt.dnd.DropTargetEvent;
import org.eclipse.swt.dnd.FileTransfer;
import org.eclipse.swt.dnd.Transfer;
import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Group;
import org.eclipse.swt.widgets.Label;
import org.humanchat.api.connector.ConnectorAdmin;
import org.humanchat.api.connector.ConnectorBundle;
import org.humanchat.api.connector.ConnectorInstance;
import org.humanchat.api.connector.DropInProblem;
import org.humanchat.api.model.Brain;
import org.humanchat.api.model.Channel;
import org.humanchat.api.model.Environment;
import org.humanchat.ui.DeskSession;
import org.osgi.service.event.Event;

import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;

/**
 * The Connectors view, for admins: the channel and Brain connector bundles of the running desk
 * ({@link ConnectorBundlesSection}), their configured instances ({@link ConnectorInstancesSection}), the drop-in
 * folder and what went wrong in it, and API tokens for scripts ({@link ApiTokenSection}). Agents see it all read-only.
 * Kept current from the connector events: installs through the drop-in folder or the admin API show up without a
 * refresh.
 */
public final class ConnectorsPart implements ConnectorChanges {

    public static final String DESCRIPTOR = "org.humanchat.ui.partdescriptor.connectors";

    /** What the view shows, read in one background job. */
    private record Snapshot(List<ConnectorBundle> bundles, List<ConnectorInstance> instances, String dropInFolder,
            List<DropInProblem> problems, List<Channel> channels, List<Brain> brains,
            List<Environment> environments) {
    }

    private Composite content;
    private Label roleNote;
    private ConnectorBundlesSection bundles;
    private ConnectorInstancesSection instances;
    private ApiTokenSection apiToken;
    private Label folder;
    private Label problems;
    private Label feedback;

    private volatile DeskSession session;
    private volatile ConnectorAdmin admin;
    private boolean reloading;
    private boolean reloadAgain;

    @PostConstruct
    public void create(Composite parent) {
        parent.setLayout(new FillLayout());
        content = new Composite(parent, SWT.NONE);
        GridLayoutFactory.fillDefaults().margins(10, 8).spacing(6, 6).applyTo(content);
        roleNote = WidgetKeys.name(new Label(content, SWT.WRAP), "connectors.role");
        GridDataFactory.fillDefaults().grab(true, false).hint(200, SWT.DEFAULT).applyTo(roleNote);

        bundles = new ConnectorBundlesSection(content, this);
        instances = new ConnectorInstancesSection(content, this, bundles::selected);

        Group dropIns = Controls.group(content, "Drop-in folder", 1, false);
        folder = new Label(dropIns, SWT.WRAP);
        GridDataFactory.fillDefaults().grab(true, false).hint(200, SWT.DEFAULT).applyTo(folder);
        problems = WidgetKeys.name(new Label(dropIns, SWT.WRAP), "connectors.problems");
        problems.setForeground(problems.getDisplay().getSystemColor(SWT.COLOR_DARK_RED));
        GridDataFactory.fillDefaults().grab(true, false).hint(200, SWT.DEFAULT).applyTo(problems);

        Composite bottom = Controls.row(content, 2);
        feedback = WidgetKeys.name(new Label(bottom, SWT.WRAP), "connectors.feedback");
        GridDataFactory.fillDefaults().grab(true, false).hint(200, SWT.DEFAULT).applyTo(feedback);
        apiToken = new ApiTokenSection(bottom, () -> session, this::say);

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
                        bundles.installFrom(Path.of(file));
                    }
                }
            }
        });
        selectionChanged();
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

    @Override
    public ConnectorAdmin admin() {
        return admin;
    }

    @Override
    public DeskSession session() {
        return session;
    }

    /** Reads everything again in the background; changes arriving meanwhile make one more read, not one each. */
    @Override
    public void reload() {
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
        roleNote.setText(isAdmin() ? "Install channel and Brain connectors while the desk runs: from a file, by "
                + "dropping a jar here, or by copying it into the drop-in folder."
                : "Only admins change connectors; you see them read-only.");
        bundles.show(snapshot.bundles());
        instances.show(snapshot.instances(), new ConnectorInstancesSection.Known(snapshot.bundles(),
                snapshot.channels(), snapshot.brains(), snapshot.environments()));
        folder.setText("Copy a connector jar into " + snapshot.dropInFolder() + " to install it; replace it to "
                + "update, delete it to uninstall.");
        StringBuilder text = new StringBuilder();
        for (DropInProblem problem : snapshot.problems()) {
            text.append(problem.fileName()).append(": ").append(problem.message()).append('\n');
        }
        problems.setText(text.toString().strip());
        selectionChanged();
        content.layout(true, true);
    }

    @Override
    public boolean isAdmin() {
        return session != null && session.agent().isAdmin() && admin != null;
    }

    @Override
    public void selectionChanged() {
        boolean isAdmin = isAdmin();
        bundles.enable(isAdmin);
        instances.enable(isAdmin);
        apiToken.enable(isAdmin);
    }

    @Override
    public void change(String doing, Supplier<String> work) {
        say(doing + "\u2026");
        DeskJobs.run(doing, content, work, done -> {
            say(done);
            reload();
        }, failure -> {
            say(failure.getMessage());
            reload();
        });
    }

    @Override
    public void say(String text) {
        if (!feedback.isDisposed()) {
            feedback.setText(text);
            feedback.getParent().layout(true, true);
        }
    }
}
