package org.humanchat.ui.internal;

import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

import org.eclipse.swt.SWT;
import org.eclipse.swt.dnd.DND;
import org.eclipse.swt.dnd.DropTarget;
import org.eclipse.swt.dnd.FileTransfer;
import org.eclipse.swt.dnd.TransferData;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Table;
import org.humanchat.api.connector.ConnectorAdmin;
import org.humanchat.api.model.Agent;

/**
 * The Connectors view as an admin (or an agent, read-only) uses it, through its widgets: the bundles and instances
 * tables and their buttons, the generated forms, the lines of the view. A jar is installed as picking it in the file
 * dialog or dropping it does.
 */
final class ConnectorsPage {

    private final DeskUi ui;
    private final Composite area;
    private final ConnectorsPart part = new ConnectorsPart();

    ConnectorsPage(DeskUi ui, ConnectorAdmin admin) {
        this.ui = ui;
        this.area = ui.area();
        part.create(area);
        part.connectorAdmin(admin);
    }

    ConnectorsPage signIn(Agent agent) {
        part.sessionReady(ui.sessionOf(agent));
        return this;
    }

    private <T extends Control> T find(String key, Class<T> type) {
        return WidgetKeys.find(area, key, type).orElseThrow(() -> new AssertionError("No widget " + key));
    }

    Table bundles() {
        return find("connectors.bundles", Table.class);
    }

    Table instances() {
        return find("connectors.instances", Table.class);
    }

    /** Selects the connector bundle whose row starts with {@code title}, as a click does. */
    void selectBundle(String title) {
        Table table = bundles();
        int index = Widgets.column(table, 0).indexOf(title);
        if (index < 0) {
            throw new AssertionError("No connector " + title + " in " + Widgets.column(table, 0));
        }
        table.setSelection(index);
        Event click = new Event();
        click.item = table.getItem(index);
        table.notifyListeners(SWT.Selection, click);
    }

    Button button(String label) {
        return Widgets.button(area, label);
    }

    void click(String label) {
        Widgets.click(button(label));
    }

    String feedbackText() {
        return find("connectors.feedback", Label.class).getText();
    }

    String problemsText() {
        return find("connectors.problems", Label.class).getText();
    }

    String roleNoteText() {
        return find("connectors.role", Label.class).getText();
    }

    /** Installs a jar, as choosing it in "Install from File..." or dropping it on the view does. */
    void install(Path jar) {
        WidgetKeys.section(area, ConnectorBundlesSection.class).orElseThrow().installFrom(jar);
    }

    /**
     * Drops files on the view, as the desktop's file manager does: the view's drop target hears the drag enter (and
     * says whether it takes it) and then the drop with the files' paths, the events GTK's drag and drop hands it.
     *
     * @return whether the view accepted the drag (a copy), as its feedback to the pointer says
     */
    boolean drop(Path... files) {
        DropTarget target = WidgetTree.controls(area).stream().map(c -> c.getData(DND.DROP_TARGET_KEY))
                .filter(DropTarget.class::isInstance).map(DropTarget.class::cast).findFirst()
                .orElseThrow(() -> new AssertionError("The Connectors view takes no drops"));
        if (!List.of(target.getTransfer()).contains(FileTransfer.getInstance())) {
            throw new AssertionError("The Connectors view takes no files");
        }
        Event enter = dragEvent(target);
        target.notifyListeners(DND.DragEnter, enter);
        if (enter.detail != DND.DROP_COPY) {
            return false;
        }
        Event drop = dragEvent(target);
        drop.detail = enter.detail;
        drop.data = List.of(files).stream().map(f -> f.toAbsolutePath().toString()).toArray(String[]::new);
        target.notifyListeners(DND.Drop, drop);
        return true;
    }

    /**
     * A drag and drop event as SWT makes it: its class (DNDEvent) is SWT's own, and its listeners take no other.
     */
    private static Event dragEvent(DropTarget target) {
        try {
            Class<?> type = Class.forName("org.eclipse.swt.dnd.DNDEvent", true, DropTarget.class.getClassLoader());
            Constructor<?> constructor = type.getDeclaredConstructor();
            constructor.setAccessible(true);
            Event event = (Event) constructor.newInstance();
            TransferData[] files = FileTransfer.getInstance().getSupportedTypes();
            set(type, event, "dataType", files[0]);
            set(type, event, "dataTypes", files);
            set(type, event, "operations", DND.DROP_COPY | DND.DROP_MOVE | DND.DROP_LINK);
            event.widget = target;
            event.display = target.getDisplay();
            event.detail = DND.DROP_DEFAULT;
            return event;
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("SWT's drag and drop event cannot be made: " + e, e);
        }
    }

    private static void set(Class<?> type, Event event, String field, Object value)
            throws ReflectiveOperationException {
        Field declared = type.getDeclaredField(field);
        declared.setAccessible(true); // public, of a class SWT keeps to its package
        declared.set(event, value);
    }

    /** Clicks "Add Instance..." and fills the form titled {@code formTitle} with {@code fill} once it opens. */
    void addInstance(String formTitle, Consumer<ConfigFormDialog> fill) {
        ui.actInDialog(formTitle, dialog -> fill.accept((ConfigFormDialog) dialog.getData()),
                () -> click("Add Instance\u2026"));
    }

    /** Selects the first instance and opens it with "Edit...", giving the form to {@code look}. */
    void editFirstInstance(String formTitle, Consumer<ConfigFormDialog> look) {
        Table table = instances();
        table.setSelection(0);
        Event click = new Event();
        click.item = table.getItem(0);
        table.notifyListeners(SWT.Selection, click);
        ui.actInDialog(formTitle, dialog -> look.accept((ConfigFormDialog) dialog.getData()), () -> click("Edit\u2026"));
    }

    /** The API token section at the bottom of the view. */
    ApiTokenPage apiToken() {
        return new ApiTokenPage(ui, area);
    }

    List<String> bundleColumn(int column) {
        return Widgets.column(bundles(), column);
    }

    List<String> instanceColumn(int column) {
        return Widgets.column(instances(), column);
    }
}
