package org.humanchat.ui.internal;

import java.util.Objects;

import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.core.di.extensions.Service;
import org.eclipse.e4.ui.di.UIEventTopic;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.humanchat.api.connector.ConnectorAdmin;
import org.humanchat.api.event.DirectoryEvents;
import org.humanchat.api.model.Agent;
import org.humanchat.api.model.Presence;
import org.humanchat.api.service.EndpointStatus;
import org.humanchat.ui.DeskSession;
import org.osgi.service.event.Event;

import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;

/**
 * The status line at the bottom of the window: who is signed in, their presence (available, busy, away: colleagues
 * see it when they assign), and where the endpoint listens with how many channels it serves, or that it does not run.
 */
public final class StatusLine {

    private Composite content;
    private Label agent;
    private Combo presence;
    private Label endpointLabel;
    private Label presenceFeedback;
    private volatile DeskSession session;
    private volatile EndpointStatus endpoint;

    @PostConstruct
    public void create(Composite parent) {
        content = new Composite(parent, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(5).margins(8, 2).spacing(10, 0).applyTo(content);
        agent = new Label(content, SWT.NONE);
        agent.setText("Signing in\u2026");
        presence = new Combo(content, SWT.READ_ONLY);
        for (Presence p : Presence.values()) {
            presence.add(Character.toUpperCase(p.label().charAt(0)) + p.label().substring(1));
        }
        presence.setToolTipText("Your presence, as colleagues see it when they assign conversations");
        presence.setEnabled(false);
        presence.addListener(SWT.Selection, e -> changePresence(Presence.values()[presence.getSelectionIndex()]));
        presenceFeedback = new Label(content, SWT.NONE);
        Label separator = new Label(content, SWT.SEPARATOR | SWT.VERTICAL);
        GridDataFactory.swtDefaults().hint(SWT.DEFAULT, 16).applyTo(separator);
        endpointLabel = new Label(content, SWT.NONE);
        GridDataFactory.fillDefaults().grab(true, false).align(SWT.FILL, SWT.CENTER).applyTo(endpointLabel);
        GridDataFactory.swtDefaults().align(SWT.BEGINNING, SWT.CENTER).applyTo(agent);
        GridDataFactory.swtDefaults().align(SWT.BEGINNING, SWT.CENTER).applyTo(presenceFeedback);
        showEndpoint();
        if (session != null) {
            showAgent(session.agent());
        }
    }

    @Inject
    @Optional
    public void sessionReady(DeskSession readySession) {
        session = readySession;
        if (content != null && !content.isDisposed()) {
            showAgent(readySession.agent());
        }
    }

    @Inject
    @Optional
    public void endpoint(@Service EndpointStatus status) {
        endpoint = status;
        DeskJobs.onUiThread(content, this::showEndpoint);
    }

    @Inject
    @Optional
    public void connectorsChanged(@UIEventTopic(ConnectorAdmin.CHANGED) Event event) {
        showEndpoint(); // the channel count follows connectors coming and going
    }

    @Inject
    @Optional
    public void presenceChanged(@UIEventTopic(DirectoryEvents.PRESENCE_CHANGED) Event event) {
        DeskSession s = session;
        if (s != null && content != null && !content.isDisposed()
                && Objects.equals(event.getProperty(DirectoryEvents.AGENT_ID), s.agent().id())) {
            DeskJobs.run("Reading your presence", content, () -> s.directory().agent(s.agent().id()).orElseThrow(),
                    this::showAgent, failure -> presenceFeedback.setText(failure.getMessage()));
        }
    }

    private void showAgent(Agent me) {
        agent.setText(me.name() + (me.isAdmin() ? " (admin)" : ""));
        presence.select(me.presence().ordinal());
        presence.setEnabled(true);
        content.requestLayout();
    }

    private void showEndpoint() {
        if (content == null || content.isDisposed()) {
            return;
        }
        EndpointStatus status = endpoint;
        endpointLabel.setText(status == null ? "Endpoint not running: channels cannot reach this desk"
                : "Endpoint " + status.baseUri() + " \u00b7 " + status.channelCount()
                        + (status.channelCount() == 1 ? " channel" : " channels"));
        content.requestLayout();
    }

    void changePresence(Presence chosen) {
        DeskSession s = session;
        if (s == null) {
            return;
        }
        DeskJobs.run("Setting your presence", content, () -> s.directory().setPresence(s.agent().id(), chosen,
                s.agent().id()), saved -> {
                    presenceFeedback.setText("");
                    showAgent(saved);
                }, failure -> presenceFeedback.setText(failure.getMessage()));
    }

    // ---- for tests

    String agentText() {
        return agent.getText();
    }

    Combo presence() {
        return presence;
    }

    String endpointText() {
        return endpointLabel.getText();
    }
}
