package org.humanchat.ui.internal;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Group;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;
import org.humanchat.api.model.Agent;
import org.humanchat.api.model.AgentRole;
import org.humanchat.api.service.AccountService;

/**
 * The desk's agents, managed by admins: a new one is added with a name, an email and a role, and gets a one-time
 * set-password code (shown once) to choose a password with; a selected one gets a new code (password reset), another
 * role, or is deactivated (their open conversations go back to Unassigned) or activated again.
 */
final class AgentsSection {

    /** The key of the role list, which only admins change (unlike the lists that only choose what is shown). */
    static final String ROLE = "settings.agents.role";
    /** The key of the selected agent's role list, which only admins change. */
    static final String SELECTED_ROLE = "settings.agents.selectedRole";
    static final String LIST = "settings.agents.list";
    static final String NAME = "settings.agents.name";
    static final String EMAIL = "settings.agents.email";
    static final String ADD = "settings.agents.add";
    static final String SET_ROLE = "settings.agents.setRole";
    static final String CODE = "settings.agents.code";
    static final String ACTIVE = "settings.agents.active";
    /** The roles in the order the role list offers them. */
    private static final AgentRole[] ROLES = { AgentRole.AGENT, AgentRole.SUPERVISOR, AgentRole.ADMIN };

    private final SetupChanges changes;
    private final Supplier<Optional<AccountService>> accounts;
    private final org.eclipse.swt.widgets.List list;
    private final Combo role;
    private final Combo selectedRole;
    private final Button active;
    private List<Agent> shown = List.of();

    AgentsSection(Composite parent, SetupChanges changes, Supplier<Optional<AccountService>> accounts) {
        this.changes = changes;
        this.accounts = accounts;
        Group agents = Controls.group(parent, "Agents", 2, false);
        list = WidgetKeys.name(new org.eclipse.swt.widgets.List(agents, SWT.BORDER | SWT.V_SCROLL), LIST);
        GridDataFactory.fillDefaults().span(2, 1).grab(true, false).hint(80, 90).applyTo(list);

        // What is done to the agent selected in the list.
        Composite selectedRow = Controls.row(agents, 5);
        GridDataFactory.fillDefaults().span(2, 1).grab(true, false).applyTo(selectedRow);
        new Label(selectedRow, SWT.NONE).setText("Selected agent:");
        selectedRole = roles(selectedRow, SELECTED_ROLE);
        WidgetKeys.name(Controls.button(selectedRow, "Set role", () -> selected().ifPresent(agent -> {
            AgentRole newRole = ROLES[Math.max(0, selectedRole.getSelectionIndex())];
            changes.change("Changing " + agent.name() + "'s role", () -> account().setRole(agent.id(), newRole,
                    me()));
        })), SET_ROLE).setToolTipText("Gives the selected agent the role chosen beside");
        WidgetKeys.name(Controls.button(selectedRow, "Set-password code\u2026", () -> selected().ifPresent(agent -> {
            if (changes.confirm("New set-password code", "Issue a new set-password code to " + agent.name()
                    + "? With it they choose a new password; their current one works until then.")) {
                changes.change("Issuing a set-password code", () -> account().issueSetPasswordCode(agent.id(),
                        me()), code -> showCode(agent, code));
            }
        })), CODE).setToolTipText("A one-time code, valid 24 hours, with which the agent sets a password");
        active = WidgetKeys.name(Controls.button(selectedRow, "Deactivate", () -> selected().ifPresent(agent -> {
            if (!agent.active()) {
                changes.change("Activating " + agent.name(), () -> account().setActive(agent.id(), true, me()));
            } else if (changes.confirm("Deactivate " + agent.name(), agent.name() + " will no longer sign in,"
                    + " their sessions end now, and their open conversations go back to Unassigned.")) {
                changes.change("Deactivating " + agent.name(), () -> account().setActive(agent.id(), false, me()));
            }
        })), ACTIVE);

        // A new agent.
        Label heading = new Label(agents, SWT.NONE);
        heading.setText("Add an agent: they get a set-password code to choose their password with.");
        GridDataFactory.fillDefaults().span(2, 1).indent(0, 6).applyTo(heading);
        new Label(agents, SWT.NONE).setText("Name");
        Text name = WidgetKeys.name(new Text(agents, SWT.BORDER), NAME);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(name);
        new Label(agents, SWT.NONE).setText("Email");
        Text email = WidgetKeys.name(new Text(agents, SWT.BORDER), EMAIL);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(email);
        new Label(agents, SWT.NONE).setText("Role");
        Composite roleRow = Controls.row(agents, 3);
        role = roles(roleRow, ROLE);
        Composite spacer = new Composite(roleRow, SWT.NONE);
        GridDataFactory.fillDefaults().grab(true, false).hint(0, 0).applyTo(spacer);
        WidgetKeys.name(Controls.button(roleRow, "Add agent", () -> {
            String newName = name.getText();
            String newEmail = email.getText();
            AgentRole newRole = ROLES[Math.max(0, role.getSelectionIndex())];
            changes.change("Adding the agent", () -> {
                Agent added = changes.session().directory().createAgent(newName, newEmail, newRole, me());
                return new Added(added, account().issueSetPasswordCode(added.id(), me()));
            }, added -> {
                name.setText("");
                email.setText("");
                showCode(added.agent(), added.code());
            });
        }), ADD);
        list.addListener(SWT.Selection, e -> selected().ifPresent(agent -> {
            selectedRole.select(Arrays.asList(ROLES).indexOf(agent.role()));
            active.setText(agent.active() ? "Deactivate" : "Activate");
            active.getParent().layout();
        }));
    }

    private static Combo roles(Composite parent, String key) {
        Combo combo = WidgetKeys.name(new Combo(parent, SWT.READ_ONLY), key);
        combo.setItems(Arrays.stream(ROLES).map(AgentRole::label).toArray(String[]::new));
        combo.select(0);
        return combo;
    }

    private record Added(Agent agent, String code) {
    }

    private void showCode(Agent agent, String code) {
        new ShownOnceDialog(list.getShell(), "Set-password code for " + agent.name(), "Give this code to "
                + agent.name() + " <" + agent.email() + ">. In the desk's sign-in dialog they choose \"Set your"
                + " password with a code\", enter it with their email, and choose a password. It works once, for 24"
                + " hours, and is shown only now.", code).open();
    }

    private Optional<Agent> selected() {
        int index = list.getSelectionIndex();
        if (index < 0 || index >= shown.size()) {
            changes.say("Select an agent in the list first.");
            return Optional.empty();
        }
        return Optional.of(shown.get(index));
    }

    private AccountService account() {
        return accounts.get().orElseThrow(() -> new IllegalStateException("Not signed in"));
    }

    private long me() {
        return changes.session().agent().id();
    }

    void show(List<Agent> agents) {
        long keep = list.getSelectionIndex() >= 0 && list.getSelectionIndex() < shown.size()
                ? shown.get(list.getSelectionIndex()).id() : 0;
        shown = List.copyOf(agents);
        list.setItems(agents.stream()
                .map(a -> a.name() + "  <" + a.email() + ">  " + a.role().label().toLowerCase(Locale.ROOT)
                        + (a.active() ? "" : "  (deactivated)"))
                .toArray(String[]::new));
        for (int i = 0; i < shown.size(); i++) {
            if (shown.get(i).id() == keep) {
                list.select(i);
                active.setText(shown.get(i).active() ? "Deactivate" : "Activate");
            }
        }
    }
}
