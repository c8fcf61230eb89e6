package org.humanchat.api.model;

/** Whether an agent takes conversations now, as colleagues see it when they assign one. */
public enum Presence {
    AVAILABLE, BUSY, AWAY;

    /** As shown to people: "available", "busy", "away". */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
