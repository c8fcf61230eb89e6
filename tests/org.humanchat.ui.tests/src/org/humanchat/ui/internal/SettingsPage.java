package org.humanchat.ui.internal;

import java.util.List;
import java.util.function.Consumer;

import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;
import org.humanchat.api.connector.ConnectorAdmin;
import org.humanchat.api.model.Agent;
import org.humanchat.api.model.Channel;

/** Settings as an admin (or an agent, read-only) uses them, through their widgets, section by section. */
final class SettingsPage {

    private final DeskUi ui;
    private final Composite area;
    private final SettingsPart part = new SettingsPart();

    SettingsPage(DeskUi ui) {
        this.ui = ui;
        this.area = ui.area();
        part.create(area);
    }

    SettingsPage signIn(Agent agent) {
        part.accountReady(new org.humanchat.ui.DeskAccount(ui.desk.accounts, "hcs_test", false));
        part.sessionReady(ui.sessionOf(agent));
        return this;
    }

    /** Hands a domain event to the part, as the workbench's event broker does. */
    void deliver(org.osgi.service.event.Event event) {
        part.setupChanged(event);
    }

    /** Connector administration starts, as the workbench injects the OSGi service. */
    void connectorAdministration(ConnectorAdmin admin) {
        part.connectorAdminReady(admin);
    }

    private <T extends Control> T find(String key, Class<T> type) {
        return WidgetKeys.find(area, key, type).orElseThrow(() -> new AssertionError("No widget " + key));
    }

    /** Every button of the settings. */
    List<Button> buttons() {
        return Widgets.all(area, Button.class);
    }

    void click(String label) {
        Widgets.click(Widgets.button(area, label));
    }

    Text field(String key) {
        return find(key, Text.class);
    }

    boolean humanChatShown() {
        return find("settings.humanChat", Button.class).getSelection();
    }

    void toggleHumanChat() {
        Widgets.click(find("settings.humanChat", Button.class));
    }

    String humanChatChangedText() {
        return find("settings.humanChatChanged", Label.class).getText();
    }

    String feedbackText() {
        return find("settings.feedback", Label.class).getText();
    }

    org.eclipse.swt.widgets.List tagList() {
        return find("settings.tags", org.eclipse.swt.widgets.List.class);
    }

    /** Picks a tag in the list, as a click does. */
    void selectTag(int index) {
        tagList().select(index);
        tagList().notifyListeners(SWT.Selection, new Event());
    }

    /** The list of Brains of a channel, once the channels are shown. */
    java.util.Optional<Combo> channelBrain(String channelName) {
        return Widgets.all(area, Combo.class).stream()
                .filter(c -> c.getData() instanceof Channel channel && channel.name().equals(channelName)).findFirst();
    }

    /** Picks a Brain for a channel. */
    void chooseBrain(Combo channelBrain, String brainName) {
        channelBrain.select(List.of(channelBrain.getItems()).indexOf(brainName));
        channelBrain.notifyListeners(SWT.Selection, new Event());
    }

    /** Answers the next question titled {@code heading} with OK as soon as it is asked. */
    void whenAsked(String heading) {
        ui.whenDialogOpens(heading, dialog -> Widgets.click(Widgets.button(dialog, IDialogConstants.OK_LABEL)));
    }

    /** Clicks "Brain Settings..." and fills the rules Brain's form with {@code fill} once it opens. */
    void editRulesBrain(String formTitle, Consumer<ConfigFormDialog> fill) {
        ui.actInDialog(formTitle, dialog -> fill.accept((ConfigFormDialog) dialog.getData()),
                () -> click("Brain Settings\u2026"));
    }

    Composite area() {
        return area;
    }

    /** The lines of the agents list, as shown. */
    List<String> agentsListed() {
        return List.of(find(AgentsSection.LIST, org.eclipse.swt.widgets.List.class).getItems());
    }

    /** Selects the agent whose line starts with {@code name}, as a click in the list does. */
    void selectAgent(String name) {
        org.eclipse.swt.widgets.List list = find(AgentsSection.LIST, org.eclipse.swt.widgets.List.class);
        String[] items = list.getItems();
        for (int i = 0; i < items.length; i++) {
            if (items[i].startsWith(name + " ")) {
                list.select(i);
                list.notifyListeners(SWT.Selection, new Event());
                return;
            }
        }
        throw new AssertionError("No agent " + name + " in " + List.of(items));
    }

    /** Chooses the selected agent's new role. */
    void chooseRole(String label) {
        Combo role = find(AgentsSection.SELECTED_ROLE, Combo.class);
        role.select(List.of(role.getItems()).indexOf(label));
    }
}
