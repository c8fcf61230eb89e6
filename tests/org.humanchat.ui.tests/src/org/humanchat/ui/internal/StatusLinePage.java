package org.humanchat.ui.internal;

import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Label;
import org.humanchat.api.model.Agent;
import org.humanchat.api.model.Presence;
import org.humanchat.api.service.EndpointStatus;
import org.humanchat.ui.DeskProblem;

/** The status line as an agent sees it: who is signed in and their presence, the endpoint, background work. */
final class StatusLinePage {

    private final DeskUi ui;
    private final Composite area;
    private final StatusLine part = new StatusLine();

    StatusLinePage(DeskUi ui) {
        this.ui = ui;
        this.area = ui.area();
        part.create(area);
    }

    StatusLinePage signIn(Agent agent) {
        part.sessionReady(ui.sessionOf(agent));
        return this;
    }

    /** The endpoint starts, as the workbench injects its OSGi service. */
    void endpointStarted(EndpointStatus endpoint) {
        part.endpoint(endpoint);
    }

    void problem(DeskProblem problem) {
        part.problem(problem);
    }

    private <T extends Control> T find(String key, Class<T> type) {
        return WidgetKeys.find(area, key, type).orElseThrow(() -> new AssertionError("No widget " + key));
    }

    String agentText() {
        return find("status.agent", Label.class).getText();
    }

    String presenceText() {
        return find("status.presence", Combo.class).getText();
    }

    /** Picks a presence in the list, as the agent does. */
    void choosePresence(Presence presence) {
        Combo combo = find("status.presence", Combo.class);
        combo.select(presence.ordinal());
        combo.notifyListeners(SWT.Selection, new Event());
    }

    String endpointText() {
        return find("status.endpoint", Label.class).getText();
    }

    /** What the background work indicator says, or "" while it is hidden. */
    String workText() {
        return find("status.work", Composite.class).getVisible() ? find("status.workLabel", Label.class).getText()
                : "";
    }
}
