package org.humanchat.ui.internal;

import java.lang.management.ManagementFactory;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

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
import org.eclipse.jface.viewers.ILazyContentProvider;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.jface.viewers.Viewer;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.Text;
import org.humanchat.api.event.ConversationEvents;
import org.humanchat.api.event.DirectoryEvents;
import org.humanchat.api.model.InboxCounts;
import org.humanchat.api.model.InboxQuery;
import org.humanchat.api.model.InboxRow;
import org.humanchat.api.model.InboxTab;
import org.humanchat.ui.ConversationOpener;
import org.humanchat.ui.DeskProblem;
import org.humanchat.ui.DeskSession;
import org.osgi.service.event.Event;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;

/**
 * The inbox, as a view of its {@link InboxModel}: five tabs with their counts, a search box, filters, and a virtual
 * table of conversations, newest activity first (Unassigned: longest waiting first). Rows are fetched a page at a
 * time as they scroll into view. Conversation events mark the inbox stale; one refresh Job then repaints it, at most
 * every {@link #REFRESH_DELAY_MS} ms however many events arrive.
 */
public final class InboxPart {

    public static final String ID = "org.humanchat.ui.part.inbox";
    static final long REFRESH_DELAY_MS = 150;
    private static final Logger LOG = LoggerFactory.getLogger(InboxPart.class);

    private final InboxModel model = new InboxModel();
    private final Map<InboxTab, Button> tabButtons = new EnumMap<>(InboxTab.class);
    private TableViewer viewer;
    private ChannelIcons channelIcons;
    private Text search;
    private Label status;
    private Display display;
    private ESelectionService selectionService;
    private ConversationOpener opener;

    private volatile DeskSession session;
    private InboxFilters filters;
    private Job refreshJob;
    private boolean populatedOnce;

