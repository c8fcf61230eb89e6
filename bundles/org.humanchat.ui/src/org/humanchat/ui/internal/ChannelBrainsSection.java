package org.humanchat.ui.internal;

import java.util.List;

import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Group;
import org.eclipse.swt.widgets.Label;
import org.humanchat.api.model.Brain;
import org.humanchat.api.model.Channel;

/** One line per channel of the environment: the Brain that takes its new conversations, or none. */
final class ChannelBrainsSection {

    private final SetupChanges changes;
    private final Group group;

    ChannelBrainsSection(Composite parent, SetupChanges changes) {
        this.changes = changes;
        group = Controls.group(parent, "Channels: Brain that takes new conversations", 2, false);
    }

    /** @param brains the environment's Brains, offered for each of its channels */
    void show(List<Channel> channels, List<Brain> brains) {
        for (Control child : group.getChildren()) {
            child.dispose();
        }
        if (channels.isEmpty()) {
            new Label(group, SWT.NONE).setText("No channels in this environment yet.");
        }
        for (Channel channel : channels) {
            new Label(group, SWT.NONE).setText(channel.name());
            Combo brain = new Combo(group, SWT.READ_ONLY);
            GridDataFactory.fillDefaults().grab(true, false).applyTo(brain);
            brain.add("No Brain: straight to humans");
            brains.forEach(b -> brain.add(b.name()));
            int index = 0;
            for (int i = 0; i < brains.size(); i++) {
                if (Long.valueOf(brains.get(i).id()).equals(channel.defaultBrainId())) {
                    index = i + 1;
                }
            }
            brain.select(index);
            brain.setData(channel);
            brain.addListener(SWT.Selection, e -> {
                int chosen = brain.getSelectionIndex();
                long brainId = chosen <= 0 ? 0 : brains.get(chosen - 1).id();
                changes.change("Setting the Brain of " + channel.name(), () -> changes.session().directory()
                        .setDefaultBrain(channel.id(), brainId, changes.session().agent().id()));
            });
        }
    }
}
