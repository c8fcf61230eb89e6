package org.humanchat.api.service;

import java.time.Instant;

/**
 * A page of the audit log, newest first, and its filters; every filter is optional.
 *
 * @param beforeId     only entries with a smaller id (the last id of the page before), 0 for the newest
 * @param limit        at most this many entries (1 to 500)
 * @param agentId      only what this agent did, 0 for anybody
 * @param actionPrefix only actions starting with this, e.g. {@code "environment."}; "" for all
 * @param subjectKind  only changes of this kind of subject, e.g. {@code "connectorInstance"}; "" for all
 * @param text         only entries whose subject name, before or after contain this (ignoring case); "" for all
 * @param from         only entries at or after this time, or null
 * @param to           only entries before this time, or null
 */
public record AuditQuery(long beforeId, int limit, long agentId, String actionPrefix, String subjectKind,
        String text, Instant from, Instant to) {

    public static final int MAX_LIMIT = 500;

    public AuditQuery {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("A page holds 1 to " + MAX_LIMIT + " entries, not " + limit);
        }
        actionPrefix = actionPrefix == null ? "" : actionPrefix.strip();
        subjectKind = subjectKind == null ? "" : subjectKind.strip();
        text = text == null ? "" : text.strip();
    }

    /** The newest {@code limit} entries, unfiltered. */
    public static AuditQuery newest(int limit) {
        return new AuditQuery(0, limit, 0, "", "", "", null, null);
    }

    /** The next page after one that ended with {@code lastId}. */
    public AuditQuery after(long lastId) {
        return new AuditQuery(lastId, limit, agentId, actionPrefix, subjectKind, text, from, to);
    }

    public AuditQuery byAgent(long agent) {
        return new AuditQuery(beforeId, limit, agent, actionPrefix, subjectKind, text, from, to);
    }

    public AuditQuery actionStartingWith(String prefix) {
        return new AuditQuery(beforeId, limit, agentId, prefix, subjectKind, text, from, to);
    }

    public AuditQuery ofSubjectKind(String kind) {
        return new AuditQuery(beforeId, limit, agentId, actionPrefix, kind, text, from, to);
    }

    public AuditQuery containing(String words) {
        return new AuditQuery(beforeId, limit, agentId, actionPrefix, subjectKind, words, from, to);
    }

    public AuditQuery between(Instant start, Instant end) {
        return new AuditQuery(beforeId, limit, agentId, actionPrefix, subjectKind, text, start, end);
    }
}
