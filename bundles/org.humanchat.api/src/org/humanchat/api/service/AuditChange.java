package org.humanchat.api.service;

import java.util.Objects;

/**
 * What an audited change did, as a component hands it to {@link AuditService#record}: a stable action code, the
 * subject it was done to, and short human-readable texts (or small JSON) of before and after. Never a secret: a
 * password, token or secret setting is described ("secret changed"), never written.
 *
 * @param action      a stable code, the area first: {@code environment.humanChat}, {@code connector.install}
 * @param subjectKind what was changed, e.g. {@code environment}, {@code connectorInstance}
 * @param subjectId   its id as text (connector instances have text ids), or "" when it has none
 * @param subjectName its name at the time, or ""
 * @param before      what it was, or "" (created)
 * @param after       what it is now, or "" (deleted)
 */
public record AuditChange(String action, String subjectKind, String subjectId, String subjectName, String before,
        String after) {

    public AuditChange {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(subjectKind, "subjectKind");
        subjectId = subjectId == null ? "" : subjectId;
        subjectName = subjectName == null ? "" : subjectName;
        before = before == null ? "" : before;
        after = after == null ? "" : after;
    }

    /** A change of a subject with a numeric id. */
    public static AuditChange of(String action, String subjectKind, long subjectId, String subjectName, String before,
            String after) {
        return new AuditChange(action, subjectKind, Long.toString(subjectId), subjectName, before, after);
    }
}
