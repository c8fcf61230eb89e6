package org.humanchat.persistence.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import jakarta.persistence.EntityManager;

import org.humanchat.api.model.InboxCounts;
import org.humanchat.api.model.InboxTab;

/**
 * The tab counts, kept in table inbox_counter by the transaction that changes a conversation. A conversation lies in
 * one bucket: OPEN/NOBODY/0, OPEN/BRAIN/0, OPEN/AGENT/agent id, or RESOLVED/ANY/0. Each bucket is split into
 * {@link #SHARDS} rows (by conversation id) so that concurrent writers seldom wait on the same row.
 */
final class InboxCounters {

    static final int SHARDS = 8;

    record Bucket(String status, String kind, long assigneeId) {

        static Bucket of(ConversationEntity c) {
            if ("RESOLVED".equals(c.status)) {
                return new Bucket("RESOLVED", "ANY", 0);
            }
            return new Bucket(c.status, c.assigneeKind, "AGENT".equals(c.assigneeKind) ? c.assigneeId : 0);
        }
    }

    private record Delta(Bucket bucket, int shard, int change) {
    }

    private static final Comparator<Delta> LOCK_ORDER = Comparator.comparing((Delta d) -> d.bucket().status())
            .thenComparing(d -> d.bucket().kind()).thenComparingLong(d -> d.bucket().assigneeId())
            .thenComparingInt(Delta::shard);

    private InboxCounters() {
    }

    /**
     * The counter changes of one transaction, written together just before it commits: summed per counter row (a
     * batch of new conversations touches each row once) and in one global order, so two transactions never wait on
     * each other in a cycle, and counter rows are locked for the shortest time.
     */
    static final class Pending {

        private final java.util.Map<Delta, Integer> changes = new java.util.TreeMap<>(LOCK_ORDER);

        /** Moves a conversation between buckets; {@code from} is null for a new conversation. */
        void move(long conversationId, Bucket from, Bucket to) {
            if (to.equals(from)) {
                return;
            }
            int shard = (int) Math.floorMod(conversationId, (long) SHARDS);
            if (from != null) {
                changes.merge(new Delta(from, shard, 0), -1, Integer::sum);
            }
            changes.merge(new Delta(to, shard, 0), +1, Integer::sum);
        }

        void write(JdbcRows rows) {
            changes.forEach((row, change) -> {
                if (change != 0) {
                    add(rows, new Delta(row.bucket(), row.shard(), change));
                }
            });
            changes.clear();
        }
    }

    private static void add(JdbcRows rows, Delta d) {
        Bucket b = d.bucket();
        if (!rows.addToCounter(b.status(), b.kind(), b.assigneeId(), d.shard(), d.change())) {
            // First conversation in this bucket and shard. A concurrent first insert fails on the primary key and
            // the store retries the transaction, which then finds the row.
            rows.insertCounter(b.status(), b.kind(), b.assigneeId(), d.shard(), d.change());
        }
    }

    static InboxCounts read(EntityManager em, long agentId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT status, assignee_kind, assignee_id, SUM(n) FROM inbox_counter"
                + " GROUP BY status, assignee_kind, assignee_id").getResultList();
        Map<InboxTab, Long> counts = new EnumMap<>(InboxTab.class);
        for (InboxTab tab : InboxTab.values()) {
            counts.put(tab, 0L);
        }
        for (Object[] row : rows) {
            String status = (String) row[0];
            String kind = (String) row[1];
            long assignee = ((Number) row[2]).longValue();
            long n = ((Number) row[3]).longValue();
            if ("RESOLVED".equals(status)) {
                counts.merge(InboxTab.CLOSED, n, Long::sum);
                continue;
            }
            counts.merge(InboxTab.OPEN, n, Long::sum);
            switch (kind) {
                case "NOBODY" -> counts.merge(InboxTab.UNASSIGNED, n, Long::sum);
                case "BRAIN" -> counts.merge(InboxTab.BRAIN, n, Long::sum);
                case "AGENT" -> {
                    if (assignee == agentId) {
                        counts.merge(InboxTab.ME, n, Long::sum);
                    }
                }
                default -> throw new IllegalStateException("Unknown assignee kind in inbox_counter: " + kind);
            }
        }
        return new InboxCounts(counts);
    }
}
