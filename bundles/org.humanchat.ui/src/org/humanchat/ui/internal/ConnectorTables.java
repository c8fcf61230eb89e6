package org.humanchat.ui.internal;

import java.util.Optional;
import java.util.function.Function;

import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.jface.viewers.TableViewerColumn;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;

/** The tables of the Connectors view: a list of records with a header, one column per text. */
final class ConnectorTables {

    private ConnectorTables() {
    }

    static TableViewer table(Composite parent, int height, String key) {
        TableViewer viewer = new TableViewer(parent, SWT.BORDER | SWT.FULL_SELECTION | SWT.SINGLE);
        viewer.setContentProvider(ArrayContentProvider.getInstance());
        WidgetKeys.name(viewer.getTable(), key);
        viewer.getTable().setHeaderVisible(true);
        viewer.getTable().setLinesVisible(true);
        GridDataFactory.fillDefaults().grab(true, true).hint(400, height).applyTo(viewer.getTable());
        return viewer;
    }

    static <T> void column(TableViewer viewer, Class<T> type, String title, int width, Function<T, String> text) {
        TableViewerColumn column = new TableViewerColumn(viewer, SWT.NONE);
        column.getColumn().setText(title);
        column.getColumn().setWidth(width);
        column.setLabelProvider(new ColumnLabelProvider() {
            @Override
            public String getText(Object element) {
                return type.isInstance(element) ? text.apply(type.cast(element)) : "";
            }
        });
    }

    static <T> Optional<T> selected(TableViewer viewer, Class<T> type) {
        Object first = ((IStructuredSelection) viewer.getSelection()).getFirstElement();
        return type.isInstance(first) ? Optional.of(type.cast(first)) : Optional.empty();
    }
}
