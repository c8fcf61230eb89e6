package org.humanchat.ui.internal;

import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.core.di.extensions.EventTopic;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.ScrolledComposite;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Group;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;
import org.humanchat.api.event.DirectoryEvents;
import org.humanchat.api.model.Agent;
import org.humanchat.api.model.AgentRole;
import org.humanchat.api.model.Brain;
import org.humanchat.api.model.Environment;
import org.humanchat.api.model.QuickResponse;
import org.humanchat.api.service.ValidationException;
import org.humanchat.ui.DeskSession;
import org.osgi.service.event.Event;

import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;

/**
 * The set-up, for admins: environments (create, rename, the Human Chat toggle with who changed it and when, the
 * fallback text, business hours), the environment's quick responses, and the agents. Agents see it read-only.
 */
public final class SettingsPart {

    public static final String ID = "org.humanchat.ui.part.settings";

    private Composite content;
    private Combo environments;
    private Text environmentName;
    private Button humanChat;
    private Label humanChatChanged;
    private Text fallback;
    private Text hours;
    private Text zone;
    private Text outOfHours;
    private org.eclipse.swt.widgets.List quickList;
    private Text shortcut;
    private Text quickText;
    private org.eclipse.swt.widgets.List agentList;
    private Text agentName;
    private Text agentEmail;
    private Combo agentRole;
    private Group channelsGroup;
    private Combo rulesBrains;
    private Text greeting;
    private Text faq;
    private Text phrases;
    private Text handoverAfter;
    private Label feedback;
    private org.eclipse.swt.widgets.List tagList;
    private Text tagRename;
    private java.util.function.BooleanSupplier confirmation;

    private volatile DeskSession session;
    private volatile RulesBrainSettings brainSettings;
    private List<Brain> rulesBrainList = List.of();
    private List<Environment> known = List.of();
    private List<QuickResponse> quickResponses = List.of();
    private long quickResponsesOf;

