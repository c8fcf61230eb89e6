package org.humanchat.persistence.internal;

import java.util.Locale;

import jakarta.persistence.Query;

import org.humanchat.api.model.InboxQuery;
import org.humanchat.api.model.InboxTab;

/** The JPQL condition of an inbox query: its tab, then its filters. Each tab condition matches one index. */
final class InboxFilter {

    private InboxFilter() {
    }

    static String where(InboxQuery q) {
        StringBuilder where = new StringBuilder(switch (q.tab()) {
            case ME -> "c.assigneeId = :agent AND c.assigneeKind = 'AGENT' AND c.status = 'OPEN'";
            case UNASSIGNED -> "c.status = 'OPEN' AND c.assigneeKind = 'NOBODY'";
            case BRAIN -> "c.status = 'OPEN' AND c.assigneeKind = 'BRAIN'";
            case OPEN -> "c.status = 'OPEN'";
            case CLOSED -> "c.status = 'RESOLVED'";
        });
        if (q.environmentId() != 0) {
            where.append(" AND c.environmentId = :environment");
        }
        if (q.channelId() != 0) {
            where.append(" AND c.channelId = :channel");
        }
        if (!q.tag().isEmpty()) {
            // LOCATE, not LIKE: H2 compiles a LIKE pattern given as a parameter again for every row it tests
            where.append(" AND LOCATE(:tag, c.tags) > 0");
        }
        if (!q.search().isEmpty()) {
            where.append(" AND (EXISTS (SELECT ct.id FROM ContactEntity ct WHERE ct.id = c.contactId AND"
                    + " (LOWER(ct.name) LIKE :search ESCAPE '!' OR LOWER(ct.email) LIKE :search ESCAPE '!'"
                    + " OR ct.phone LIKE :search ESCAPE '!'))"
                    + " OR EXISTS (SELECT m.id FROM MessageEntity m WHERE m.conversationId = c.id"
                    + " AND LOWER(m.text) LIKE :search ESCAPE '!'))");
        }
        return where.toString();
    }

    /**
     * The ORDER BY of a tab's page: activity, newest (or oldest) first, led by the columns of the tab's index that
     * its condition fixes. They change nothing in the order, but without them H2 does not see that the index is
     * already in page order: it reads the tab's whole range and sorts it, where it could stop after the page
     * (docs/BENCHMARKS.md, session 14). Open and Closed are read one handler kind at a time (see
     * JpaInbox.mergedPage), so they too are ordered as conversation_kind_activity.
     */
    static String order(InboxQuery q) {
        String direction = q.oldestFirst() ? " DESC" : ""; // the fixed columns are ascending in the index
        String fixed = q.tab() == InboxTab.ME
                ? "c.assigneeId" + direction + ", c.assigneeKind" + direction + ", c.status" + direction
                : "c.status" + direction + ", c.assigneeKind" + direction;
        String activity = q.oldestFirst() ? "c.lastMessageAt ASC, c.id ASC" : "c.lastMessageAt DESC, c.id DESC";
        return " ORDER BY " + fixed + ", " + activity;
    }

    static void bind(InboxQuery q, Query query) {
        if (q.tab() == InboxTab.ME) {
            query.setParameter("agent", q.agentId());
        }
        if (q.environmentId() != 0) {
            query.setParameter("environment", q.environmentId());
        }
        if (q.channelId() != 0) {
            query.setParameter("channel", q.channelId());
        }
        if (!q.tag().isEmpty()) {
            query.setParameter("tag", "|" + q.tag() + "|"); // tags are stored as |a|b|
        }
        if (!q.search().isEmpty()) {
            query.setParameter("search", "%" + likeEscape(q.search().toLowerCase(Locale.ROOT)) + "%");
        }
    }

    /**
     * Escapes the LIKE wildcards of user input (with '!'), so that "50%" or "vip_customer" match themselves and a
     * search cannot widen its own pattern.
     */
    static String likeEscape(String text) {
        return text.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }
}
