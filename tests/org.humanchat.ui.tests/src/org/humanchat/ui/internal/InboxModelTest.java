package org.humanchat.ui.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

import org.humanchat.api.model.Assignee;
import org.humanchat.api.model.Conversation;
import org.humanchat.api.model.ConversationStatus;
import org.humanchat.api.model.InboxCounts;
import org.humanchat.api.model.InboxQuery;
import org.humanchat.api.model.InboxRow;
import org.humanchat.api.model.InboxTab;
import org.junit.jupiter.api.Test;

/** The inbox's decisions without a display: the query, the batching of refreshes, counting, paging. */
class InboxModelTest {

    static final long ANA = 7;
    final InboxModel model = new InboxModel();

    private static List<InboxRow> rows(int from, int count) {
        return IntStream.range(from, from + count).mapToObj(i -> new InboxRow(new Conversation(i, 1, 1, i,
                ConversationStatus.OPEN, Assignee.NOBODY, Set.of(), Instant.EPOCH, Instant.EPOCH, null, null, null),
                "Contact " + i, "whatsapp", "WhatsApp", "production", "", "message " + i, false)).toList();
    }

    @Test
    void theQueryIsTheTabSearchAndFiltersChosenAndUnassignedListsTheLongestWaitingFirst() {
        assertEquals(InboxQuery.firstPage(InboxTab.ME, ANA, InboxModel.PAGE), model.query(ANA));
        model.showTab(InboxTab.UNASSIGNED);
        model.search("invoice");
        model.filter(2, 3, "vip");
        assertEquals(new InboxQuery(InboxTab.UNASSIGNED, ANA, "invoice", 2, 3, "vip", true, 0, InboxModel.PAGE),
                model.query(ANA));
        model.showTab(InboxTab.OPEN);
        assertFalse(model.query(ANA).oldestFirst());
    }

    @Test
    void manyChangesMakeOneRefreshUntilItStartsReading() {
        assertTrue(model.markStale(), "the first change schedules a refresh");
        assertFalse(model.markStale(), "the next ones ride along");
        assertFalse(model.markStale());
        model.refreshStarted();
        assertTrue(model.markStale(), "a change after the refresh started reading needs another");
        model.refreshStarted();
        model.markRefreshRequested();
        assertFalse(model.markStale(), "a refresh asked for by the agent reads this change too");
    }

    @Test
    void onlyALongFilteredListIsCountedAfterItsFirstPage() {
        InboxQuery open = InboxQuery.firstPage(InboxTab.OPEN, ANA, InboxModel.PAGE);
        InboxQuery filtered = new InboxQuery(InboxTab.OPEN, ANA, "invoice", 0, 0, "", false, 0, InboxModel.PAGE);
        InboxCounts counts = new InboxCounts(Map.of(InboxTab.OPEN, 500L));
        assertFalse(InboxModel.needsCount(open, InboxModel.PAGE), "the store keeps the tab's count");
        assertEquals(500, InboxModel.knownTotal(open, counts, InboxModel.PAGE));
        assertFalse(InboxModel.needsCount(filtered, 30), "a filtered list shorter than a page is its first page");
        assertEquals(30, InboxModel.knownTotal(filtered, counts, 30));
        assertTrue(InboxModel.needsCount(filtered, InboxModel.PAGE));
    }

    @Test
    void aLongFilteredListShowsItsRowsThenItsCountAndKeepsItsLengthWhileCountedAgain() {
        model.search("invoice");
        InboxQuery query = model.query(ANA);
        InboxModel.Shown first = model.show(query, InboxModel.COUNTING, rows(0, 100), ANA);
        assertEquals(new InboxModel.Shown(100, "100 or more conversations, counting\u2026", false), first);
        assertEquals(new InboxModel.Shown(230, "230 conversations", false),
                model.counted(query, 230).orElseThrow());

        InboxModel.Shown again = model.show(query, InboxModel.COUNTING, rows(0, 100), ANA);
        assertEquals(230, again.itemCount(), "the same list keeps its last length until counted again");
        assertEquals(new InboxModel.Shown(231, "231 conversations", false),
                model.counted(query, 231).orElseThrow());
    }

    @Test
    void aCountOfAListTheAgentHasLeftIsDropped() {
        model.search("invoice");
        InboxQuery invoices = model.query(ANA);
        model.show(invoices, InboxModel.COUNTING, rows(0, 100), ANA);
        model.search("parcel");
        InboxModel.Shown parcels = model.show(model.query(ANA), 1, rows(0, 1), ANA);
        assertEquals(new InboxModel.Shown(1, "1 conversation", false), parcels);
        assertTrue(model.counted(invoices, 500).isEmpty());
    }

    @Test
    void aListReadBeforeTheAgentChoseAnotherIsShownAndMarkedStale() {
        InboxQuery me = model.query(ANA);
        model.showTab(InboxTab.OPEN);
        assertTrue(model.show(me, 0, List.of(), ANA).stale());
    }

    @Test
    void pagesAreReadOnceAndDroppedWhenARefreshReplacedTheList() {
        model.show(model.query(ANA), 250, rows(0, 100), ANA);
        assertEquals("message 5", model.row(5).orElseThrow().preview());
        assertTrue(model.row(150).isEmpty());

        InboxModel.PageRequest second = model.pageToLoad(150).orElseThrow();
        assertEquals(100, second.offset());
        assertEquals(100, second.query().offset());
        assertTrue(model.pageToLoad(199).isEmpty(), "the page is being read already");
        assertEquals(100, model.pageLoaded(second, rows(100, 100)).size());
        assertEquals("message 150", model.row(150).orElseThrow().preview());

        InboxModel.PageRequest third = model.pageToLoad(220).orElseThrow();
        model.show(model.query(ANA), 250, rows(0, 100), ANA);
        assertTrue(model.pageLoaded(third, rows(200, 50)).isEmpty(), "a refresh replaced the list meanwhile");
        assertTrue(model.row(220).isEmpty());
    }

    @Test
    void tabButtonsShowTheirCountsOnceKnown() {
        assertEquals("Me", InboxModel.tabLabel(InboxTab.ME, null));
        assertEquals("Me  3", InboxModel.tabLabel(InboxTab.ME, new InboxCounts(Map.of(InboxTab.ME, 3L))));
    }
}