    @PostConstruct
    public void create(Composite parent) {
        parent.setLayout(new org.eclipse.swt.layout.FillLayout());
        ScrolledComposite scroll = new ScrolledComposite(parent, SWT.V_SCROLL);
        content = new Composite(scroll, SWT.NONE);
        scroll.setContent(content);
        scroll.setExpandHorizontal(true);
        scroll.setExpandVertical(true);
        GridLayoutFactory.fillDefaults().margins(10, 8).spacing(6, 8).applyTo(content);

        Composite top = row(content, 3);
        new Label(top, SWT.NONE).setText("Environment");
        environments = new Combo(top, SWT.READ_ONLY);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(environments);
        environments.addListener(SWT.Selection, e -> showEnvironment());
        button(top, "New\u2026", () -> {
            org.eclipse.jface.dialogs.InputDialog ask = new org.eclipse.jface.dialogs.InputDialog(content.getShell(),
                    "New environment", "Name of the new environment, e.g. staging:", "",
                    text -> text.isBlank() ? "Give the environment a name" : null);
            if (ask.open() == org.eclipse.jface.window.Window.OK) {
                String name = ask.getValue();
                change("Creating the environment", () -> session.directory().createEnvironment(name,
                        session.agent().id()));
            }
        });

        Group general = group(content, "Environment", 2);
        new Label(general, SWT.NONE).setText("Name");
        environmentName = new Text(general, SWT.BORDER);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(environmentName);
        humanChat = new Button(general, SWT.CHECK);
        humanChat.setText("Human Chat (agents take over)");
        GridDataFactory.fillDefaults().span(2, 1).applyTo(humanChat);
        humanChat.addListener(SWT.Selection, e -> {
            boolean enabled = humanChat.getSelection();
            long id = selectedId();
            change(enabled ? "Switching Human Chat on" : "Switching Human Chat off", () -> session.directory()
                    .setHumanChatEnabled(id, enabled, session.agent().id()));
        });
        humanChatChanged = new Label(general, SWT.WRAP);
        GridDataFactory.fillDefaults().span(2, 1).grab(true, false).hint(80, SWT.DEFAULT).applyTo(humanChatChanged);
        new Label(general, SWT.NONE).setText("Fallback text");
        fallback = new Text(general, SWT.BORDER | SWT.MULTI | SWT.WRAP);
        GridDataFactory.fillDefaults().grab(true, false).hint(80, 50).applyTo(fallback);
        new Label(general, SWT.NONE).setText("Business hours");
        hours = new Text(general, SWT.BORDER);
        hours.setMessage("Mon-Fri 09:00-17:00 (empty: always)");
        GridDataFactory.fillDefaults().grab(true, false).applyTo(hours);
        new Label(general, SWT.NONE).setText("Time zone");
        zone = new Text(general, SWT.BORDER);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(zone);
        new Label(general, SWT.NONE).setText("Out-of-hours text");
        outOfHours = new Text(general, SWT.BORDER | SWT.MULTI | SWT.WRAP);
        GridDataFactory.fillDefaults().grab(true, false).hint(80, 50).applyTo(outOfHours);
        Composite saveRow = row(general, 1);
        GridDataFactory.fillDefaults().span(2, 1).align(SWT.END, SWT.CENTER).applyTo(saveRow);
        button(saveRow, "Save environment", this::saveEnvironment);

        channelsGroup = group(content, "Channels: Brain that takes new conversations", 2);

        Group quick = group(content, "Quick responses", 2);
        quickList = new org.eclipse.swt.widgets.List(quick, SWT.BORDER | SWT.V_SCROLL | SWT.SINGLE);
        GridDataFactory.fillDefaults().span(2, 1).grab(true, false).hint(80, 80).applyTo(quickList);
        quickList.addListener(SWT.Selection, e -> {
            int i = quickList.getSelectionIndex();
            if (i >= 0) {
                shortcut.setText(quickResponses.get(i).shortcut());
                quickText.setText(quickResponses.get(i).text());
            }
        });
        new Label(quick, SWT.NONE).setText("Shortcut");
        shortcut = new Text(quick, SWT.BORDER);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(shortcut);
        new Label(quick, SWT.NONE).setText("Text");
        quickText = new Text(quick, SWT.BORDER | SWT.MULTI | SWT.WRAP);
        quickText.setMessage("{contact} and {agent} are filled in");
        GridDataFactory.fillDefaults().grab(true, false).hint(80, 40).applyTo(quickText);
        Composite quickButtons = row(quick, 2);
        GridDataFactory.fillDefaults().span(2, 1).align(SWT.END, SWT.CENTER).applyTo(quickButtons);
        button(quickButtons, "Save quick response", () -> {
            long id = selectedId();
            String key = shortcut.getText();
            String text = quickText.getText();
            change("Saving the quick response", () -> session.directory().saveQuickResponse(id, key, text,
                    session.agent().id()));
        });
        button(quickButtons, "Delete", () -> {
            int i = quickList.getSelectionIndex();
            if (i >= 0) {
                long id = quickResponses.get(i).id();
                change("Deleting the quick response", () -> {
                    session.directory().deleteQuickResponse(id, session.agent().id());
                    return null;
                });
            }
        });

        Group tags = group(content, "Tags", 2);
        tagList = new org.eclipse.swt.widgets.List(tags, SWT.BORDER | SWT.V_SCROLL | SWT.SINGLE);
        GridDataFactory.fillDefaults().span(2, 1).grab(true, false).hint(80, 70).applyTo(tagList);
        tagList.addListener(SWT.Selection, e -> {
            if (tagList.getSelectionIndex() >= 0) {
                tagRename.setText(tagList.getItem(tagList.getSelectionIndex()));
            }
        });
        new Label(tags, SWT.NONE).setText("New name");
        tagRename = new Text(tags, SWT.BORDER);
        tagRename.setMessage("renaming onto an existing tag merges them");
        GridDataFactory.fillDefaults().grab(true, false).applyTo(tagRename);
        Composite tagButtons = row(tags, 2);
        GridDataFactory.fillDefaults().span(2, 1).align(SWT.END, SWT.CENTER).applyTo(tagButtons);
        button(tagButtons, "Rename tag", () -> {
            int i = tagList.getSelectionIndex();
            if (i >= 0) {
                String from = tagList.getItem(i);
                String to = tagRename.getText();
                if (confirm("Rename tag", "Rename \"" + from + "\" to \"" + to.strip()
                        + "\" on every conversation that has it?")) {
                    change("Renaming the tag", () -> session.directory().renameTag(from, to, session.agent().id()));
                }
            }
        });
        button(tagButtons, "Delete tag", () -> {
            int i = tagList.getSelectionIndex();
            if (i >= 0) {
                String tag = tagList.getItem(i);
                if (confirm("Delete tag", "Take \"" + tag + "\" off every conversation? This cannot be undone.")) {
                    change("Deleting the tag", () -> session.directory().deleteTag(tag, session.agent().id()));
                }
            }
        });

        Group brain = group(content, "Rules Brain", 2);
        new Label(brain, SWT.NONE).setText("Brain");
        rulesBrains = new Combo(brain, SWT.READ_ONLY);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(rulesBrains);
        rulesBrains.addListener(SWT.Selection, e -> showRulesBrain());
        new Label(brain, SWT.NONE).setText("Greeting");
        greeting = new Text(brain, SWT.BORDER | SWT.MULTI | SWT.WRAP);
        GridDataFactory.fillDefaults().grab(true, false).hint(80, 40).applyTo(greeting);
        new Label(brain, SWT.NONE).setText("FAQ");
        faq = new Text(brain, SWT.BORDER | SWT.MULTI | SWT.V_SCROLL | SWT.H_SCROLL);
        faq.setMessage("one per line: keywords|more => answer");
        GridDataFactory.fillDefaults().grab(true, false).hint(80, 70).applyTo(faq);
        new Label(brain, SWT.NONE).setText("Ask for a human");
        phrases = new Text(brain, SWT.BORDER);
        phrases.setMessage("agent, human, person");
        GridDataFactory.fillDefaults().grab(true, false).applyTo(phrases);
        new Label(brain, SWT.NONE).setText("Hand over after");
        handoverAfter = new Text(brain, SWT.BORDER);
        handoverAfter.setMessage("unanswered messages, e.g. 2");
        GridDataFactory.fillDefaults().grab(true, false).applyTo(handoverAfter);
        Composite brainButtons = row(brain, 1);
        GridDataFactory.fillDefaults().span(2, 1).align(SWT.END, SWT.CENTER).applyTo(brainButtons);
        button(brainButtons, "Save Brain", this::saveRulesBrain);

        Group agents = group(content, "Agents", 2);
        agentList = new org.eclipse.swt.widgets.List(agents, SWT.BORDER | SWT.V_SCROLL);
        GridDataFactory.fillDefaults().span(2, 1).grab(true, false).hint(80, 70).applyTo(agentList);
        new Label(agents, SWT.NONE).setText("Name");
        agentName = new Text(agents, SWT.BORDER);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(agentName);
        new Label(agents, SWT.NONE).setText("Email");
        agentEmail = new Text(agents, SWT.BORDER);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(agentEmail);
        new Label(agents, SWT.NONE).setText("Role");
        agentRole = new Combo(agents, SWT.READ_ONLY);
        agentRole.setItems("Agent", "Admin");
        agentRole.select(0);
        Composite agentButtons = row(agents, 1);
        GridDataFactory.fillDefaults().span(2, 1).align(SWT.END, SWT.CENTER).applyTo(agentButtons);
        button(agentButtons, "Add agent", () -> {
            String name = agentName.getText();
            String email = agentEmail.getText();
            AgentRole role = agentRole.getSelectionIndex() == 1 ? AgentRole.ADMIN : AgentRole.AGENT;
            change("Adding the agent", () -> session.directory().createAgent(name, email, role, session.agent().id()));
        });

        feedback = new Label(content, SWT.WRAP);
        GridDataFactory.fillDefaults().grab(true, false).hint(80, SWT.DEFAULT).applyTo(feedback);
        // Wrap to the width the part has, scroll vertically.
        scroll.addListener(SWT.Resize, e -> scroll.setMinSize(
                content.computeSize(scroll.getClientArea().width, SWT.DEFAULT)));
        setEditable(false);
        if (session != null) {
            reload(0);
        }
    }

