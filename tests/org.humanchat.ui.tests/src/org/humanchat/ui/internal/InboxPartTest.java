package org.humanchat.ui.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.humanchat.api.model.InboxTab;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The inbox as an agent sees it: tabs with live counts, rows in the right tab, search, paging. */
class InboxPartTest {

    @TempDir
    Path folder;
    DeskUi ui;
    InboxPage inbox;
    List<Long> opened = new ArrayList<>();

    @BeforeEach
    void open() {
        ui = new DeskUi(folder);
        inbox = new InboxPage(ui, opened::add);
        ui.desk.events.deliverTo(inbox::deliver);
        inbox.signIn(ui.desk.ana);
        ui.waitUntil("the inbox is loaded", () -> inbox.tabLabel(InboxTab.ME).equals("Me  0"));
    }

    @AfterEach
    void close() {
        ui.close();
    }

    @Test
    void tabMembershipAndCountsFollowEventsWithoutARefresh() {
        var desk = ui.desk;
        inbox.showTab(InboxTab.UNASSIGNED);
        long id = desk.userWrites(desk.whatsapp, "+4915100000001", "My parcel is late").conversationId();
        ui.waitUntil("the new conversation is counted and shown", () -> inbox.tabLabel(InboxTab.UNASSIGNED)
                .equals("Unassigned  1") && inbox.table().getItemCount() == 1);
        assertEquals(List.of("My parcel is late"), Widgets.column(inbox.table(), 1));
        assertEquals("Open  1", inbox.tabLabel(InboxTab.OPEN));

        desk.conversations.reply(id, desk.ana.id(), "On it", List.of(), false);
        ui.waitUntil("it moved to Me", () -> inbox.tabLabel(InboxTab.ME).equals("Me  1")
                && inbox.tabLabel(InboxTab.UNASSIGNED).equals("Unassigned  0") && inbox.table().getItemCount() == 0);
        inbox.showTab(InboxTab.ME);
        assertEquals(List.of("On it"), Widgets.column(inbox.table(), 1));

        desk.conversations.resolve(id, desk.ana.id());
        ui.waitUntil("it moved to Closed", () -> inbox.tabLabel(InboxTab.CLOSED).equals("Closed  1")
                && inbox.tabLabel(InboxTab.ME).equals("Me  0"));
    }

    @Test
    void brainConversationsAreInTheBrainTab() {
        ui.desk.userWrites(ui.desk.webchat, "visitor-1", "Hello");
        inbox.showTab(InboxTab.BRAIN);
        ui.waitUntil("the Brain tab shows it", () -> inbox.table().getItemCount() == 1);
        assertEquals(List.of("Rules"), Widgets.column(inbox.table(), 4));
        assertEquals("Unassigned  0", inbox.tabLabel(InboxTab.UNASSIGNED));
    }

    @Test
    void searchNarrowsTheTab() {
        var desk = ui.desk;
        desk.userWrites(desk.whatsapp, "+4915100000002", "Invoice 99 is wrong");
        desk.userWrites(desk.whatsapp, "+4915100000003", "Where is my parcel?");
        inbox.showTab(InboxTab.OPEN);
        ui.waitUntil("both are shown", () -> inbox.table().getItemCount() == 2);

        inbox.search("invoice");
        ui.waitUntil("only the match is shown", () -> inbox.table().getItemCount() == 1);
        assertEquals(List.of("Invoice 99 is wrong"), Widgets.column(inbox.table(), 1));
    }

    /** More conversations than a page holds, one per sender, each saying {@code text + " " + i}; answers how many. */
    private int moreThanAPage(String text) {
        int n = InboxModel.PAGE + 30;
        for (int i = 0; i < n; i++) {
            ui.desk.userWrites(ui.desk.whatsapp, "+49151" + (20_000_000 + i), text + " " + i);
        }
        return n;
    }

    /** Makes the table ask for its last row, which is past the first page, and waits until that page arrived. */
    private void scrollToTheEnd(int n, String text) {
        inbox.table().getItem(n - 1).getText(1); // scrolls the last row into being: its page is fetched
        ui.waitUntil("the second page arrived", () -> inbox.table().getItem(n - 1).getText(1).startsWith(text));
    }

    /** Runs the UI until {@code done}, watching the table's length at every turn: answers the smallest seen. */
    private int fewestRowsUntil(java.util.function.BooleanSupplier done) {
        org.eclipse.swt.widgets.Display display = ui.shell.getDisplay();
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(20);
        int fewest = inbox.table().getItemCount();
        while (!done.getAsBoolean()) {
            while (display.readAndDispatch()) {
                fewest = Math.min(fewest, inbox.table().getItemCount());
            }
            assertTrue(System.nanoTime() < deadline, "timed out");
            display.timerExec(5, () -> { });
            display.sleep();
        }
        return fewest;
    }

