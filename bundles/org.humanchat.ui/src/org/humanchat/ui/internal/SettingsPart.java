package org.humanchat.ui.internal;

import java.util.List;
import java.util.function.Supplier;

import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.core.di.extensions.EventTopic;
import org.eclipse.e4.core.di.extensions.Service;
import org.eclipse.e4.ui.di.UIEventTopic;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.ScrolledComposite;
import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;
import org.humanchat.api.connector.ConnectorAdmin;
import org.humanchat.api.event.DirectoryEvents;
import org.humanchat.api.model.Agent;
import org.humanchat.api.model.Brain;
import org.humanchat.api.model.Channel;
import org.humanchat.api.model.Environment;
import org.humanchat.api.model.QuickResponse;
import org.humanchat.api.service.ValidationException;
import org.humanchat.ui.DeskAccount;
import org.humanchat.ui.DeskSession;
import org.osgi.service.event.Event;

import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;

/**
 * The set-up, for admins, one section per concern: the environment ({@link EnvironmentSection}), its channels'
 * Brains, its quick responses, the tags, its rules Brains ({@link RulesBrainSection}) and the agents. The part reads
 * what they show in one Job and runs their changes; agents see it read-only.
 */
public final class SettingsPart implements SetupChanges {

    public static final String ID = "org.humanchat.ui.part.settings";

    private Composite content;
    private EnvironmentSection environment;
    private ChannelBrainsSection channelBrains;
    private QuickResponsesSection quickResponses;
    private TagsSection tags;
    private RulesBrainSection rulesBrains;
    private AgentsSection agents;
    private Label feedback;

    private volatile DeskSession session;
    private volatile DeskAccount account;
    private volatile ConnectorAdmin connectorAdmin;
    /** The environment whose quick responses, channels and Brains are shown. */
    private long shownEnvironment;

    @PostConstruct
    public void create(Composite parent) {
        parent.setLayout(new FillLayout());
        ScrolledComposite scroll = new ScrolledComposite(parent, SWT.V_SCROLL);
        content = new Composite(scroll, SWT.NONE);
        scroll.setContent(content);
        scroll.setExpandHorizontal(true);
        scroll.setExpandVertical(true);
        GridLayoutFactory.fillDefaults().margins(10, 8).spacing(6, 8).applyTo(content);

        environment = new EnvironmentSection(content, this, id -> {
            if (id != shownEnvironment) {
                reload(id); // another environment was chosen: its quick responses, channels and Brains
            }
            content.layout(true, true);
        });
        channelBrains = new ChannelBrainsSection(content, this);
        quickResponses = new QuickResponsesSection(content, this);
        tags = new TagsSection(content, this);
        rulesBrains = new RulesBrainSection(content, this, () -> connectorAdmin);
        agents = new AgentsSection(content, this,
                () -> java.util.Optional.ofNullable(account).map(DeskAccount::accounts));

        feedback = WidgetKeys.name(new Label(content, SWT.WRAP), "settings.feedback");
        GridDataFactory.fillDefaults().grab(true, false).hint(80, SWT.DEFAULT).applyTo(feedback);
        // Wrap to the width the part has, scroll vertically.
        scroll.addListener(SWT.Resize, e -> scroll.setMinSize(
                content.computeSize(scroll.getClientArea().width, SWT.DEFAULT)));
        setEditable(false, false);
        if (session != null) {
            reload(0);
        }
    }

    @Inject
    @Optional
    public void sessionReady(DeskSession readySession) {
        this.session = readySession;
        if (content != null) {
            reload(0);
        }
    }

    /** How the desk is signed in: accounts are managed through it. */
    @Inject
    @Optional
    public void accountReady(DeskAccount signedIn) {
        this.account = signedIn;
    }

    /** Connector administration, where the rules Brains' settings are kept. */
    @Inject
    @Optional
    public void connectorAdminReady(@Service ConnectorAdmin admin) {
        this.connectorAdmin = admin;
        DeskJobs.onUiThread(content, () -> rulesBrains.refresh()); // injected before create() too
    }

