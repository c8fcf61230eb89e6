package org.humanchat.ui.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

import org.humanchat.api.service.AuditEntry;
import org.humanchat.api.service.AuditQuery;

/**
 * What the Audit view shows, without a display: the entries loaded so far (newest first), the filter they were
 * read with, and whether an older page may follow. Pages follow each other by the last id shown (keyset), so an
 * entry recorded meanwhile neither shifts nor repeats a row.
 */
final class AuditPages {

    static final int PAGE = 100;

    private AuditQuery filter = AuditQuery.newest(PAGE);
    private final List<AuditEntry> rows = new ArrayList<>();
    private boolean more;
    /** Counts filter changes: a page read for an earlier filter is dropped when it arrives. */
    private int generation;

    /** The first page of a new filter is to be read; returns its query. */
    AuditQuery filter(long agentId, String actionPrefix, String text) {
        return filter(agentId, actionPrefix, text, null);
    }

    /** The same, only entries recorded at {@code from} or later (null: any time). */
    AuditQuery filter(long agentId, String actionPrefix, String text, java.time.Instant from) {
        filter = new AuditQuery(0, PAGE, agentId, actionPrefix, "", text, from, null);
        generation++;
        return filter;
    }

    AuditQuery firstPage() {
        return filter;
    }

    int generation() {
        return generation;
    }

    /** The next older page, if one may follow. */
    Optional<AuditQuery> nextPage() {
        return more && !rows.isEmpty() ? Optional.of(filter.after(rows.get(rows.size() - 1).id())) : Optional.empty();
    }

    /** The first page arrived (for the filter of {@code forGeneration}): it replaces what was shown. */
    boolean firstPageLoaded(int forGeneration, List<AuditEntry> page) {
        if (forGeneration != generation) {
            return false;
        }
        rows.clear();
        rows.addAll(page);
        more = page.size() == filter.limit();
        return true;
    }

    /** An older page arrived; it is added if it still follows the rows shown. */
    boolean nextPageLoaded(int forGeneration, AuditQuery query, List<AuditEntry> page) {
        if (forGeneration != generation || rows.isEmpty() || rows.get(rows.size() - 1).id() != query.beforeId()) {
            return false;
        }
        rows.addAll(page);
        more = page.size() == query.limit();
        return true;
    }

    List<AuditEntry> rows() {
        return Collections.unmodifiableList(rows);
    }

    boolean more() {
        return more;
    }
}