    private static Composite row(Composite parent, int columns) {
        return Controls.row(parent, columns);
    }

    private static Group group(Composite parent, String title, int columns) {
        return Controls.group(parent, title, columns, false);
    }

    private static Button button(Composite parent, String text, Runnable action) {
        return Controls.button(parent, text, action);
    }

    @Inject
    @Optional
    public void sessionReady(DeskSession readySession) {
        this.session = readySession;
        if (content != null) {
            reload(0);
        }
    }

    @Inject
    @Optional
    public void setupChanged(@EventTopic(DirectoryEvents.ALL) Event event) {
        if (content != null && !content.isDisposed()) {
            DeskJobs.asyncIfAlive(content.getDisplay(), content, () -> reload(selectedId()));
        }
    }

    private record Loaded(List<Environment> environments, List<QuickResponse> quickResponses, List<Agent> agents,
            List<Brain> rulesBrains, List<org.humanchat.api.model.Channel> channels, List<Brain> brains,
            List<String> tags) {
    }

    private void reload(long keepEnvironment) {
        DeskSession current = session;
        if (current == null) {
            return;
        }
        DeskJobs.run("Loading the settings", content, () -> {
            List<Environment> all = current.directory().environments();
            long shown = keepEnvironment != 0 ? keepEnvironment : all.isEmpty() ? 0 : all.get(0).id();
            List<Brain> brainsHere = current.directory().brains().stream().filter(b -> b.environmentId() == shown)
                    .toList();
            return new Loaded(all, shown == 0 ? List.of() : current.directory().quickResponses(shown),
                    current.directory().agents(), brainsHere.stream().filter(b -> b.connectorType().equals("rules"))
                            .toList(),
                    current.directory().channels().stream().filter(c -> c.environmentId() == shown).toList(),
                    brainsHere, current.inbox().tags());
        }, loaded -> {
            known = loaded.environments();
            environments.setItems(known.stream().map(Environment::name).toArray(String[]::new));
            int index = 0;
            for (int i = 0; i < known.size(); i++) {
                if (known.get(i).id() == keepEnvironment) {
                    index = i;
                }
            }
            if (!known.isEmpty()) {
                environments.select(index);
            }
            quickResponses = loaded.quickResponses();
            quickResponsesOf = known.isEmpty() ? 0 : known.get(index).id();
            quickList.setItems(quickResponses.stream().map(q -> "/" + q.shortcut() + "  " + q.text())
                    .toArray(String[]::new));
            agentList.setItems(loaded.agents().stream()
                    .map(a -> a.name() + "  <" + a.email() + ">  " + (a.isAdmin() ? "admin" : "agent"))
                    .toArray(String[]::new));
            showChannels(loaded.channels(), loaded.brains());
            tagList.setItems(loaded.tags().toArray(String[]::new));
            rulesBrainList = loaded.rulesBrains();
            rulesBrains.setItems(rulesBrainList.stream().map(Brain::name).toArray(String[]::new));
            if (!rulesBrainList.isEmpty()) {
                rulesBrains.select(0);
            }
            showEnvironment();
            showRulesBrain();
            setEditable(current.agent().isAdmin());
            if (!current.agent().isAdmin()) {
                feedback.setText("Only admins change the set-up; you see it read-only.");
            }
        }, failure -> feedback.setText(failure.getMessage()));
    }

