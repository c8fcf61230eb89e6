package org.humanchat.api.model;

/** The inbox tabs as one agent sees them. */
public enum InboxTab {
    /** Open and assigned to me. */
    ME("Me"),
    /** Open and waiting for a human. */
    UNASSIGNED("Unassigned"),
    /** Every open conversation, with humans and with Brains. */
    OPEN("Open"),
    /** Open and handled by a Brain. */
    BRAIN("Brain"),
    /** Resolved. */
    CLOSED("Closed");

    private final String label;

    InboxTab(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
