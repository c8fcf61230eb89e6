package org.humanchat.ui.internal;

import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.core.di.extensions.EventTopic;
import org.eclipse.e4.ui.di.Focus;
import org.eclipse.e4.ui.workbench.modeling.ESelectionService;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.jface.viewers.ILazyContentProvider;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.jface.viewers.TableViewerColumn;
import org.eclipse.jface.viewers.Viewer;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.Text;
import org.humanchat.api.event.ConversationEvents;
import org.humanchat.api.model.InboxCounts;
import org.humanchat.api.model.InboxQuery;
import org.humanchat.api.model.InboxRow;
import org.humanchat.api.model.InboxTab;
import org.humanchat.ui.ConversationOpener;
import org.humanchat.ui.DeskSession;
import org.osgi.service.event.Event;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;

/**
 * The inbox: five tabs with their counts, a search box, and a virtual table of conversations, newest activity first
 * (Unassigned: longest waiting first). Rows are fetched a page at a time as they scroll into view. Conversation
 * events mark the inbox stale; one refresh Job then repaints it, at most every {@link #REFRESH_DELAY_MS} ms however
 * many events arrive.
 */
public final class InboxPart {

    public static final String ID = "org.humanchat.ui.part.inbox";
    static final int PAGE = 100;
    static final long REFRESH_DELAY_MS = 150;

    private final Map<InboxTab, Button> tabButtons = new EnumMap<>(InboxTab.class);
    private final AtomicBoolean refreshScheduled = new AtomicBoolean();
    private TableViewer viewer;
    private ChannelIcons channelIcons;
    private Text search;
    private Label status;
    private Display display;
    private ESelectionService selectionService;
    private ConversationOpener opener;

    private volatile DeskSession session;
    private volatile InboxTab tab = InboxTab.ME;
    private volatile String searchText = "";
    private volatile long environmentId;
    private volatile long channelId;
    private volatile String tagName = "";
    private Combo environmentFilter;
    private Combo channelFilter;
    private Combo tagFilter;
    private long[] environmentIds = new long[0];
    private long[] channelIds = new long[0];
    /** Rows loaded so far for the current query; replaced (not cleared) on each refresh. */
    private Map<Integer, InboxRow> rows = new HashMap<>();
    private final Set<Integer> pagesLoading = new HashSet<>();
    private InboxQuery shownQuery;
    private Job refreshJob;

