package org.humanchat.api.model;

/** Inbound messages come from the end user, outbound ones go to them, internal ones are timeline events. */
public enum Direction {
    INBOUND, OUTBOUND, INTERNAL
}
