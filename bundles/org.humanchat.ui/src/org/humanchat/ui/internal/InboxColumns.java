package org.humanchat.ui.internal;

import java.time.Instant;
import java.util.function.Function;
import java.util.function.Supplier;

import org.eclipse.jface.resource.JFaceResources;
import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.jface.viewers.TableViewerColumn;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Font;
import org.eclipse.swt.graphics.Image;
import org.humanchat.api.model.InboxRow;
import org.humanchat.api.model.InboxTab;

/** The inbox table's columns: what each shows of a row; unread rows are bold and marked with a dot. */
final class InboxColumns {

    private InboxColumns() {
    }

    /** @param tab the tab shown: Unassigned counts the waiting time from the handover */
    static void addTo(TableViewer viewer, ChannelIcons channelIcons, Supplier<InboxTab> tab) {
        column(viewer, "Contact", 150, r -> (r.unread() ? "\u25cf " : "") + r.contactName(), null);
        column(viewer, "Last message", 260, InboxRow::preview, null);
        column(viewer, "Channel", 130, InboxRow::channelName, r -> channelIcons.of(r.channelType()));
        column(viewer, "Waiting", 70, r -> Durations.since(r.conversation().handedOverAt() != null
                && tab.get() == InboxTab.UNASSIGNED ? r.conversation().handedOverAt()
                        : r.conversation().lastMessageAt(), Instant.now()), null);
        column(viewer, "Assignee", 110, r -> r.assigneeName().isEmpty() ? "\u2014" : r.assigneeName(), null);
        column(viewer, "Tags", 100, r -> String.join(", ", r.conversation().tags().stream().sorted().toList()), null);
        column(viewer, "Environment", 100, InboxRow::environmentName, null);
    }

    /** A column; {@code icon}, if any, gives the column an image per row. */
    private static void column(TableViewer viewer, String title, int width, Function<InboxRow, String> text,
            Function<InboxRow, Image> icon) {
        TableViewerColumn column = new TableViewerColumn(viewer, SWT.LEFT);
        column.getColumn().setText(title);
        column.getColumn().setWidth(width);
        column.setLabelProvider(new ColumnLabelProvider() {
            @Override
            public String getText(Object element) {
                return element instanceof InboxRow row ? text.apply(row) : "";
            }

            @Override
            public Font getFont(Object element) {
                return element instanceof InboxRow row && row.unread()
                        ? JFaceResources.getFontRegistry().getBold(JFaceResources.DEFAULT_FONT)
                        : null;
            }

            @Override
            public Image getImage(Object element) {
                return icon != null && element instanceof InboxRow row ? icon.apply(row) : null;
            }
        });
    }
}