    @PostConstruct
    public void create(Composite parent, @Optional ESelectionService selectionService,
            @Optional ConversationOpener opener) {
        this.display = parent.getDisplay();
        this.channelIcons = new ChannelIcons(display);
        this.selectionService = selectionService;
        this.opener = opener;
        GridLayoutFactory.fillDefaults().margins(6, 6).spacing(4, 6).applyTo(parent);

        search = new Text(parent, SWT.SEARCH | SWT.ICON_SEARCH | SWT.ICON_CANCEL);
        search.setMessage("Search name, email, phone or text");
        search.setData("org.eclipse.swtbot.widget.key", "inbox.search");
        GridDataFactory.fillDefaults().grab(true, false).applyTo(search);
        search.addListener(SWT.DefaultSelection, e -> refreshNow());
        search.addListener(SWT.Modify, e -> {
            searchText = search.getText();
            refreshSoon();
        });

        Composite filters = new Composite(parent, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(3).equalWidth(true).applyTo(filters);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(filters);
        environmentFilter = filter(filters, "All environments");
        channelFilter = filter(filters, "All channels");
        tagFilter = filter(filters, "All tags");

        Composite tabs = new Composite(parent, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(InboxTab.values().length).equalWidth(false).spacing(2, 0)
                .applyTo(tabs);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(tabs);
        for (InboxTab t : InboxTab.values()) {
            Button button = new Button(tabs, SWT.TOGGLE);
            button.setText(t.label());
            button.setData(t);
            button.setSelection(t == tab);
            button.addListener(SWT.Selection, e -> select(t));
            tabButtons.put(t, button);
        }

        viewer = new TableViewer(parent, SWT.VIRTUAL | SWT.FULL_SELECTION | SWT.SINGLE | SWT.BORDER);
        viewer.setUseHashlookup(true);
        Table table = viewer.getTable();
        table.setHeaderVisible(true);
        table.setLinesVisible(false);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(table);
        column("Contact", 150, r -> (r.unread() ? "\u25cf " : "") + r.contactName());
        column("Last message", 260, r -> r.preview());
        column("Channel", 130, r -> r.channelName(), r -> channelIcons.of(r.channelType()));
        column("Waiting", 70, r -> Durations.since(r.conversation().handedOverAt() != null
                && tab == InboxTab.UNASSIGNED ? r.conversation().handedOverAt() : r.conversation().lastMessageAt(),
                Instant.now()));
        column("Assignee", 110, r -> r.assigneeName().isEmpty() ? "\u2014" : r.assigneeName());
        column("Tags", 100, r -> String.join(", ", r.conversation().tags().stream().sorted().toList()));
        column("Environment", 100, r -> r.environmentName());
        viewer.setContentProvider(new LazyRows());
        viewer.setInput(this);
        viewer.addSelectionChangedListener(e -> {
            Object selected = ((IStructuredSelection) e.getSelection()).getFirstElement();
            if (selected instanceof InboxRow row && this.selectionService != null) {
                this.selectionService.setSelection(row);
            }
        });
        viewer.addOpenListener(e -> {
            Object selected = ((IStructuredSelection) e.getSelection()).getFirstElement();
            if (selected instanceof InboxRow row && this.opener != null) {
                this.opener.open(row.conversation().id());
            }
        });

        status = new Label(parent, SWT.NONE);
        status.setText("Opening the database\u2026");
        GridDataFactory.fillDefaults().grab(true, false).applyTo(status);
        updateTabLabels(null);
        if (session != null) {
            loadFilters(session);
            refreshNow(); // injection comes before @PostConstruct: the session may be here already
        }
    }

    private Combo filter(Composite parent, String all) {
        Combo combo = new Combo(parent, SWT.READ_ONLY);
        combo.setItems(all);
        combo.select(0);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(combo);
        combo.addListener(SWT.Selection, e -> {
            environmentId = selectedId(environmentFilter, environmentIds);
            channelId = selectedId(channelFilter, channelIds);
            tagName = tagFilter.getSelectionIndex() <= 0 ? "" : tagFilter.getText();
            refreshNow();
        });
        return combo;
    }

    private static long selectedId(Combo combo, long[] ids) {
        int i = combo.getSelectionIndex();
        return i <= 0 || i > ids.length ? 0 : ids[i - 1];
    }

    private record Filters(List<org.humanchat.api.model.Environment> environments,
            List<org.humanchat.api.model.Channel> channels, List<String> tags) {
    }

    /** Fills the filter lists from the directory (environments, channels, tags in use). */
    private void loadFilters(DeskSession current) {
        DeskJobs.run("Loading inbox filters", viewer.getTable(), () -> new Filters(current.directory().environments(),
                current.directory().channels(), current.inbox().tags()), loaded -> {
                    environmentIds = loaded.environments().stream().mapToLong(e -> e.id()).toArray();
                    channelIds = loaded.channels().stream().mapToLong(c -> c.id()).toArray();
                    refill(environmentFilter, "All environments", loaded.environments().stream().map(e -> e.name()));
                    refill(channelFilter, "All channels", loaded.channels().stream().map(c -> c.name()));
                    refill(tagFilter, "All tags", loaded.tags().stream());
                }, failure -> status.setText("Could not load the filters: " + failure.getMessage()));
    }

    private static void refill(Combo combo, String all, java.util.stream.Stream<String> names) {
        String selected = combo.getText();
        java.util.List<String> items = new java.util.ArrayList<>();
        items.add(all);
        names.forEach(items::add);
        combo.setItems(items.toArray(String[]::new));
        int index = items.indexOf(selected);
        combo.select(Math.max(0, index));
    }

    private void column(String title, int width, java.util.function.Function<InboxRow, String> text) {
        column(title, width, text, null);
    }

    /** A column; unread rows are bold; {@code icon} gives the column an image per row. */
    private void column(String title, int width, java.util.function.Function<InboxRow, String> text,
            java.util.function.Function<InboxRow, org.eclipse.swt.graphics.Image> icon) {
        TableViewerColumn column = new TableViewerColumn(viewer, SWT.LEFT);
        column.getColumn().setText(title);
        column.getColumn().setWidth(width);
        column.setLabelProvider(new ColumnLabelProvider() {
            @Override
            public String getText(Object element) {
                return element instanceof InboxRow row ? text.apply(row) : "";
            }

            @Override
            public org.eclipse.swt.graphics.Font getFont(Object element) {
                return element instanceof InboxRow row && row.unread()
                        ? org.eclipse.jface.resource.JFaceResources.getFontRegistry().getBold(
                                org.eclipse.jface.resource.JFaceResources.DEFAULT_FONT)
                        : null;
            }

            @Override
            public org.eclipse.swt.graphics.Image getImage(Object element) {
                return icon != null && element instanceof InboxRow row ? icon.apply(row) : null;
            }
        });
    }

    @Inject
    @Optional
    public void sessionReady(DeskSession readySession) {
        this.session = readySession;
        if (viewer != null) {
            loadFilters(readySession);
            refreshNow();
        }
    }

    /** The desk has no session and will not get one (e.g. the database cannot be opened): say so. */
    @Inject
    @Optional
    public void problem(org.humanchat.ui.DeskProblem problem) {
        if (status != null && !status.isDisposed()) {
            status.setText(problem.message());
            status.requestLayout();
        }
    }

    /** Any conversation change (from any thread): the inbox is stale; the refresh Job batches them. */
    @Inject
    @Optional
    public void conversationChanged(@EventTopic(ConversationEvents.ALL) Event event) {
        refreshSoon();
        if (ConversationEvents.TAGGED.equals(event.getTopic())) {
            DeskSession current = session;
            if (current != null && viewer != null) {
                DeskJobs.asyncIfAlive(display, viewer.getTable(), () -> loadFilters(current));
            }
        }
    }

    /** The agent read a conversation: its unread marker goes. */
    @Inject
    @Optional
    public void conversationSeen(@EventTopic(ConversationEvents.SEEN) Event event) {
        DeskSession current = session;
        if (current != null && java.util.Objects.equals(event.getProperty(ConversationEvents.AGENT_ID),
                current.agent().id())) {
            refreshSoon();
        }
    }

    /** Environments and channels were set up: the filters offer them. */
    @Inject
    @Optional
    public void setupChanged(@EventTopic(org.humanchat.api.event.DirectoryEvents.ALL) Event event) {
        DeskSession current = session;
        if (current != null && viewer != null) {
            DeskJobs.asyncIfAlive(display, viewer.getTable(), () -> loadFilters(current));
            if (org.humanchat.api.event.DirectoryEvents.SETUP_CHANGED.equals(event.getTopic())) {
                refreshSoon(); // e.g. a tag renamed on many conversations at once
            }
        }
    }

    /** Chooses a tag filter by name ("" for all), as picking it in the list does. */
    void filterByTag(String tag) {
        int index = java.util.Arrays.asList(tagFilter.getItems()).indexOf(tag);
        tagFilter.select(Math.max(0, index));
        tagFilter.notifyListeners(SWT.Selection, new org.eclipse.swt.widgets.Event());
    }

    String[] tagChoices() {
        return tagFilter.getItems();
    }

    @Focus
    public void focus() {
        viewer.getTable().setFocus();
    }

    @PreDestroy
    public void dispose() {
        if (refreshJob != null) {
            refreshJob.cancel();
        }
        if (channelIcons != null) {
            channelIcons.dispose();
        }
    }

    public InboxTab tab() {
        return tab;
    }

    /** Shows another tab. */
    public void select(InboxTab newTab) {
        tab = newTab;
        tabButtons.forEach((t, b) -> b.setSelection(t == newTab));
        refreshNow();
    }

    /** Puts the keyboard focus in the search box. */
    public void focusSearch() {
        search.setFocus();
        search.selectAll();
    }

    /** Moves the selection by {@code delta} rows (next/previous conversation) and opens it. */
    public void move(int delta) {
        Table table = viewer.getTable();
        int count = table.getItemCount();
        if (count == 0) {
            return;
        }
        int index = Math.max(0, Math.min(count - 1, table.getSelectionIndex() + delta));
        table.setSelection(index);
        InboxRow row = rows.get(index);
        if (row != null) {
            if (selectionService != null) {
                selectionService.setSelection(row);
            }
            if (opener != null) {
                opener.open(row.conversation().id());
            }
        }
    }

    private void refreshSoon() {
        if (refreshScheduled.compareAndSet(false, true)) {
            refreshJob().schedule(REFRESH_DELAY_MS);
        }
    }

    private void refreshNow() {
        refreshScheduled.set(true);
        refreshJob().schedule();
    }

    private synchronized Job refreshJob() {
        if (refreshJob == null) {
            refreshJob = new Job("Refreshing the inbox") {
                @Override
                protected IStatus run(IProgressMonitor monitor) {
                    refreshScheduled.set(false);
                    DeskSession current = session;
                    if (current == null || display.isDisposed()) {
                        return Status.OK_STATUS;
                    }
                    InboxQuery query = currentQuery(current);
                    try {
                        InboxCounts counts = current.inbox().counts(current.agent().id());
                        List<InboxRow> first = current.inbox().page(query.withPage(0, PAGE));
                        if (!query.isFiltered() || first.size() < PAGE) {
                            // the tab's count is kept by the store; a filtered list of one page is counted by it
                            long total = query.isFiltered() ? first.size() : counts.of(query.tab());
                            DeskJobs.asyncIfAlive(display, viewer.getTable(), () -> show(query, counts, total, first));
                        } else {
                            // A longer filtered list is counted by reading the whole tab (hundreds of ms with a
                            // million conversations): its rows are shown first, the count follows.
                            DeskJobs.asyncIfAlive(display, viewer.getTable(),
                                    () -> show(query, counts, COUNTING, first));
                            long total = current.inbox().count(query);
                            DeskJobs.asyncIfAlive(display, viewer.getTable(), () -> showTotal(query, total));
                        }
                    } catch (RuntimeException e) {
                        DeskJobs.asyncIfAlive(display, viewer.getTable(),
                                () -> status.setText("Could not load the inbox: " + e.getMessage()));
                    }
                    return Status.OK_STATUS;
                }

                @Override
                public boolean belongsTo(Object family) {
                    return family == DeskJobs.FAMILY;
                }
            };
            refreshJob.setSystem(true);
        }
        return refreshJob;
    }

    /** The tab and search as last set on the UI thread; read by the refresh Job. */
    private InboxQuery currentQuery(DeskSession current) {
        InboxTab shownTab = tab;
        return new InboxQuery(shownTab, current.agent().id(), searchText, environmentId, channelId, tagName,
                shownTab == InboxTab.UNASSIGNED, 0, PAGE);
    }

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(InboxPart.class);
    private boolean populatedOnce;

    /** The total of {@link #show}'s list while it is being counted. */
    private static final long COUNTING = -1;
    /** The length of the list shown, or COUNTING. */
    private long shownTotal = COUNTING;

    private void show(InboxQuery query, InboxCounts counts, long total, List<InboxRow> first) {
        if (!populatedOnce) {
            populatedOnce = true;
            LOG.info("Inbox populated {} ms after the JVM started", System.currentTimeMillis()
                    - java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime());
        }
        if (!query.equals(currentQuery(session))) {
            refreshSoon(); // the agent switched tabs or typed while this ran
        }
        Object selected = viewer.getStructuredSelection().getFirstElement();
        long selectedId = selected instanceof InboxRow row ? row.conversation().id() : 0;
        if (total == COUNTING && query.equals(shownQuery) && shownTotal != COUNTING) {
            // the same list again, being counted again: keep its last length (and the agent's scroll position)
            total = Math.max(shownTotal, first.size());
        }
        shownQuery = query;
        shownTotal = total;
        Map<Integer, InboxRow> loaded = new HashMap<>();
        for (int i = 0; i < first.size(); i++) {
            loaded.put(i, first.get(i));
        }
        rows = loaded;
        pagesLoading.clear();
        updateTabLabels(counts);
        Table table = viewer.getTable();
        table.setRedraw(false);
        try {
            viewer.setItemCount((int) Math.min(total == COUNTING ? first.size() : total, Integer.MAX_VALUE));
            table.clearAll();
            table.deselectAll();
            for (int i = 0; i < first.size(); i++) {
                if (first.get(i).conversation().id() == selectedId) {
                    table.setSelection(i);
                }
            }
        } finally {
            table.setRedraw(true);
        }
        showStatus(total == COUNTING ? String.format("%,d or more conversations, counting\u2026", first.size())
                : total == 1 ? "1 conversation" : String.format("%,d conversations", total));
    }

    /** The count of a long filtered list, once known; the rows past the first page are fetched as they scroll in. */
    private void showTotal(InboxQuery query, long total) {
        if (!query.equals(shownQuery)) {
            return; // the agent has moved on meanwhile
        }
        shownTotal = total;
        viewer.setItemCount((int) Math.min(total, Integer.MAX_VALUE));
        showStatus(total == 1 ? "1 conversation" : String.format("%,d conversations", total));
    }

    private void showStatus(String text) {
        status.setText(text);
        status.getParent().layout(new org.eclipse.swt.widgets.Control[] { status });
    }

    private void updateTabLabels(InboxCounts counts) {
        tabButtons.forEach((t, b) -> b.setText(counts == null ? t.label() : t.label() + "  " + counts.of(t)));
        tabButtons.values().iterator().next().getParent().layout();
    }

    public Table table() {
        return viewer.getTable();
    }

    Text searchBox() {
        return search;
    }

    /** Text of the tab buttons, for tests and screen readers: "Me  3". */
    public String tabLabel(InboxTab t) {
        return tabButtons.get(t).getText();
    }

    /** Fetches rows a page at a time as the virtual table asks for them. */
    private final class LazyRows implements ILazyContentProvider {

        @Override
        public void updateElement(int index) {
            InboxRow row = rows.get(index);
            if (row != null) {
                viewer.replace(row, index);
                return;
            }
            int page = index / PAGE;
            DeskSession current = session;
            InboxQuery query = shownQuery;
            if (current == null || query == null || !pagesLoading.add(page)) {
                return;
            }
            Map<Integer, InboxRow> target = rows;
            DeskJobs.run("Loading conversations", viewer.getTable(),
                    () -> current.inbox().page(query.withPage(page * PAGE, PAGE)),
                    loaded -> {
                        if (target != rows) {
                            return; // a refresh replaced the rows meanwhile
                        }
                        for (int i = 0; i < loaded.size(); i++) {
                            int at = page * PAGE + i;
                            rows.put(at, loaded.get(i));
                            if (at < viewer.getTable().getItemCount()) {
                                viewer.replace(loaded.get(i), at);
                            }
                        }
                    },
                    failure -> status.setText("Could not load conversations: " + failure.getMessage()));
        }

        @Override
        public void inputChanged(Viewer v, Object oldInput, Object newInput) {
            // rows come from the session, not from an input
        }
    }

    /** The line under the table (counts, loading, problems), for tests. */
    String statusText() {
        return status.getText();
    }
}