    private void showEnvironment() {
        Environment e = selected();
        if (e == null) {
            return;
        }
        environmentName.setText(e.name());
        humanChat.setSelection(e.humanChatEnabled());
        humanChatChanged.setText(e.humanChatChangedBy() == null ? "Human Chat has not been switched yet."
                : "Switched " + (e.humanChatEnabled() ? "on" : "off") + " by " + e.humanChatChangedBy() + ", "
                        + Durations.since(e.humanChatChangedAt(), Instant.now()) + " ago");
        fallback.setText(e.fallbackText());
        hours.setText(e.businessHours().text());
        zone.setText(e.businessHours().zone().getId());
        outOfHours.setText(e.outOfHoursText());
        if (quickResponsesOf != e.id()) {
            reload(e.id()); // another environment was chosen: its quick responses
        }
        content.layout(true, true);
    }

    /** One line per channel of the environment: its default Brain, chosen from the environment's Brains. */
    private void showChannels(List<org.humanchat.api.model.Channel> channels, List<Brain> brains) {
        for (Control child : channelsGroup.getChildren()) {
            child.dispose();
        }
        if (channels.isEmpty()) {
            new Label(channelsGroup, SWT.NONE).setText("No channels in this environment yet.");
        }
        for (org.humanchat.api.model.Channel channel : channels) {
            new Label(channelsGroup, SWT.NONE).setText(channel.name());
            Combo brain = new Combo(channelsGroup, SWT.READ_ONLY);
            GridDataFactory.fillDefaults().grab(true, false).applyTo(brain);
            brain.add("No Brain: straight to humans");
            brains.forEach(b -> brain.add(b.name()));
            int index = 0;
            for (int i = 0; i < brains.size(); i++) {
                if (Long.valueOf(brains.get(i).id()).equals(channel.defaultBrainId())) {
                    index = i + 1;
                }
            }
            brain.select(index);
            brain.setData(channel);
            brain.addListener(SWT.Selection, e -> {
                int chosen = brain.getSelectionIndex();
                long brainId = chosen <= 0 ? 0 : brains.get(chosen - 1).id();
                change("Setting the Brain of " + channel.name(), () -> session.directory().setDefaultBrain(
                        channel.id(), brainId, session.agent().id()));
            });
        }
        content.layout(true, true);
    }

