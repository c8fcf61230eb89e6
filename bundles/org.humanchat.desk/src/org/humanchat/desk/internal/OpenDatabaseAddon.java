package org.humanchat.desk.internal;

import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.humanchat.api.service.DirectoryService;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

import jakarta.annotation.PostConstruct;

/**
 * Opens the database when the desk starts (creating and migrating it on first start) and makes sure the desk has an
 * admin: in the embedded single-user default, the local user is one. The service is fetched inside a Job, so that
 * activating the store, with its migration, never runs on the UI thread.
 */
public final class OpenDatabaseAddon {

    static final String LOCAL_ADMIN_EMAIL = "admin@localhost.localdomain";
    private static final long WAIT_FOR_SERVICES_MS = 60_000;

    @PostConstruct
    void start() {
        BundleContext context = FrameworkUtil.getBundle(OpenDatabaseAddon.class).getBundleContext();
        Job job = Job.create("Opening the Human Chat database", monitor -> {
            ServiceTracker<DirectoryService, DirectoryService> tracker = new ServiceTracker<>(context,
                    DirectoryService.class, null);
            tracker.open();
            try {
                DirectoryService directory = tracker.waitForService(WAIT_FOR_SERVICES_MS);
                if (directory == null) {
                    return Status.error("The conversation services did not start within a minute");
                }
                directory.ensureFirstAdmin(System.getProperty("user.name", "Local admin"), LOCAL_ADMIN_EMAIL);
                return Status.OK_STATUS;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Status.CANCEL_STATUS;
            } finally {
                tracker.close();
            }
        });
        job.setPriority(Job.SHORT);
        job.schedule();
    }
}