    @Inject
    @Optional
    public void connectorsChanged(@UIEventTopic(ConnectorAdmin.CHANGED) Event event) {
        if (content != null && !content.isDisposed()) {
            rulesBrains.refresh();
        }
    }

    @Inject
    @Optional
    public void setupChanged(@EventTopic(DirectoryEvents.ALL) Event event) {
        if (content != null && !content.isDisposed()) {
            DeskJobs.asyncIfAlive(content.getDisplay(), content, () -> reload(environmentId()));
        }
    }

    private record Loaded(List<Environment> environments, long shown, List<QuickResponse> quickResponses,
            List<Agent> agents, List<Brain> rulesBrains, List<Channel> channels, List<Brain> brains,
            List<String> tags) {
    }

    private void reload(long keepEnvironment) {
        DeskSession current = session;
        if (current == null) {
            return;
        }
        DeskJobs.run("Loading the settings", content, () -> {
            List<Environment> all = current.directory().environments();
            long shown = all.stream().anyMatch(e -> e.id() == keepEnvironment) ? keepEnvironment
                    : all.isEmpty() ? 0 : all.get(0).id();
            List<Brain> brainsHere = current.directory().brains().stream().filter(b -> b.environmentId() == shown)
                    .toList();
            return new Loaded(all, shown, shown == 0 ? List.of() : current.directory().quickResponses(shown),
                    current.directory().agents(), brainsHere.stream()
                            .filter(b -> b.connectorType().equals(InstanceEditor.connectorType(
                                    InstanceEditor.RULES_BRAIN))).toList(),
                    current.directory().channels().stream().filter(c -> c.environmentId() == shown).toList(),
                    brainsHere, current.inbox().tags());
        }, loaded -> {
            shownEnvironment = loaded.shown();
            environment.show(loaded.environments(), loaded.shown());
            quickResponses.show(loaded.quickResponses());
            agents.show(loaded.agents());
            channelBrains.show(loaded.channels(), loaded.brains());
            tags.show(loaded.tags());
            rulesBrains.show(loaded.rulesBrains());
            content.layout(true, true);
            Agent me = current.agent();
            setEditable(me.isAdmin(), me.supervises());
            if (!me.isAdmin()) {
                say(me.supervises() ? "Only admins change the set-up; you edit the quick responses."
                        : "Only admins change the set-up; you see it read-only.");
            }
        }, failure -> say(failure.getMessage()));
    }

    @Override
    public DeskSession session() {
        return session;
    }

    @Override
    public long environmentId() {
        return environment.selected().map(Environment::id).orElse(0L);
    }

    @Override
    public void change(String what, Supplier<?> action) {
        change(what, action, result -> { });
    }

    @Override
    public <T> void change(String what, Supplier<T> action, java.util.function.Consumer<T> then) {
        if (session == null) {
            return;
        }
        long keep = environmentId();
        say(what + "\u2026");
        DeskJobs.run(what, content, action::get, result -> {
            then.accept(result);
            say(result instanceof Integer changed ? "Done: " + changed
                    + (changed == 1 ? " conversation" : " conversations") + " changed." : "Saved.");
            reload(result instanceof Environment e ? e.id() : keep);
        }, failure -> {
            say(failure instanceof ValidationException v ? String.join("\n", v.fieldErrors().values())
                    : failure.getMessage());
            reload(keep);
        });
    }

    @Override
    public boolean confirm(String heading, String question) {
        return MessageDialog.openConfirm(content.getShell(), heading, question);
    }

    @Override
    public void say(String text) {
        if (!feedback.isDisposed()) {
            feedback.setText(text);
        }
    }

    /** Admins edit everything, supervisors the quick responses; agents see the set-up read-only. */
    private void setEditable(boolean admin, boolean supervisor) {
        List<Control> quick = WidgetTree.controls(quickResponses.control());
        for (Control control : WidgetTree.controls(content)) {
            if (control instanceof Text || control instanceof Button
                    || AgentsSection.ROLE.equals(control.getData(WidgetKeys.DATA_KEY))
                    || AgentsSection.SELECTED_ROLE.equals(control.getData(WidgetKeys.DATA_KEY))) {
                control.setEnabled(admin || supervisor && quick.contains(control));
            }
        }
    }
}
