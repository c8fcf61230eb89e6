package org.humanchat.desk.internal;

import java.util.concurrent.atomic.AtomicBoolean;

import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.core.di.extensions.Service;
import org.eclipse.e4.ui.di.UISynchronize;
import org.eclipse.e4.ui.model.application.MApplication;
import org.eclipse.e4.ui.workbench.modeling.EModelService;
import org.eclipse.e4.ui.workbench.modeling.EPartService;
import org.eclipse.jface.dialogs.MessageDialog;
import org.humanchat.api.model.Agent;
import org.humanchat.api.service.AttachmentStore;
import org.humanchat.api.service.ContactService;
import org.humanchat.api.service.ConversationService;
import org.humanchat.api.service.DatabaseStatus;
import org.humanchat.api.service.DeliveryService;
import org.humanchat.api.service.DirectoryService;
import org.humanchat.api.service.InboxService;
import org.humanchat.ui.ConversationOpener;
import org.humanchat.ui.DeskProblem;
import org.humanchat.ui.DeskSession;
import org.humanchat.ui.internal.ConversationEditors;

import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;

/**
 * Signs the local user in (in the embedded single-user default, as an admin) once the database is open, and hands
 * the parts their {@link DeskSession}. The persistence bundle opens the database on a thread of its own and the
 * domain services are registered only once it is open, so this add-on waits for nothing: injection calls
 * {@link #servicesReady} when they are all there, and {@link #database} when the database could not be opened.
 */
public final class OpenDatabaseAddon {

    static final String LOCAL_ADMIN_EMAIL = "admin@localhost.localdomain";

    private final AtomicBoolean signingIn = new AtomicBoolean();
    private final AtomicBoolean problemShown = new AtomicBoolean();

    @Inject
    MApplication application;
    @Inject
    UISynchronize sync;

    @PostConstruct
    void start(EPartService parts, EModelService models) {
        application.getContext().set(ConversationOpener.class, new ConversationEditors(parts, models, application));
    }

    /** Injected when every service the desk works with is registered (the database is open), once. */
    @Inject
    @Optional
    void servicesReady(@Service DirectoryService directory, @Service ConversationService conversations,
            @Service InboxService inbox, @Service ContactService contacts, @Service DeliveryService deliveries,
            @Service AttachmentStore attachments) {
        if (!signingIn.compareAndSet(false, true)) {
            return;
        }
        Job job = Job.create("Signing in to Human Chat", monitor -> {
            try {
                Agent me = directory.ensureFirstAdmin(System.getProperty("user.name", "Local admin"),
                        LOCAL_ADMIN_EMAIL);
                DeskSession session = new DeskSession(me, conversations, inbox, contacts, directory, deliveries,
                        attachments);
                sync.asyncExec(() -> application.getContext().set(DeskSession.class, session));
                return Status.OK_STATUS;
            } catch (RuntimeException e) {
                showProblem(e.getMessage());
                return Status.error(e.getMessage(), e);
            }
        });
        job.setPriority(Job.SHORT);
        job.schedule();
    }

    /** Injected with each state of the database: opening, open, or failed (then said, once). */
    @Inject
    @Optional
    void database(@Service DatabaseStatus status) {
        if (status != null && status.state() == DatabaseStatus.State.FAILED) {
            showProblem(status.problem().orElse("The database " + status.database() + " cannot be opened"));
        }
    }

    private void showProblem(String message) {
        if (!problemShown.compareAndSet(false, true)) {
            return;
        }
        sync.asyncExec(() -> {
            application.getContext().set(DeskProblem.class,
                    new DeskProblem("The database could not be opened: no conversations (see the message)"));
            MessageDialog.openError(null, "Human Chat cannot open its database", message
                    + ".\n\nThe database's own words are in the desk's log (the terminal it was started from)."
                    + " Check the database settings (HUMANCHAT_VMARGS, -Dhumanchat.db.url) and that no other"
                    + " desk uses the same data folder, then start the desk again.");
        });
    }
}
