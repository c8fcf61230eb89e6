package org.humanchat.ui.internal;

import java.util.function.Consumer;
import java.util.function.Supplier;

import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Widget;

/**
 * Background work of the desk: runs in a Job of the {@link #FAMILY} family (tests join the family instead of
 * sleeping), then shows its result on the UI thread, unless the widget is gone by then.
 */
public final class DeskJobs {

    /** Every Job the desk's parts start belongs to this family. */
    public static final Object FAMILY = DeskJobs.class;

    private DeskJobs() {
    }

    /**
     * @param onFailure shown on the UI thread with the failure's message, for the person to act on
     */
    public static <T> Job run(String name, Widget owner, Supplier<T> work, Consumer<T> show,
            Consumer<RuntimeException> onFailure) {
        Display display = owner.getDisplay();
        Job job = new Job(name) {
            @Override
            protected IStatus run(org.eclipse.core.runtime.IProgressMonitor monitor) {
                try {
                    T result = work.get();
                    asyncIfAlive(display, owner, () -> show.accept(result));
                } catch (RuntimeException failure) {
                    asyncIfAlive(display, owner, () -> onFailure.accept(failure));
                }
                return Status.OK_STATUS;
            }

            @Override
            public boolean belongsTo(Object family) {
                return family == FAMILY;
            }
        };
        job.schedule();
        return job;
    }

    /**
     * Runs {@code runnable} on the UI thread: at once when called there, else as soon as the UI thread is free.
     * For code called from OSGi, whose services come and go on any thread. Nothing runs once the owner is gone.
     */
    static void onUiThread(Widget owner, Runnable runnable) {
        if (owner == null || owner.isDisposed()) {
            return;
        }
        if (Display.getCurrent() != null) {
            runnable.run();
        } else {
            asyncIfAlive(owner.getDisplay(), owner, runnable);
        }
    }

    static void asyncIfAlive(Display display, Widget owner, Runnable runnable) {
        if (!display.isDisposed()) {
            display.asyncExec(() -> {
                if (!owner.isDisposed()) {
                    runnable.run();
                }
            });
        }
    }
}