    /** The configuration admin, where the Brains' settings live. */
    @Inject
    @Optional
    public void configurationAdminReady(@org.eclipse.e4.core.di.extensions.Service org.osgi.service.cm.ConfigurationAdmin admin) {
        this.brainSettings = new RulesBrainSettings(admin);
        if (content != null) {
            showRulesBrain();
        }
    }

    private Brain selectedBrain() {
        int i = rulesBrains.getSelectionIndex();
        return i < 0 || i >= rulesBrainList.size() ? null : rulesBrainList.get(i);
    }

    private void showRulesBrain() {
        Brain brain = selectedBrain();
        RulesBrainSettings store = brainSettings;
        if (brain == null || store == null) {
            return;
        }
        DeskJobs.run("Loading the Brain's settings", content, () -> store.read(brain.id()), values -> {
            RulesBrainSettings.Values shown = values.orElse(new RulesBrainSettings.Values("", List.of(), List.of(), 2));
            greeting.setText(shown.greeting());
            faq.setText(String.join("\n", shown.faq()));
            phrases.setText(String.join(", ", shown.handoverPhrases()));
            handoverAfter.setText(Integer.toString(shown.handoverAfter()));
            if (values.isEmpty()) {
                feedback.setText(brain.name() + " is not running: save its settings to start it.");
            }
        }, failure -> feedback.setText(failure.getMessage()));
    }

