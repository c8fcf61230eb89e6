package org.humanchat.ui.internal;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

import org.eclipse.core.runtime.jobs.IJobChangeEvent;
import org.eclipse.core.runtime.jobs.IJobChangeListener;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.core.runtime.jobs.JobChangeAdapter;

import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.core.di.extensions.Service;
import org.eclipse.e4.ui.di.UIEventTopic;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.ProgressBar;
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
 * see it when they assign), where the endpoint listens with how many channels it serves, or that it does not run,
 * and, at the right, the background work that takes a while (a moving bar and what it is).
 */
public final class StatusLine {

    private Composite content;
    private Label agent;
    private Combo presence;
    private Label endpointLabel;
    private Label presenceFeedback;
    private volatile DeskSession session;
    private volatile EndpointStatus endpoint;

    /** Work shorter than this never shows: a bar that flickers for every quick read would only distract. */
    static final long SHOW_AFTER_MILLIS = 300;
    private Composite work;
    private ProgressBar workBar;
    private Label workLabel;
    /** Running jobs (not the platform's own system jobs) and when each started, in nanoseconds. */
    private final Map<Job, Long> running = new ConcurrentHashMap<>();
    private final IJobChangeListener jobs = new JobChangeAdapter() {
        @Override
        public void running(IJobChangeEvent event) {
            if (!event.getJob().isSystem()) {
                running.put(event.getJob(), System.nanoTime());
                DeskJobs.onUiThread(content, () -> content.getDisplay().timerExec((int) SHOW_AFTER_MILLIS,
                        StatusLine.this::showWork));
            }
        }

        @Override
        public void done(IJobChangeEvent event) {
            if (running.remove(event.getJob()) != null) {
                DeskJobs.onUiThread(content, StatusLine.this::showWork);
            }
        }
    };

    @PostConstruct
    public void create(Composite parent) {
        content = new Composite(parent, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(6).margins(8, 2).spacing(10, 0).applyTo(content);
        agent = WidgetKeys.name(new Label(content, SWT.NONE), "status.agent");
        agent.setText("Signing in\u2026");
        presence = WidgetKeys.name(new Combo(content, SWT.READ_ONLY), "status.presence");
        for (Presence p : Presence.values()) {
            presence.add(Character.toUpperCase(p.label().charAt(0)) + p.label().substring(1));
        }
        presence.setToolTipText("Your presence, as colleagues see it when they assign conversations");
        presence.setEnabled(false);
        presence.addListener(SWT.Selection, e -> changePresence(Presence.values()[presence.getSelectionIndex()]));
        presenceFeedback = new Label(content, SWT.NONE);
        Label separator = new Label(content, SWT.SEPARATOR | SWT.VERTICAL);
        GridDataFactory.swtDefaults().hint(SWT.DEFAULT, 16).applyTo(separator);
        endpointLabel = WidgetKeys.name(new Label(content, SWT.NONE), "status.endpoint");
        GridDataFactory.fillDefaults().grab(true, false).align(SWT.FILL, SWT.CENTER).applyTo(endpointLabel);
        GridDataFactory.swtDefaults().align(SWT.BEGINNING, SWT.CENTER).applyTo(agent);
        GridDataFactory.swtDefaults().align(SWT.BEGINNING, SWT.CENTER).applyTo(presenceFeedback);
        work = WidgetKeys.name(new Composite(content, SWT.NONE), "status.work");
        GridLayoutFactory.fillDefaults().numColumns(2).spacing(6, 0).applyTo(work);
        GridDataFactory.swtDefaults().align(SWT.END, SWT.CENTER).exclude(true).applyTo(work);
        work.setVisible(false);
        workLabel = WidgetKeys.name(new Label(work, SWT.NONE), "status.workLabel");
        workBar = new ProgressBar(work, SWT.INDETERMINATE);
        GridDataFactory.swtDefaults().hint(120, 12).align(SWT.BEGINNING, SWT.CENTER).applyTo(workBar);
        Job.getJobManager().addJobChangeListener(jobs);
        content.addDisposeListener(e -> Job.getJobManager().removeJobChangeListener(jobs));
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

    /** No session will come (the database cannot be opened): nobody is signed in. */
    @Inject
    @Optional
    public void problem(org.humanchat.ui.DeskProblem problem) {
        if (content != null && !content.isDisposed() && session == null) {
            agent.setText("Not signed in");
            content.requestLayout();
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
        agent.setText(me.name() + (me.supervises() ? " (" + me.role().label().toLowerCase(Locale.ROOT) + ")" : ""));
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

    /** Shows the longest running job that has run for a while (and how many more), or hides the bar. */
    private void showWork() {
        if (content == null || content.isDisposed()) {
            return;
        }
        long now = System.nanoTime();
        long threshold = SHOW_AFTER_MILLIS * 1_000_000;
        List<Map.Entry<Job, Long>> slow = running.entrySet().stream().filter(e -> now - e.getValue() >= threshold)
                .sorted(Comparator.comparing(Map.Entry::getValue)).toList();
        boolean show = !slow.isEmpty();
        if (show) {
            String name = slow.get(0).getKey().getName();
            workLabel.setText(name + "\u2026" + (slow.size() > 1 ? " (and " + (slow.size() - 1) + " more)" : ""));
            workLabel.setToolTipText(String.join("\n", slow.stream().map(e -> e.getKey().getName()).toList()));
        }
        if (work.getVisible() != show) {
            work.setVisible(show);
            ((org.eclipse.swt.layout.GridData) work.getLayoutData()).exclude = !show;
        }
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
}