    @PostConstruct
    public void create(Composite parent, @Optional ESelectionService selectionService,
            @Optional ConversationOpener opener) {
        this.display = parent.getDisplay();
        this.channelIcons = new ChannelIcons(display);
        this.selectionService = selectionService;
        this.opener = opener;
        GridLayoutFactory.fillDefaults().margins(6, 6).spacing(4, 6).applyTo(parent);

        search = WidgetKeys.name(new Text(parent, SWT.SEARCH | SWT.ICON_SEARCH | SWT.ICON_CANCEL), "inbox.search");
        search.setMessage("Search name, email, phone or text");
        GridDataFactory.fillDefaults().grab(true, false).applyTo(search);
        search.addListener(SWT.DefaultSelection, e -> refreshNow());
        search.addListener(SWT.Modify, e -> {
            model.search(search.getText());
            refreshSoon();
        });

        filters = new InboxFilters(parent, () -> {
            model.filter(filters.environmentId(), filters.channelId(), filters.tag());
            refreshNow();
        });

        Composite tabs = new Composite(parent, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(InboxTab.values().length).equalWidth(false).spacing(2, 0)
                .applyTo(tabs);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(tabs);
        for (InboxTab t : InboxTab.values()) {
            Button button = WidgetKeys.name(new Button(tabs, SWT.TOGGLE), "inbox.tab." + t.name());
            button.setText(t.label());
            button.setData(t);
            button.setSelection(t == model.tab());
            button.addListener(SWT.Selection, e -> select(t));
            tabButtons.put(t, button);
        }

        viewer = new TableViewer(parent, SWT.VIRTUAL | SWT.FULL_SELECTION | SWT.SINGLE | SWT.BORDER);
        viewer.setUseHashlookup(true);
        Table table = WidgetKeys.name(viewer.getTable(), "inbox.table");
        table.setHeaderVisible(true);
        table.setLinesVisible(false);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(table);
        InboxColumns.addTo(viewer, channelIcons, model::tab);
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

        status = WidgetKeys.name(new Label(parent, SWT.NONE), "inbox.status");
        status.setText("Opening the database\u2026");
        GridDataFactory.fillDefaults().grab(true, false).applyTo(status);
        updateTabLabels(null);
        if (session != null) {
            loadFilters(session);
            refreshNow(); // injection comes before @PostConstruct: the session may be here already
        }
    }

    private void loadFilters(DeskSession current) {
        filters.load(current, status::setText);
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
    public void problem(DeskProblem problem) {
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
        if (current != null && Objects.equals(event.getProperty(ConversationEvents.AGENT_ID), current.agent().id())) {
            refreshSoon();
        }
    }

    /** Environments and channels were set up: the filters offer them. */
    @Inject
    @Optional
    public void setupChanged(@EventTopic(DirectoryEvents.ALL) Event event) {
        DeskSession current = session;
        if (current != null && viewer != null) {
            DeskJobs.asyncIfAlive(display, viewer.getTable(), () -> loadFilters(current));
            if (DirectoryEvents.SETUP_CHANGED.equals(event.getTopic())) {
                refreshSoon(); // e.g. a tag renamed on many conversations at once
            }
        }
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
        return model.tab();
    }

    /** Shows another tab. */
    public void select(InboxTab newTab) {
        model.showTab(newTab);
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
        model.row(index).ifPresent(row -> {
            if (selectionService != null) {
                selectionService.setSelection(row);
            }
            if (opener != null) {
                opener.open(row.conversation().id());
            }
        });
    }

    private void refreshSoon() {
        if (model.markStale()) {
            refreshJob().schedule(REFRESH_DELAY_MS);
        }
    }

    private void refreshNow() {
        model.markRefreshRequested();
        refreshJob().schedule();
    }

    private synchronized Job refreshJob() {
        if (refreshJob == null) {
            refreshJob = new Job("Refreshing the inbox") {
                @Override
                protected IStatus run(IProgressMonitor monitor) {
                    model.refreshStarted();
                    DeskSession current = session;
                    if (current != null && !display.isDisposed()) {
                        refresh(current);
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

    /** In the refresh Job: reads the counts and the first page, and the length of a long filtered list after them. */
    private void refresh(DeskSession current) {
        long agentId = current.agent().id();
        InboxQuery query = model.query(agentId);
        Table table = viewer.getTable();
        try {
            InboxCounts counts = current.inbox().counts(agentId);
            List<InboxRow> first = current.inbox().page(query.withPage(0, InboxModel.PAGE));
            if (!InboxModel.needsCount(query, first.size())) {
                long total = InboxModel.knownTotal(query, counts, first.size());
                DeskJobs.asyncIfAlive(display, table, () -> show(query, counts, total, first, agentId));
            } else {
                // Counting reads the tab's whole range (hundreds of ms with a million conversations): rows first.
                DeskJobs.asyncIfAlive(display, table,
                        () -> show(query, counts, InboxModel.COUNTING, first, agentId));
                long total = current.inbox().count(query);
                DeskJobs.asyncIfAlive(display, table, () -> model.counted(query, total).ifPresent(shown -> {
                    viewer.setItemCount(shown.itemCount());
                    showStatus(shown.status());
                }));
            }
        } catch (RuntimeException e) {
            DeskJobs.asyncIfAlive(display, table, () -> status.setText("Could not load the inbox: " + e.getMessage()));
        }
    }

    private void show(InboxQuery query, InboxCounts counts, long total, List<InboxRow> first, long agentId) {
        if (!populatedOnce) {
            populatedOnce = true;
            LOG.info("Inbox populated {} ms after the JVM started",
                    System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime());
        }
        Object selected = viewer.getStructuredSelection().getFirstElement();
        long selectedId = selected instanceof InboxRow row ? row.conversation().id() : 0;
        InboxModel.Shown shown = model.show(query, total, first, agentId);
        if (shown.stale()) {
            refreshSoon();
        }
        updateTabLabels(counts);
        Table table = viewer.getTable();
        table.setRedraw(false);
        try {
            viewer.setItemCount(shown.itemCount());
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
        showStatus(shown.status());
    }

    private void showStatus(String text) {
        status.setText(text);
        status.getParent().layout(new Control[] { status });
    }

    private void updateTabLabels(InboxCounts counts) {
        tabButtons.forEach((t, b) -> b.setText(InboxModel.tabLabel(t, counts)));
        tabButtons.values().iterator().next().getParent().layout();
    }

    /** Fetches rows a page at a time as the virtual table asks for them. */
    private final class LazyRows implements ILazyContentProvider {

        @Override
        public void updateElement(int index) {
            java.util.Optional<InboxRow> row = model.row(index);
            if (row.isPresent()) {
                viewer.replace(row.get(), index);
                return;
            }
            DeskSession current = session;
            if (current == null) {
                return;
            }
            model.pageToLoad(index).ifPresent(request -> DeskJobs.run("Loading conversations", viewer.getTable(),
                    () -> current.inbox().page(request.query()),
                    loaded -> model.pageLoaded(request, loaded).forEach((at, arrived) -> {
                        if (at < viewer.getTable().getItemCount()) {
                            viewer.replace(arrived, at);
                        }
                    }),
                    failure -> status.setText("Could not load conversations: " + failure.getMessage())));
        }

        @Override
        public void inputChanged(Viewer v, Object oldInput, Object newInput) {
            // rows come from the session, not from an input
        }
    }
}
