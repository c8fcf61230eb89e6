package org.humanchat.ui.internal;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Group;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;
import org.humanchat.api.model.Agent;
import org.humanchat.api.model.AgentRole;

/** The desk's agents, and a new one added with a name, an email and a role. */
final class AgentsSection {

    /** The key of the role list, which only admins change (unlike the lists that only choose what is shown). */
    static final String ROLE = "settings.agents.role";
    /** The roles in the order the role list offers them. */
    private static final AgentRole[] ROLES = { AgentRole.AGENT, AgentRole.SUPERVISOR, AgentRole.ADMIN };

    private final org.eclipse.swt.widgets.List list;

    AgentsSection(Composite parent, SetupChanges changes) {
        Group agents = Controls.group(parent, "Agents", 2, false);
        list = new org.eclipse.swt.widgets.List(agents, SWT.BORDER | SWT.V_SCROLL);
        GridDataFactory.fillDefaults().span(2, 1).grab(true, false).hint(80, 70).applyTo(list);
        new Label(agents, SWT.NONE).setText("Name");
        Text name = new Text(agents, SWT.BORDER);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(name);
        new Label(agents, SWT.NONE).setText("Email");
        Text email = new Text(agents, SWT.BORDER);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(email);
        new Label(agents, SWT.NONE).setText("Role");
        Combo role = WidgetKeys.name(new Combo(agents, SWT.READ_ONLY), ROLE);
        role.setItems(Arrays.stream(ROLES).map(AgentRole::label).toArray(String[]::new));
        role.select(0);
        Composite buttons = Controls.row(agents, 1);
        GridDataFactory.fillDefaults().span(2, 1).align(SWT.END, SWT.CENTER).applyTo(buttons);
        Controls.button(buttons, "Add agent", () -> {
            String newName = name.getText();
            String newEmail = email.getText();
            AgentRole newRole = ROLES[Math.max(0, role.getSelectionIndex())];
            changes.change("Adding the agent", () -> changes.session().directory().createAgent(newName, newEmail,
                    newRole, changes.session().agent().id()));
        });
    }

    void show(List<Agent> agents) {
        list.setItems(agents.stream()
                .map(a -> a.name() + "  <" + a.email() + ">  " + a.role().label().toLowerCase(Locale.ROOT))
                .toArray(String[]::new));
    }
}
