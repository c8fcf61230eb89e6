package org.humanchat.ui.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.core.di.extensions.Service;
import org.eclipse.e4.ui.di.UIEventTopic;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.jface.viewers.ILazyContentProvider;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.jface.viewers.TableViewerColumn;
import org.eclipse.jface.viewers.Viewer;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.Text;
import org.humanchat.api.model.Agent;
import org.humanchat.api.service.AuditEntry;
import org.humanchat.api.service.AuditQuery;
import org.humanchat.api.service.AuditService;
import org.humanchat.ui.DeskSession;
import org.osgi.service.event.Event;

import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;

/**
 * The Audit view, for admins: who changed what in the set-up and the connectors, when, with before and after,
 * newest first, read-only. Filtered by agent, action (or area, "environment.*") and text; older entries are read a
 * page at a time as the table is scrolled to its end (or with "Load more"); a new entry shows at once. Agents see
 * a message and no data (the service refuses them too).
 */
public final class AuditPart {

    public static final String DESCRIPTOR = "org.humanchat.ui.partdescriptor.audit";
    static final String ONLY_ADMINS = "Only admins see the audit log.";
    private static final String ANYBODY = "Anybody";
    private static final String ALL_ACTIONS = "All actions";
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneId.systemDefault());

    private final AuditPages pages = new AuditPages();
    private Label message;
    private Combo agentFilter;
    private Combo actionFilter;
    private Combo timeFilter;
    private Text textFilter;
    private Button loadMore;
    private TableViewer viewer;
    /** The agent ids behind the agent filter's items (0: anybody). */
    private final List<Long> agentIds = new ArrayList<>();

    private volatile DeskSession session;
    private volatile AuditService audit;
    private boolean loadingMore;
    private boolean reloading;
    /** Entries recorded while the first page was read: it is read once more, not once per entry. */
    private boolean reloadAgain;

    @PostConstruct
    public void create(Composite parent) {
        GridLayoutFactory.fillDefaults().margins(8, 6).spacing(6, 6).applyTo(parent);
        message = WidgetKeys.name(new Label(parent, SWT.WRAP), "audit.message");
        GridDataFactory.fillDefaults().grab(true, false).hint(200, SWT.DEFAULT).applyTo(message);

        Composite filters = Controls.row(parent, 5);
        agentFilter = WidgetKeys.name(new Combo(filters, SWT.READ_ONLY), "audit.agent");
        agentFilter.setToolTipText("Who made the change");
        actionFilter = WidgetKeys.name(new Combo(filters, SWT.READ_ONLY), "audit.action");
        actionFilter.setToolTipText("What was done; an area (environment.*) takes all of its actions");
        GridDataFactory.swtDefaults().hint(160, SWT.DEFAULT).applyTo(agentFilter);
        GridDataFactory.swtDefaults().hint(240, SWT.DEFAULT).applyTo(actionFilter);
        timeFilter = WidgetKeys.name(new Combo(filters, SWT.READ_ONLY), "audit.time");
        timeFilter.setToolTipText("When it was done");
        timeFilter.setItems(Arrays.stream(Since.values()).map(Since::label).toArray(String[]::new));
        timeFilter.select(0);
        timeFilter.addListener(SWT.Selection, e -> reload());
        agentFilter.setItems(ANYBODY);
        agentFilter.select(0);
        actionFilter.setItems(ALL_ACTIONS);
        actionFilter.select(0);
        textFilter = WidgetKeys.name(new Text(filters, SWT.SEARCH | SWT.ICON_CANCEL | SWT.ICON_SEARCH), "audit.text");
        textFilter.setMessage("Subject, before or after contains\u2026");
        GridDataFactory.fillDefaults().grab(true, false).applyTo(textFilter);
        loadMore = WidgetKeys.name(Controls.button(filters, "Load more", this::loadMore), "audit.more");
        agentFilter.addListener(SWT.Selection, e -> reload());
        actionFilter.addListener(SWT.Selection, e -> reload());
        textFilter.addListener(SWT.DefaultSelection, e -> reload());
        textFilter.addListener(SWT.Modify, e -> {
            if (textFilter.getText().isEmpty()) {
                reload();
            }
        });

        viewer = new TableViewer(parent, SWT.VIRTUAL | SWT.FULL_SELECTION | SWT.MULTI | SWT.BORDER);
        viewer.setUseHashlookup(true);
        Table table = WidgetKeys.name(viewer.getTable(), "audit.table");
        table.setHeaderVisible(true);
        table.setLinesVisible(true);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(table);
        column("When", 140, e -> WHEN.format(e.at()));
        column("Who", 110, AuditEntry::agentName);
        column("Action", 200, AuditEntry::action);
        column("Subject", 240, AuditPart::subject);
        column("Before", 220, e -> oneLine(e.before()));
        column("After", 220, e -> oneLine(e.after()));
        viewer.setContentProvider(new LazyEntries());
        viewer.setInput(pages);
        show();
        reload();
    }

    private void column(String title, int width, Function<AuditEntry, String> text) {
        TableViewerColumn column = new TableViewerColumn(viewer, SWT.LEFT);
        column.getColumn().setText(title);
        column.getColumn().setWidth(width);
        column.setLabelProvider(new ColumnLabelProvider() {
            @Override
            public String getText(Object element) {
                return element instanceof AuditEntry entry ? text.apply(entry) : "";
            }

            @Override
            public String getToolTipText(Object element) {
                return element instanceof AuditEntry entry ? text.apply(entry) : null;
            }
        });
    }

    static String subject(AuditEntry entry) {
        String id = entry.subjectId().isEmpty() || entry.subjectId().equals(entry.subjectName()) ? ""
                : " (" + entry.subjectId() + ")";
        return entry.subjectKind() + " " + entry.subjectName() + id;
    }

    private static String oneLine(String text) {
        return text.replace('\n', ' ');
    }

    @Inject
    @Optional
    public void sessionReady(DeskSession readySession) {
        this.session = readySession;
        DeskJobs.onUiThread(message, this::reload);
    }

    @Inject
    @Optional
    public void auditReady(@Service AuditService service) {
        this.audit = service;
        DeskJobs.onUiThread(message, this::reload);
    }

    /** A new entry: the first page is read again (the rows further down stay as they are until then). */
    @Inject
    @Optional
    public void recorded(@UIEventTopic(AuditService.RECORDED) Event event) {
        if (message != null && !message.isDisposed()) {
            reload();
        }
    }

    /** The time filter's choices: from when entries are shown. */
    enum Since {
        ANY_TIME("Any time", null), LAST_HOUR("Last hour", Duration.ofHours(1)), TODAY("Today", Duration.ZERO),
        LAST_7_DAYS("Last 7 days", Duration.ofDays(7)), LAST_30_DAYS("Last 30 days", Duration.ofDays(30));

        private final String label;
        private final Duration back;

        Since(String label, Duration back) {
            this.label = label;
            this.back = back;
        }

        String label() {
            return label;
        }

        /** The first instant shown, {@code now} being now; null for any time. Today starts at local midnight. */
        Instant from(Instant now) {
            if (back == null) {
                return null;
            }
            if (back.isZero()) {
                return now.atZone(ZoneId.systemDefault()).toLocalDate().atStartOfDay(ZoneId.systemDefault())
                        .toInstant();
            }
            return now.minus(back);
        }
    }

    private boolean isAdmin() {
        return session != null && session.agent().isAdmin();
    }

    /** Reads the filters' choices and the first page of entries again, in the background. */
    void reload() {
        if (message == null || message.isDisposed()) {
            return;
        }
        DeskSession s = session;
        AuditService service = audit;
        if (s == null || service == null || !s.agent().isAdmin()) {
            show();
            return;
        }
        if (reloading) {
            reloadAgain = true;
            return;
        }
        reloading = true;
        AuditQuery query = pages.filter(agentIdChosen(), actionChosen(), textFilter.getText(),
                Since.values()[Math.max(0, timeFilter.getSelectionIndex())].from(Instant.now()));
        int generation = pages.generation();
        long me = s.agent().id();
        record Loaded(List<AuditEntry> page, List<Agent> agents, List<String> actions) {
        }
        DeskJobs.run("Reading the audit log", viewer.getTable(),
                () -> new Loaded(service.entries(query, me), s.directory().agents(), service.actions(me)), loaded -> {
                    reloading = false;
                    offer(loaded.agents(), loaded.actions());
                    if (pages.firstPageLoaded(generation, loaded.page())) {
                        show();
                    }
                    if (reloadAgain) {
                        reloadAgain = false;
                        reload();
                    }
                }, failure -> {
                    reloading = false;
                    message.setText("The audit log cannot be read: " + failure.getMessage());
                });
    }

    private void loadMore() {
        DeskSession s = session;
        AuditService service = audit;
        java.util.Optional<AuditQuery> next = pages.nextPage();
        if (loadingMore || s == null || service == null || next.isEmpty()) {
            return;
        }
        loadingMore = true;
        int generation = pages.generation();
        DeskJobs.run("Reading older audit entries", viewer.getTable(),
                () -> service.entries(next.get(), s.agent().id()), page -> {
                    loadingMore = false;
                    if (pages.nextPageLoaded(generation, next.get(), page)) {
                        show();
                    }
                }, failure -> {
                    loadingMore = false;
                    message.setText("The audit log cannot be read: " + failure.getMessage());
                });
    }

    private void show() {
        boolean admin = isAdmin();
        List<AuditEntry> rows = admin ? pages.rows() : List.of();
        if (session == null) {
            message.setText("Opening the database\u2026");
        } else if (!admin) {
            message.setText(ONLY_ADMINS);
        } else if (audit == null) {
            message.setText("The audit log is not running in this desk.");
        } else {
            message.setText(rows.isEmpty() ? "Nothing recorded matches the filter."
                    : rows.size() + (pages.more() ? "+" : "") + " changes, newest first");
        }
        agentFilter.setEnabled(admin);
        actionFilter.setEnabled(admin);
        timeFilter.setEnabled(admin);
        textFilter.setEnabled(admin);
        loadMore.setEnabled(admin && pages.more());
        viewer.getTable().setVisible(admin);
        viewer.setItemCount(rows.size());
        viewer.refresh();
        message.requestLayout();
    }

    /** Fills the filters with the agents and the actions known, keeping what is chosen. */
    private void offer(List<Agent> agents, List<String> actions) {
        String agentChosen = agentFilter.getText();
        agentFilter.removeAll();
        agentIds.clear();
        agentFilter.add(ANYBODY);
        agentIds.add(0L);
        for (Agent agent : agents) {
            agentFilter.add(agent.name());
            agentIds.add(agent.id());
        }
        agentFilter.select(Math.max(0, agentFilter.indexOf(agentChosen)));

        String actionChosen = actionFilter.getText();
        Set<String> items = new LinkedHashSet<>();
        items.add(ALL_ACTIONS);
        Map<String, List<String>> byArea = new LinkedHashMap<>();
        for (String action : actions) {
            int dot = action.indexOf('.');
            byArea.computeIfAbsent(dot < 0 ? action : action.substring(0, dot), a -> new ArrayList<>()).add(action);
        }
        byArea.forEach((area, inArea) -> {
            items.add(area + ".*");
            items.addAll(inArea);
        });
        actionFilter.setItems(items.toArray(String[]::new));
        actionFilter.select(Math.max(0, actionFilter.indexOf(actionChosen)));
        agentFilter.requestLayout();
    }

    private long agentIdChosen() {
        int index = agentFilter.getSelectionIndex();
        return index <= 0 || index >= agentIds.size() ? 0 : agentIds.get(index);
    }

    private String actionChosen() {
        String chosen = actionFilter.getText();
        if (chosen.isEmpty() || chosen.equals(ALL_ACTIONS)) {
            return "";
        }
        return chosen.endsWith(".*") ? chosen.substring(0, chosen.length() - 1) : chosen;
    }

    /** Rows on demand; reaching the last row loaded reads the next page. */
    private final class LazyEntries implements ILazyContentProvider {

        @Override
        public void updateElement(int index) {
            List<AuditEntry> rows = pages.rows();
            if (index < rows.size()) {
                viewer.replace(rows.get(index), index);
            }
            if (index == rows.size() - 1 && pages.more()) {
                viewer.getTable().getDisplay().asyncExec(() -> {
                    if (!viewer.getTable().isDisposed()) {
                        loadMore();
                    }
                });
            }
        }

        @Override
        public void inputChanged(Viewer v, Object oldInput, Object newInput) {
            // the rows are the part's pages, not an input
        }
    }
}
