package org.humanchat.ui.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.RowLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.RowData;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Link;
import org.humanchat.api.model.Attachment;
import org.humanchat.api.service.AttachmentRejectedException;
import org.humanchat.api.service.AttachmentStore;

/**
 * The files attached to the reply being written: each is stored as soon as it is attached (in a Job), so a file that
 * is too large or not what it claims to be is refused before the agent sends, and sending only names the stored
 * files. The size limit is said before anything is uploaded, and a file over it is refused without reading it.
 */
final class PendingFiles {

    private final Composite row;
    private final Label limit;
    private final List<Attachment> files = new ArrayList<>();
    private final Consumer<String> say;
    private int uploading;

    PendingFiles(Composite parent, Consumer<String> say) {
        this.say = say;
        row = WidgetKeys.name(new Composite(parent, SWT.NONE), "conversation.files");
        RowLayoutFactory.fillDefaults().spacing(10).wrap(true).applyTo(row);
        GridDataFactory.fillDefaults().grab(true, false).span(2, 1).applyTo(row);
        limit = new Label(row, SWT.NONE);
        limit.setForeground(limit.getDisplay().getSystemColor(SWT.COLOR_WIDGET_DARK_SHADOW));
    }

    /** Shows the limit of the store files go to. */
    void limit(long maxBytes) {
        limit.setText("Attach files up to " + Sizes.of(maxBytes) + " (Ctrl+Shift+F, or drop them here)");
        relayout();
    }

    /** Stores each file in the background and lists it once stored. */
    void add(List<Path> paths, AttachmentStore store) {
        for (Path path : paths) {
            String name = path.getFileName().toString();
            uploading++;
            say.accept("Attaching " + name + "\u2026");
            // Even the size is read in the Job: a file on a slow share must not freeze the desk.
            DeskJobs.run("Attaching " + name, row, () -> {
                try {
                    if (!Files.isRegularFile(path)) {
                        throw new AttachmentRejectedException(name + " is not a file", false);
                    }
                    long size = Files.size(path);
                    if (size > store.maxBytes()) {
                        throw new AttachmentRejectedException(name + " is " + Sizes.of(size) + "; files up to "
                                + Sizes.of(store.maxBytes()) + " can be sent", true);
                    }
                    try (InputStream in = Files.newInputStream(path)) {
                        return store.store(name, mediaType(path), in);
                    }
                } catch (IOException e) {
                    throw new AttachmentRejectedException(name + " cannot be read: " + e.getMessage(), false);
                }
            }, stored -> {
                uploading--;
                files.add(stored);
                show(stored);
                say.accept("");
            }, failure -> {
                uploading--;
                say.accept(failure instanceof AttachmentRejectedException rejected && rejected.tooLarge()
                        ? failure.getMessage() : "Not attached: " + failure.getMessage());
            });
        }
    }

    private static String mediaType(Path path) {
        try {
            String probed = Files.probeContentType(path);
            // The store checks a declared type against the content and finds it out for octet-stream.
            return probed == null ? "application/octet-stream" : probed;
        } catch (IOException e) {
            return "application/octet-stream";
        }
    }

    private void show(Attachment file) {
        Link chip = new Link(row, SWT.NONE);
        chip.setText("File: " + file.name() + " (" + Sizes.of(file.size()) + ") <a>remove</a>");
        chip.setData(file);
        chip.addListener(SWT.Selection, e -> {
            files.remove(file);
            chip.dispose();
            relayout();
        });
        relayout();
    }

    private void relayout() {
        limit.setVisible(files.isEmpty());
        RowData data = new RowData();
        data.exclude = !files.isEmpty();
        limit.setLayoutData(data);
        row.getParent().getParent().layout(true, true);
    }

    List<Attachment> files() {
        return List.copyOf(files);
    }

    boolean uploading() {
        return uploading > 0;
    }

    /** After sending: the files went with the reply. */
    void clear() {
        files.clear();
        for (var child : row.getChildren()) {
            if (child != limit) {
                child.dispose();
            }
        }
        relayout();
    }

    Composite control() {
        return row;
    }
}
