package org.humanchat.ui.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.swt.SWT;
import org.eclipse.swt.dnd.DND;
import org.eclipse.swt.dnd.DropTarget;
import org.eclipse.swt.dnd.DropTargetAdapter;
import org.eclipse.swt.dnd.DropTargetEvent;
import org.eclipse.swt.dnd.FileTransfer;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.program.Program;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Menu;
import org.eclipse.swt.widgets.MenuItem;
import org.humanchat.api.model.Attachment;
import org.humanchat.api.service.HumanChatException;
import org.humanchat.ui.DeskSession;

/**
 * The files of a conversation editor: attaching files to the reply (picked in a file dialog or dropped on the
 * editor) and, for a file in the transcript, a menu to open it with the desktop's program or save it elsewhere.
 * Reading and writing files happens in Jobs; what happened is said through {@code say}.
 */
final class ConversationFiles {

    private final Control owner;
    private final Supplier<DeskSession> session;
    private final LongSupplier conversationId;
    private final PendingFiles pending;
    private final Consumer<String> say;

    /** @param owner the control whose shell dialogs open on, and whose life the Jobs' results follow */
    ConversationFiles(Control owner, Supplier<DeskSession> session, LongSupplier conversationId, PendingFiles pending,
            Consumer<String> say) {
        this.owner = owner;
        this.session = session;
        this.conversationId = conversationId;
        this.pending = pending;
        this.say = say;
        WidgetKeys.attach(pending.control(), this);
    }

    /** Lets the agent pick files to attach (Attach..., Ctrl+Shift+F). */
    void choose() {
        FileDialog dialog = new FileDialog(owner.getShell(), SWT.OPEN | SWT.MULTI);
        dialog.setText("Attach files");
        if (dialog.open() != null) {
            List<Path> paths = new ArrayList<>();
            for (String name : dialog.getFileNames()) {
                paths.add(Path.of(dialog.getFilterPath(), name));
            }
            add(paths);
        }
    }

    /** Attaches files to the reply being written: stored at once, sent with the reply. */
    void add(List<Path> paths) {
        DeskSession current = session.get();
        if (current != null && conversationId.getAsLong() != 0) {
            pending.add(paths, current.attachments());
        }
    }

    /** Files dropped on {@code target} are attached. */
    void acceptDrops(Control target) {
        DropTarget drop = new DropTarget(target, DND.DROP_COPY | DND.DROP_DEFAULT);
        drop.setTransfer(FileTransfer.getInstance());
        drop.addDropListener(new DropTargetAdapter() {
            @Override
            public void dragEnter(DropTargetEvent event) {
                event.detail = DND.DROP_COPY;
            }

            @Override
            public void drop(DropTargetEvent event) {
                if (event.data instanceof String[] names) {
                    add(Arrays.stream(names).map(Path::of).toList()); // checked in the Job
                }
            }
        });
    }

    /** The menu of a file the agent clicked in the transcript, at {@code at} on the display. */
    void menu(Attachment file, Point at) {
        Menu menu = new Menu(owner.getShell(), SWT.POP_UP);
        MenuItem open = new MenuItem(menu, SWT.PUSH);
        open.setText("Open " + file.name());
        open.addListener(SWT.Selection, e -> open(file));
        MenuItem save = new MenuItem(menu, SWT.PUSH);
        save.setText("Save As\u2026");
        save.addListener(SWT.Selection, e -> {
            FileDialog dialog = new FileDialog(owner.getShell(), SWT.SAVE);
            dialog.setFileName(file.name());
            dialog.setOverwrite(true);
            String target = dialog.open();
            if (target != null) {
                save(file, Path.of(target));
            }
        });
        menu.setLocation(at);
        // Disposed once closed, after its item ran: one menu per click must not pile up in the shell.
        menu.addListener(SWT.Hide, e -> menu.getDisplay().asyncExec(menu::dispose));
        menu.setVisible(true);
    }

    /** Copies a file of the conversation to {@code target}, in the background. */
    Job save(Attachment file, Path target) {
        DeskSession current = session.get();
        say.accept("Saving " + file.name() + "\u2026");
        return DeskJobs.run("Saving " + file.name(), owner, () -> {
            copy(current, file, target);
            return target;
        }, saved -> say.accept("Saved " + saved), failure -> say.accept(failure.getMessage()));
    }

    /** Opens a file of the conversation with the desktop's program for it, from a private temporary copy. */
    void open(Attachment file) {
        DeskSession current = session.get();
        DeskJobs.run("Opening " + file.name(), owner, () -> {
            try {
                Path folder = Files.createTempDirectory("humanchat-file");
                // The name comes from the sender: only its last part, without anything a shell or path would read.
                String safe = Path.of(file.name().replaceAll("[\\\\/:]", "_")).getFileName().toString()
                        .replaceAll("^\\.+", "_");
                Path copy = folder.resolve(safe.isBlank() ? "file" : safe);
                copy(current, file, copy);
                copy.toFile().deleteOnExit();
                folder.toFile().deleteOnExit();
                return copy;
            } catch (IOException e) {
                throw new HumanChatException(file.name() + " cannot be opened: " + e.getMessage(), e);
            }
        }, copy -> {
            if (!Program.launch(copy.toString())) {
                say.accept("No program opens " + file.name() + "; use Save As");
            }
        }, failure -> say.accept(failure.getMessage()));
    }

    private static void copy(DeskSession current, Attachment file, Path target) {
        try {
            Optional<InputStream> content = current.attachments().open(file.contentHash());
            if (content.isEmpty()) {
                throw new HumanChatException(file.name() + " is no longer stored");
            }
            try (InputStream in = content.get()) {
                Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new HumanChatException(file.name() + " cannot be saved: " + e.getMessage(), e);
        }
    }
}
