package org.humanchat.api.service;

import java.time.Instant;
import java.util.Objects;

/**
 * One line of the audit log: who did what to which subject, when, and what it was before and after.
 *
 * @param agentId   who acted, or 0 for the system (a first start, a drop-in file, a failed sign-in of nobody known)
 * @param agentName their name at the time, or "system"
 */
public record AuditEntry(long id, Instant at, long agentId, String agentName, String action, String subjectKind,
        String subjectId, String subjectName, String before, String after) {

    /** The name of the acting party when no agent acted. */
    public static final String SYSTEM = "system";

    public AuditEntry {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(agentName, "agentName");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(subjectKind, "subjectKind");
        Objects.requireNonNull(subjectId, "subjectId");
        Objects.requireNonNull(subjectName, "subjectName");
        Objects.requireNonNull(before, "before");
        Objects.requireNonNull(after, "after");
    }
}