    private void saveRulesBrain() {
        Brain brain = selectedBrain();
        RulesBrainSettings store = brainSettings;
        if (brain == null || store == null) {
            return;
        }
        int after;
        try {
            after = Integer.parseInt(handoverAfter.getText().strip());
        } catch (NumberFormatException e) {
            feedback.setText("\"Hand over after\" needs a number of messages, e.g. 2");
            return;
        }
        RulesBrainSettings.Values values = new RulesBrainSettings.Values(greeting.getText().strip(),
                java.util.Arrays.stream(faq.getText().split("\\R")).map(String::strip).filter(l -> !l.isEmpty())
                        .toList(),
                java.util.Arrays.stream(phrases.getText().split(",")).map(String::strip).filter(p -> !p.isEmpty())
                        .toList(),
                after);
        feedback.setText("Saving the Brain\u2026");
        DeskJobs.run("Saving the Brain", content, () -> {
            store.save(brain.id(), values);
            return brain;
        }, saved -> feedback.setText("Saved: " + saved.name() + " answers with these settings now."),
                failure -> feedback.setText(failure.getMessage()));
    }

    private Environment selected() {
        int i = environments.getSelectionIndex();
        return i < 0 || i >= known.size() ? null : known.get(i);
    }

    private long selectedId() {
        Environment e = selected();
        return e == null ? 0 : e.id();
    }

    private void saveEnvironment() {
        Environment e = selected();
        if (e == null) {
            return;
        }
        String name = environmentName.getText();
        String fallbackText = fallback.getText();
        String businessHours = hours.getText();
        String timeZone = zone.getText();
        String outOfHoursText = outOfHours.getText();
        change("Saving the environment", () -> {
            long agent = session.agent().id();
            if (!name.strip().equals(e.name())) {
                session.directory().renameEnvironment(e.id(), name, agent);
            }
            session.directory().setFallbackText(e.id(), fallbackText, agent);
            return session.directory().setBusinessHours(e.id(), businessHours, timeZone, outOfHoursText, agent);
        });
    }

    /**
     * Runs a set-up change in a Job (the action reads no widget: callers take the values first); the settings reload
     * and say what happened.
     */
    private void change(String what, Supplier<?> action) {
        if (session == null) {
            return;
        }
        long keep = selectedId();
        feedback.setText(what + "\u2026");
        DeskJobs.run(what, content, action::get, result -> {
            feedback.setText(result instanceof Integer changed ? "Done: " + changed
                    + (changed == 1 ? " conversation" : " conversations") + " changed." : "Saved.");
            reload(result instanceof Environment e ? e.id() : keep);
        }, failure -> {
            feedback.setText(failure instanceof ValidationException v ? String.join("\n", v.fieldErrors().values())
                    : failure.getMessage());
            reload(keep);
        });
    }

    /** Asks the admin; tests replace the question with a fixed answer. */
    private boolean confirm(String heading, String question) {
        return confirmation != null ? confirmation.getAsBoolean()
                : org.eclipse.jface.dialogs.MessageDialog.openConfirm(content.getShell(), heading, question);
    }

    void answerConfirmationsWith(java.util.function.BooleanSupplier answer) {
        this.confirmation = answer;
    }

    private void setEditable(boolean editable) {
        for (Control control : WidgetTree.controls(content)) {
            if (control instanceof Text || control instanceof Button || control == agentRole) {
                control.setEnabled(editable);
            }
        }
        environments.setEnabled(true);
    }

    boolean humanChatShown() {
        return humanChat.getSelection();
    }

    void toggleHumanChat() {
        humanChat.setSelection(!humanChat.getSelection());
        humanChat.notifyListeners(SWT.Selection, new org.eclipse.swt.widgets.Event());
    }

    org.eclipse.swt.widgets.List tagList() {
        return tagList;
    }

    Text tagRenameField() {
        return tagRename;
    }

    String humanChatChangedText() {
        return humanChatChanged.getText();
    }

    String feedbackText() {
        return feedback.getText();
    }

    Composite content() {
        return content;
    }
}
