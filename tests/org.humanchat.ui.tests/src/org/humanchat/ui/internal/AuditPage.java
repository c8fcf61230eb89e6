package org.humanchat.ui.internal;

import java.util.List;

import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.Text;
import org.humanchat.api.model.Agent;
import org.humanchat.api.service.AuditService;

/** The Audit view as an admin (or a refused agent) uses it, through its widgets. */
final class AuditPage {

    static final int WHEN = 0;
    static final int WHO = 1;
    static final int ACTION = 2;
    static final int SUBJECT = 3;
    static final int BEFORE = 4;
    static final int AFTER = 5;

    private final DeskUi ui;
    private final Composite area;
    private final AuditPart part = new AuditPart();

    AuditPage(DeskUi ui) {
        this.ui = ui;
        this.area = ui.area();
        part.create(area);
        area.layout(true, true);
    }

    AuditPage signIn(Agent agent, AuditService audit) {
        part.sessionReady(ui.sessionOf(agent));
        part.auditReady(audit);
        return this;
    }

    /** Hands a domain event to the part on the UI thread, as the workbench's event broker does (UIEventTopic). */
    void deliver(org.osgi.service.event.Event event) {
        ui.display.asyncExec(() -> part.recorded(event));
    }

    private <T extends Control> T find(String key, Class<T> type) {
        return WidgetKeys.find(area, key, type).orElseThrow(() -> new AssertionError("No widget " + key));
    }

    String message() {
        return find("audit.message", Label.class).getText();
    }

    Table table() {
        return find("audit.table", Table.class);
    }

    /** The texts of one column, every row loaded so far (reading the last row asks for the next page). */
    List<String> column(int column) {
        return Widgets.column(table(), column);
    }

    int rows() {
        return table().getItemCount();
    }

    void chooseAgent(String name) {
        choose(find("audit.agent", Combo.class), name);
    }

    void chooseAction(String action) {
        choose(find("audit.action", Combo.class), action);
    }

    void chooseTime(String since) {
        choose(find("audit.time", Combo.class), since);
    }

    List<String> actionsOffered() {
        return List.of(find("audit.action", Combo.class).getItems());
    }

    private static void choose(Combo combo, String item) {
        int index = combo.indexOf(item);
        if (index < 0) {
            throw new AssertionError("No \"" + item + "\" in " + List.of(combo.getItems()));
        }
        combo.select(index);
        combo.notifyListeners(SWT.Selection, new Event());
    }

    /** Types into the search field and presses Enter. */
    void search(String text) {
        Text field = find("audit.text", Text.class);
        field.setText(text);
        field.notifyListeners(SWT.DefaultSelection, new Event());
    }

    boolean filtersEnabled() {
        return find("audit.agent", Combo.class).isEnabled() || find("audit.action", Combo.class).isEnabled()
                || find("audit.text", Text.class).isEnabled();
    }

    Button loadMore() {
        return find("audit.more", Button.class);
    }
}