    @Test
    void longListsArePagedAsTheyScroll() {
        int n = moreThanAPage("message");
        inbox.showTab(InboxTab.UNASSIGNED);
        ui.waitUntil("all rows are counted", () -> inbox.table().getItemCount() == n);
        scrollToTheEnd(n, "message");
        // Unassigned lists the longest waiting first: the first message written is at the top.
        assertEquals("message 0", inbox.table().getItem(0).getText(1));
        assertEquals("message " + (n - 1), inbox.table().getItem(n - 1).getText(1));
    }

    @Test
    void aLongFilteredListIsCountedAfterItsRowsAreShown() {
        int n = moreThanAPage("invoice");
        ui.desk.userWrites(ui.desk.whatsapp, "+4915139999999", "Where is my parcel?");
        inbox.showTab(InboxTab.OPEN);
        ui.waitUntil("all rows are counted", () -> inbox.table().getItemCount() == n + 1);

        inbox.search("invoice");
        ui.waitUntil("the matches are counted", () -> inbox.table().getItemCount() == n
                && inbox.statusText().equals(n + " conversations"));
        scrollToTheEnd(n, "invoice");

        // a new match arrives: the list is shown and counted again, and keeps its length meanwhile
        ui.desk.userWrites(ui.desk.whatsapp, "+4915139999998", "invoice again");
        int fewest = fewestRowsUntil(() -> inbox.table().getItemCount() == n + 1
                && inbox.statusText().equals((n + 1) + " conversations"));
        assertTrue(fewest >= n, "the list shrank to " + fewest + " rows while it was counted again");

        inbox.search("parcel");
        ui.waitUntil("a list of one page needs no count", () -> inbox.table().getItemCount() == 1
                && inbox.statusText().equals("1 conversation"));
    }

    @Test
    void openingARowOpensItsConversation() {
        long id = ui.desk.userWrites(ui.desk.whatsapp, "+4915100000004", "Hi").conversationId();
        inbox.showTab(InboxTab.UNASSIGNED);
        ui.waitUntil("the row is shown", () -> inbox.table().getItemCount() == 1);
        inbox.openNext();
        assertEquals(List.of(id), opened);
    }

    @Test
    void filteringByTagShowsOnlyTaggedConversations() {
        var desk = ui.desk;
        long vip = desk.userWrites(desk.whatsapp, "+4915100000005", "I am important").conversationId();
        desk.userWrites(desk.whatsapp, "+4915100000006", "I am not");
        desk.conversations.tag(vip, "vip", desk.ana.id());
        inbox.showTab(InboxTab.OPEN);
        ui.waitUntil("both are shown and the tag is offered", () -> inbox.table().getItemCount() == 2
                && inbox.tagChoices().contains("vip"));

        inbox.filterByTag("vip");

        ui.waitUntil("only the tagged one is shown", () -> inbox.table().getItemCount() == 1);
        assertEquals(List.of("I am important"), Widgets.column(inbox.table(), 1));
        inbox.filterByTag("All tags");
        ui.waitUntil("both again", () -> inbox.table().getItemCount() == 2);
    }

    @Test
    void aNewMessageIsMarkedUnreadUntilTheAgentOpensTheConversation() {
        var desk = ui.desk;
        inbox.showTab(InboxTab.UNASSIGNED);
        long id = desk.userWrites(desk.whatsapp, "+4915100000031", "Hello?").conversationId();
        ui.waitUntil("the row is marked unread", () -> inbox.table().getItemCount() == 1
                && Widgets.column(inbox.table(), 0).get(0).startsWith("\u25cf "));
        String name = Widgets.column(inbox.table(), 0).get(0).substring(2);
        assertTrue((inbox.table().getItem(0).getFont(0).getFontData()[0].getStyle() & org.eclipse.swt.SWT.BOLD) != 0,
                "an unread row is bold");
        assertTrue(inbox.table().getItem(0).getImage(2) != null, "the channel has its icon");

        ConversationPage editor = new ConversationPage(ui).signIn(desk.ana);
        editor.show(id);
        ui.waitUntil("the marker goes once she has read it", () -> Widgets.column(inbox.table(), 0).equals(
                List.of(name)));

        desk.userWrites(desk.whatsapp, "+4915100000031", "Are you there?");
        ui.waitUntil("a new message marks it again", () -> Widgets.column(inbox.table(), 0).get(0)
                .startsWith("\u25cf "));
    }
}
