package org.humanchat.ui.internal;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.LongConsumer;

import org.eclipse.jface.dialogs.InputDialog;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.window.Window;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Group;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;
import org.humanchat.api.model.Environment;
import org.humanchat.ui.DeskSession;

/**
 * The environment chosen at the top of Settings (and New... to create one), and its settings: name, the Human Chat
 * toggle with who changed it and when, the fallback text, business hours and the out-of-hours text.
 */
final class EnvironmentSection {

    private final SetupChanges changes;
    private final Combo environments;
    private final Text name;
    private final Button humanChat;
    private final Label humanChatChanged;
    private final Text fallback;
    private final Text hours;
    private final Text zone;
    private final Text outOfHours;
    private List<Environment> known = List.of();

    /** @param chosen called with the environment's id when the admin chooses another one */
    EnvironmentSection(Composite parent, SetupChanges changes, LongConsumer chosen) {
        this.changes = changes;
        Composite top = Controls.row(parent, 3);
        new Label(top, SWT.NONE).setText("Environment");
        environments = WidgetKeys.name(new Combo(top, SWT.READ_ONLY), "settings.environment");
        GridDataFactory.fillDefaults().grab(true, false).applyTo(environments);
        environments.addListener(SWT.Selection, e -> selected().ifPresent(env -> {
            showEnvironment(env);
            chosen.accept(env.id());
        }));
        Controls.button(top, "New\u2026", this::create);

        Group general = Controls.group(parent, "Environment", 2, false);
        new Label(general, SWT.NONE).setText("Name");
        name = new Text(general, SWT.BORDER);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(name);
        humanChat = WidgetKeys.name(new Button(general, SWT.CHECK), "settings.humanChat");
        humanChat.setText("Human Chat (agents take over)");
        GridDataFactory.fillDefaults().span(2, 1).applyTo(humanChat);
        humanChat.addListener(SWT.Selection, e -> {
            boolean enabled = humanChat.getSelection();
            long id = changes.environmentId();
            changes.change(enabled ? "Switching Human Chat on" : "Switching Human Chat off", () -> changes.session()
                    .directory().setHumanChatEnabled(id, enabled, changes.session().agent().id()));
        });
        humanChatChanged = WidgetKeys.name(new Label(general, SWT.WRAP), "settings.humanChatChanged");
        GridDataFactory.fillDefaults().span(2, 1).grab(true, false).hint(80, SWT.DEFAULT).applyTo(humanChatChanged);
        new Label(general, SWT.NONE).setText("Fallback text");
        fallback = new Text(general, SWT.BORDER | SWT.MULTI | SWT.WRAP);
        GridDataFactory.fillDefaults().grab(true, false).hint(80, 50).applyTo(fallback);
        new Label(general, SWT.NONE).setText("Business hours");
        hours = WidgetKeys.name(new Text(general, SWT.BORDER), "settings.businessHours");
        hours.setMessage("Mon-Fri 09:00-17:00 (empty: always)");
        GridDataFactory.fillDefaults().grab(true, false).applyTo(hours);
        new Label(general, SWT.NONE).setText("Time zone");
        zone = new Text(general, SWT.BORDER);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(zone);
        new Label(general, SWT.NONE).setText("Out-of-hours text");
        outOfHours = new Text(general, SWT.BORDER | SWT.MULTI | SWT.WRAP);
        GridDataFactory.fillDefaults().grab(true, false).hint(80, 50).applyTo(outOfHours);
        Composite saveRow = Controls.row(general, 1);
        GridDataFactory.fillDefaults().span(2, 1).align(SWT.END, SWT.CENTER).applyTo(saveRow);
        Controls.button(saveRow, "Save environment", this::save);
    }

    private void create() {
        InputDialog ask = new InputDialog(environments.getShell(), "New environment",
                "Name of the new environment, e.g. staging:", "",
                text -> text.isBlank() ? "Give the environment a name" : null);
        if (ask.open() == Window.OK) {
            String newName = ask.getValue();
            changes.change("Creating the environment", () -> changes.session().directory()
                    .createEnvironment(newName, changes.session().agent().id()));
        }
    }

    /** Lists the environments and shows {@code keep} (the first when it is not among them). */
    void show(List<Environment> all, long keep) {
        known = all;
        environments.setItems(known.stream().map(Environment::name).toArray(String[]::new));
        int index = 0;
        for (int i = 0; i < known.size(); i++) {
            if (known.get(i).id() == keep) {
                index = i;
            }
        }
        if (!known.isEmpty()) {
            environments.select(index);
        }
        selected().ifPresent(this::showEnvironment);
    }

    /** The environment chosen. */
    Optional<Environment> selected() {
        int i = environments.getSelectionIndex();
        return i < 0 || i >= known.size() ? Optional.empty() : Optional.of(known.get(i));
    }

    private void showEnvironment(Environment e) {
        name.setText(e.name());
        humanChat.setSelection(e.humanChatEnabled());
        humanChatChanged.setText(e.humanChatChangedBy() == null ? "Human Chat has not been switched yet."
                : "Switched " + (e.humanChatEnabled() ? "on" : "off") + " by " + e.humanChatChangedBy() + ", "
                        + Durations.since(e.humanChatChangedAt(), Instant.now()) + " ago");
        fallback.setText(e.fallbackText());
        hours.setText(e.businessHours().text());
        zone.setText(e.businessHours().zone().getId());
        outOfHours.setText(e.outOfHoursText());
    }

    private void save() {
        selected().ifPresent(e -> {
            String newName = name.getText();
            String fallbackText = fallback.getText();
            String businessHours = hours.getText();
            String timeZone = zone.getText();
            String outOfHoursText = outOfHours.getText();
            changes.change("Saving the environment", () -> {
                DeskSession session = changes.session();
                long agent = session.agent().id();
                if (!newName.strip().equals(e.name())) {
                    session.directory().renameEnvironment(e.id(), newName, agent);
                }
                session.directory().setFallbackText(e.id(), fallbackText, agent);
                return session.directory().setBusinessHours(e.id(), businessHours, timeZone, outOfHoursText, agent);
            });
        });
    }
}
