package org.humanchat.desk.internal;

import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.e4.ui.di.UISynchronize;
import org.eclipse.e4.ui.model.application.MApplication;
import org.eclipse.e4.ui.workbench.modeling.EModelService;
import org.eclipse.e4.ui.workbench.modeling.EPartService;
import org.eclipse.jface.dialogs.MessageDialog;
import org.humanchat.api.model.Agent;
import org.humanchat.api.service.AttachmentStore;
import org.humanchat.api.service.ContactService;
import org.humanchat.api.service.ConversationService;
import org.humanchat.api.service.DeliveryService;
import org.humanchat.api.service.DirectoryService;
import org.humanchat.api.service.InboxService;
import org.humanchat.ui.ConversationOpener;
import org.humanchat.ui.DeskProblem;
import org.humanchat.ui.DeskSession;
import org.humanchat.ui.internal.ConversationEditors;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

import jakarta.annotation.PostConstruct;

/**
 * Opens the database when the desk starts (creating and migrating it on first start), signs the local user in (in
 * the embedded single-user default, as an admin) and hands the parts their {@link DeskSession}. The services are
 * fetched in a Job, so that activating the store, with its migration, never runs on the UI thread.
 */
public final class OpenDatabaseAddon {

    static final String LOCAL_ADMIN_EMAIL = "admin@localhost.localdomain";
    private static final long WAIT_FOR_SERVICES_MS = 60_000;

    @PostConstruct
    void start(MApplication application, UISynchronize sync, EPartService parts, EModelService models) {
        application.getContext().set(ConversationOpener.class, new ConversationEditors(parts, models, application));
        BundleContext context = FrameworkUtil.getBundle(OpenDatabaseAddon.class).getBundleContext();
        Job job = Job.create("Opening the Human Chat database", monitor -> {
            try {
                DirectoryService directory = service(context, DirectoryService.class);
                Agent me = directory.ensureFirstAdmin(System.getProperty("user.name", "Local admin"),
                        LOCAL_ADMIN_EMAIL);
                DeskSession session = new DeskSession(me, service(context, ConversationService.class),
                        service(context, InboxService.class), service(context, ContactService.class), directory,
                        service(context, DeliveryService.class), service(context, AttachmentStore.class));
                sync.asyncExec(() -> application.getContext().set(DeskSession.class, session));
                return Status.OK_STATUS;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Status.CANCEL_STATUS;
            } catch (IllegalStateException e) {
                sync.asyncExec(() -> {
                    application.getContext().set(DeskProblem.class,
                            new DeskProblem("The database could not be opened: no conversations (see the message)"));
                    MessageDialog.openError(null, "Human Chat cannot open its database", e.getMessage()
                            + ".\n\nThe database's own words are in the desk's log (the terminal it was started from)."
                            + " Check the database settings (HUMANCHAT_VMARGS, -Dhumanchat.db.url) and that no other"
                            + " desk uses the same data folder, then start the desk again.");
                });
                return Status.error(e.getMessage(), e);
            }
        });
        job.setPriority(Job.SHORT);
        job.schedule();
    }

    private static <T> T service(BundleContext context, Class<T> type) throws InterruptedException {
        // The tracker only waits for the registration and this thread takes the service: a tracker that took it
        // would create it on the registering thread, the framework's start-up thread.
        ServiceTracker<T, ServiceReference<T>> tracker = new ServiceTracker<>(context, type, null) {
            @Override
            public ServiceReference<T> addingService(ServiceReference<T> reference) {
                return reference;
            }
        };
        tracker.open();
        ServiceReference<T> reference = tracker.waitForService(WAIT_FOR_SERVICES_MS);
        if (reference == null) {
            throw new IllegalStateException("The desk's services did not start within a minute ("
                    + type.getSimpleName() + " is missing)");
        }
        T service = context.getService(reference);
        if (service == null) {
            // the service is there but could not be made: its component failed to open the database
            throw new IllegalStateException("The desk could not open its database (" + type.getSimpleName()
                    + " could not be started)");
        }
        return service; // held, never released, for the desk's lifetime
    }
}
