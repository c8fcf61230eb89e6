package org.humanchat.ui.internal;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

import org.humanchat.api.model.InboxCounts;
import org.humanchat.api.model.InboxQuery;
import org.humanchat.api.model.InboxRow;
import org.humanchat.api.model.InboxTab;

/**
 * What the inbox shows, without a widget: the tab, search and filters the agent chose and the query they make; the
 * rows loaded so far of the list shown, a page at a time; the list's length and the line under it, where a long
 * filtered list says "N or more conversations, counting..." until its count arrives; and when a change needs a
 * refresh (many changes, one refresh). {@link InboxPart} is its view; tests drive it without a display.
 * <p>
 * The choices are read by the refresh Job on any thread; everything else belongs to the UI thread.
 */
final class InboxModel {

    /** Rows read at a time. */
    static final int PAGE = 100;
    /** The length of a list while it is being counted. */
    static final long COUNTING = -1;

    /** What the table shows after a change: its length, the line under it, and whether another refresh is due. */
    record Shown(int itemCount, String status, boolean stale) {
    }

    /** A page to read for the list shown; {@code generation} tells whether that list is still shown when it arrives. */
    record PageRequest(int generation, InboxQuery query, int offset) {
    }

    private final AtomicBoolean refreshScheduled = new AtomicBoolean();
    private volatile InboxTab tab = InboxTab.ME;
    private volatile String search = "";
    private volatile long environmentId;
    private volatile long channelId;
    private volatile String tag = "";

    /** Rows loaded so far for the list shown; replaced (not cleared) on each refresh. */
    private Map<Integer, InboxRow> rows = new HashMap<>();
    private int generation;
    private final Set<Integer> pagesLoading = new HashSet<>();
    private InboxQuery shownQuery;
    private long shownTotal = COUNTING;

    InboxTab tab() {
        return tab;
    }

    void showTab(InboxTab newTab) {
        tab = newTab;
    }

    void search(String text) {
        search = text == null ? "" : text;
    }

    /** Only conversations of this environment, channel and tag; 0 and "" for all. */
    void filter(long environment, long channel, String tagName) {
        environmentId = environment;
        channelId = channel;
        tag = tagName == null ? "" : tagName;
    }

    /** The first page of the list the agent chose; Unassigned lists the longest waiting first. */
    InboxQuery query(long agentId) {
        InboxTab shownTab = tab;
        return new InboxQuery(shownTab, agentId, search, environmentId, channelId, tag,
                shownTab == InboxTab.UNASSIGNED, 0, PAGE);
    }

    /**
     * A change arrived (from any thread): answers whether a refresh is to be scheduled. Only the first change since
     * the last refresh started does; the ones after it are read by that refresh.
     */
    boolean markStale() {
        return refreshScheduled.compareAndSet(false, true);
    }

    /** The agent chose another list: a refresh runs at once, and changes meanwhile ride along with it. */
    void markRefreshRequested() {
        refreshScheduled.set(true);
    }

    /** The refresh starts reading: a change from now on needs another refresh. */
    void refreshStarted() {
        refreshScheduled.set(false);
    }

    /**
     * Whether a list needs counting after its first page: the store keeps each tab's count, and a filtered list
     * shorter than a page is its first page; a longer filtered list is counted by reading the tab's whole range.
     */
    static boolean needsCount(InboxQuery query, int firstPageSize) {
        return query.isFiltered() && firstPageSize >= PAGE;
    }

    /** The length of a list that needs no count. */
    static long knownTotal(InboxQuery query, InboxCounts counts, int firstPageSize) {
        return query.isFiltered() ? firstPageSize : counts.of(query.tab());
    }

    /**
     * A refresh read {@code first}, the first page of {@code query}, whose length is {@code total} or
     * {@link #COUNTING}. The same list counted again keeps its last length (and so the agent's scroll position)
     * until the new count arrives.
     */
    Shown show(InboxQuery query, long total, List<InboxRow> first, long agentId) {
        boolean stale = !query.equals(query(agentId)); // the agent switched tabs or typed while it was read
        long length = total;
        if (length == COUNTING && query.equals(shownQuery) && shownTotal != COUNTING) {
            length = Math.max(shownTotal, first.size());
        }
        shownQuery = query;
        shownTotal = length;
        Map<Integer, InboxRow> loaded = new HashMap<>();
        for (int i = 0; i < first.size(); i++) {
            loaded.put(i, first.get(i));
        }
        rows = loaded;
        generation++;
        pagesLoading.clear();
        return new Shown(itemCount(length == COUNTING ? first.size() : length), status(length, first.size()), stale);
    }

    /** The count of a long filtered list arrived; nothing to show when the agent has moved on meanwhile. */
    Optional<Shown> counted(InboxQuery query, long total) {
        if (!query.equals(shownQuery)) {
            return Optional.empty();
        }
        shownTotal = total;
        return Optional.of(new Shown(itemCount(total), status(total, 0), false));
    }

    /** The line under the table. */
    static String status(long total, int firstPageSize) {
        return total == COUNTING ? String.format("%,d or more conversations, counting\u2026", firstPageSize)
                : total == 1 ? "1 conversation" : String.format("%,d conversations", total);
    }

    /** A tab's button: "Me  3"; only the name until the counts are known. */
    static String tabLabel(InboxTab t, InboxCounts counts) {
        return counts == null ? t.label() : t.label() + "  " + counts.of(t);
    }

    private static int itemCount(long total) {
        return (int) Math.min(total, Integer.MAX_VALUE);
    }

    /** The row at {@code index} of the list shown, if it is loaded. */
    Optional<InboxRow> row(int index) {
        return Optional.ofNullable(rows.get(index));
    }

    /** The page holding {@code index}, unless nothing is shown or that page is being read already. */
    Optional<PageRequest> pageToLoad(int index) {
        int page = index / PAGE;
        if (shownQuery == null || !pagesLoading.add(page)) {
            return Optional.empty();
        }
        return Optional.of(new PageRequest(generation, shownQuery.withPage(page * PAGE, PAGE), page * PAGE));
    }

    /** A page arrived: answers its rows by index, none when a refresh replaced the list meanwhile. */
    Map<Integer, InboxRow> pageLoaded(PageRequest request, List<InboxRow> loaded) {
        if (request.generation() != generation) {
            return Map.of();
        }
        Map<Integer, InboxRow> arrived = new HashMap<>();
        for (int i = 0; i < loaded.size(); i++) {
            rows.put(request.offset() + i, loaded.get(i));
            arrived.put(request.offset() + i, loaded.get(i));
        }
        return arrived;
    }
}
