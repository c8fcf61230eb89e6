package org.humanchat.ui.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.humanchat.api.model.Channel;
import org.humanchat.api.model.Environment;
import org.humanchat.ui.DeskSession;

/** The inbox's three filter lists (environment, channel, tag in use), filled from the directory in a Job. */
final class InboxFilters {

    private final Combo environments;
    private final Combo channels;
    private final Combo tags;
    private long[] environmentIds = new long[0];
    private long[] channelIds = new long[0];

    /** @param chosen called on the UI thread when the agent picks a filter */
    InboxFilters(Composite parent, Runnable chosen) {
        Composite filters = new Composite(parent, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(3).equalWidth(true).applyTo(filters);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(filters);
        environments = combo(filters, "All environments", "inbox.filter.environment", chosen);
        channels = combo(filters, "All channels", "inbox.filter.channel", chosen);
        tags = combo(filters, "All tags", "inbox.filter.tag", chosen);
    }

    private static Combo combo(Composite parent, String all, String key, Runnable chosen) {
        Combo combo = WidgetKeys.name(new Combo(parent, SWT.READ_ONLY), key);
        combo.setItems(all);
        combo.select(0);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(combo);
        combo.addListener(SWT.Selection, e -> chosen.run());
        return combo;
    }

    long environmentId() {
        return selectedId(environments, environmentIds);
    }

    long channelId() {
        return selectedId(channels, channelIds);
    }

    /** The tag chosen, or "" for all. */
    String tag() {
        return tags.getSelectionIndex() <= 0 ? "" : tags.getText();
    }

    private static long selectedId(Combo combo, long[] ids) {
        int i = combo.getSelectionIndex();
        return i <= 0 || i > ids.length ? 0 : ids[i - 1];
    }

    private record Choices(List<Environment> environments, List<Channel> channels, List<String> tags) {
    }

    /** Reads the choices again; what the agent chose stays chosen while it is still offered. */
    void load(DeskSession current, Consumer<String> problem) {
        DeskJobs.run("Loading inbox filters", tags, () -> new Choices(current.directory().environments(),
                current.directory().channels(), current.inbox().tags()), loaded -> {
                    environmentIds = loaded.environments().stream().mapToLong(Environment::id).toArray();
                    channelIds = loaded.channels().stream().mapToLong(Channel::id).toArray();
                    refill(environments, "All environments", loaded.environments().stream().map(Environment::name));
                    refill(channels, "All channels", loaded.channels().stream().map(Channel::name));
                    refill(tags, "All tags", loaded.tags().stream());
                }, failure -> problem.accept("Could not load the filters: " + failure.getMessage()));
    }

    private static void refill(Combo combo, String all, Stream<String> names) {
        String selected = combo.getText();
        List<String> items = new ArrayList<>();
        items.add(all);
        names.forEach(items::add);
        combo.setItems(items.toArray(String[]::new));
        combo.select(Math.max(0, items.indexOf(selected)));
    }
}
