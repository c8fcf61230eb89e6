package org.humanchat.ui.internal;

import java.util.Arrays;
import java.util.List;

import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.Text;
import org.humanchat.api.event.ConversationEvents;
import org.humanchat.api.model.Agent;
import org.humanchat.api.model.InboxTab;
import org.humanchat.ui.ConversationOpener;
import org.humanchat.ui.DeskProblem;
import org.osgi.service.event.Event;

/**
 * The inbox as an agent uses it, through its widgets: the tabs and their counts, the search box, the filters, the
 * table and the line under it. Creates the part as the workbench would, and hands it what the workbench injects.
 */
final class InboxPage {

    private final DeskUi ui;
    private final Composite area;
    private final InboxPart part = new InboxPart();

    InboxPage(DeskUi ui, ConversationOpener opener) {
        this.ui = ui;
        this.area = ui.area();
        part.create(area, null, opener);
    }

    /** The agent signs in: the part gets its session, as the workbench injects it. */
    InboxPage signIn(Agent agent) {
        part.sessionReady(ui.sessionOf(agent));
        return this;
    }

    /** Hands a domain event to the part, as the workbench's event broker does (by topic). */
    void deliver(Event event) {
        if (event.getTopic().equals(ConversationEvents.SEEN)) {
            part.conversationSeen(event);
        } else {
            part.conversationChanged(event);
        }
    }

    void problem(DeskProblem problem) {
        part.problem(problem);
    }

    private <T extends org.eclipse.swt.widgets.Control> T find(String key, Class<T> type) {
        return WidgetKeys.find(area, key, type).orElseThrow(() -> new AssertionError("No widget " + key));
    }

    private Button tabButton(InboxTab tab) {
        return find("inbox.tab." + tab.name(), Button.class);
    }

    /** The text of a tab's button: "Me  3". */
    String tabLabel(InboxTab tab) {
        return tabButton(tab).getText();
    }

    /** The tab whose button is pressed. */
    InboxTab tab() {
        return Arrays.stream(InboxTab.values()).filter(t -> tabButton(t).getSelection()).findFirst().orElseThrow();
    }

    /** Clicks a tab and waits until it is shown. */
    void showTab(InboxTab tab) {
        Widgets.click(Widgets.button(area, tabLabel(tab)));
        ui.waitUntil(tab + " is shown", () -> tab() == tab);
    }

    Table table() {
        return find("inbox.table", Table.class);
    }

    int rowCount() {
        return table().getItemCount();
    }

    /** The texts of the rows in one column, as drawn. */
    List<String> column(int column) {
        return Widgets.column(table(), column);
    }

    /** Types in the search box. */
    void search(String text) {
        find("inbox.search", Text.class).setText(text);
    }

    /** The line under the table (counts, loading, problems). */
    String statusText() {
        return find("inbox.status", Label.class).getText();
    }

    /** The tags offered in the tag filter, "All tags" first. */
    List<String> tagChoices() {
        return List.of(find("inbox.filter.tag", Combo.class).getItems());
    }

    /** Picks a tag in the tag filter ("All tags" for all). */
    void filterByTag(String tag) {
        Combo tags = find("inbox.filter.tag", Combo.class);
        tags.select(Math.max(0, tagChoices().indexOf(tag)));
        tags.notifyListeners(SWT.Selection, new org.eclipse.swt.widgets.Event());
    }

    /** Goes to the next conversation, as the "next conversation" command does: selects and opens it. */
    void openNext() {
        part.move(1);
    }
}
