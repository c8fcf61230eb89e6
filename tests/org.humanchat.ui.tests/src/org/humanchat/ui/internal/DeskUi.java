package org.humanchat.ui.internal;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.humanchat.api.model.Agent;
import org.humanchat.core.tests.Databases;
import org.humanchat.core.tests.Desk;
import org.humanchat.persistence.internal.FileAttachmentStore;
import org.humanchat.ui.DeskSession;

/**
 * The desk's parts on real services (H2) in a real SWT shell, driven through their widgets. Waits by pumping the
 * event loop until a condition holds and the desk's Jobs are done, never by sleeping a fixed time.
 */
final class DeskUi implements AutoCloseable {

    final Desk desk;
    final Display display;
    final Shell shell;
    /** Files up to 64 KB: large enough for the tests' files, small enough to try a larger one. */
    final FileAttachmentStore attachments;

    DeskUi(Path folder) {
        this(folder, Databases.freshH2(folder));
    }

    /** On another database, e.g. {@link Databases#freshPostgres()}. */
    DeskUi(Path folder, org.humanchat.persistence.internal.DatabaseSettings database) {
        desk = new Desk(database);
        attachments = new FileAttachmentStore(folder.resolve("attachments"), 64 * 1024);
        display = Display.getDefault();
        shell = new Shell(display);
        shell.setLayout(new FillLayout());
        shell.setSize(1200, 800);
        shell.open();
    }

    DeskSession sessionOf(Agent agent) {
        return new DeskSession(agent, desk.conversations, desk.inbox, desk.contacts, desk.directory, desk.deliveries,
                attachments);
    }

    Composite area() {
        Composite area = new Composite(shell, 0);
        shell.layout(true, true);
        return area;
    }

    /** Pumps events until the condition holds and no desk Job runs; fails after 20 s with {@code what}. */
    void waitUntil(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (true) {
            while (display.readAndDispatch()) {
                // drain the queue
            }
            if (Job.getJobManager().find(DeskJobs.FAMILY).length == 0 && condition.getAsBoolean()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out waiting until " + what);
            }
            display.timerExec(10, () -> { });
            display.sleep();
        }
    }

    /** Acts on the dialog titled {@code title} as soon as it opens (from inside its own event loop). */
    void whenDialogOpens(String title, Consumer<Shell> action) {
        Runnable[] poll = new Runnable[1];
        poll[0] = () -> {
            for (Shell s : display.getShells()) {
                if (s.isVisible() && title.equals(s.getText())) {
                    action.accept(s);
                    return;
                }
            }
            display.timerExec(20, poll[0]);
        };
        display.timerExec(20, poll[0]);
    }

    /**
     * Runs {@code opens}, which opens the dialog titled {@code title} (at once or from a Job), acts on the dialog with
     * {@code action} from inside its event loop, and waits until that ran. An assertion failing inside the dialog
     * closes it and fails the test here.
     */
    void actInDialog(String title, Consumer<Shell> action, Runnable opens) {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicBoolean acted = new AtomicBoolean();
        whenDialogOpens(title, dialog -> {
            try {
                action.accept(dialog);
            } catch (RuntimeException | AssertionError e) {
                failure.set(e);
                dialog.close();
            } finally {
                acted.set(true);
            }
        });
        opens.run();
        waitUntil("the dialog \"" + title + "\" was used", acted::get);
        if (failure.get() != null) {
            throw new AssertionError("In the dialog \"" + title + "\": " + failure.get().getMessage(), failure.get());
        }
    }

    @Override
    public void close() {
        shell.dispose();
        desk.close();
    }
}
