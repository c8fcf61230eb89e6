package org.humanchat.api.model;

import java.util.Map;

/** The number of conversations in each tab, as one agent sees them. */
public record InboxCounts(Map<InboxTab, Long> byTab) {

    public InboxCounts {
        byTab = Map.copyOf(byTab);
    }

    public long of(InboxTab tab) {
        return byTab.getOrDefault(tab, 0L);
    }
}
