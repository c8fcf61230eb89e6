package org.humanchat.persistence.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.persistence.TypedQuery;

import org.humanchat.api.service.AuditEntry;
import org.humanchat.api.service.AuditQuery;
import org.humanchat.core.spi.AuditWrites;

/** The audit log in one transaction (table {@code audit_log}): appended to, and read a page at a time by id. */
final class JpaAudit implements AuditWrites {

    private static final char LIKE_ESCAPE = '!';

    private final TransactionContext context;

    JpaAudit(TransactionContext context) {
        this.context = context;
    }

    @Override
    public AuditEntry append(AuditEntry entry) {
        AuditEntity row = new AuditEntity();
        row.at = entry.at().toEpochMilli();
        row.agentId = entry.agentId();
        row.agentName = cut(entry.agentName(), 100);
        row.action = cut(entry.action(), 100);
        row.subjectKind = cut(entry.subjectKind(), 50);
        row.subjectId = cut(entry.subjectId(), 200);
        row.subjectName = cut(entry.subjectName(), 200);
        row.beforeText = cut(entry.before(), 4000);
        row.afterText = cut(entry.after(), 4000);
        context.em().persist(row);
        context.em().flush(); // the id is the sequence's; the row is written with the change it records
        return entry(row);
    }

    @Override
    public List<AuditEntry> page(AuditQuery query) {
        Map<String, Object> parameters = new LinkedHashMap<>();
        List<String> where = new ArrayList<>();
        if (query.beforeId() > 0) {
            where.add("a.id < :beforeId");
            parameters.put("beforeId", query.beforeId());
        }
        if (query.agentId() > 0) {
            where.add("a.agentId = :agentId");
            parameters.put("agentId", query.agentId());
        }
        if (!query.actionPrefix().isEmpty()) {
            where.add("a.action LIKE :action ESCAPE '" + LIKE_ESCAPE + "'");
            parameters.put("action", escaped(query.actionPrefix()) + "%");
        }
        if (!query.subjectKind().isEmpty()) {
            where.add("a.subjectKind = :kind");
            parameters.put("kind", query.subjectKind());
        }
        if (!query.text().isEmpty()) {
            where.add("(LOWER(a.subjectName) LIKE :text ESCAPE '" + LIKE_ESCAPE + "' OR LOWER(a.beforeText) LIKE :text"
                    + " ESCAPE '" + LIKE_ESCAPE + "' OR LOWER(a.afterText) LIKE :text ESCAPE '" + LIKE_ESCAPE + "')");
            parameters.put("text", "%" + escaped(query.text().toLowerCase(Locale.ROOT)) + "%");
        }
        if (query.from() != null) {
            where.add("a.at >= :from");
            parameters.put("from", query.from().toEpochMilli());
        }
        if (query.to() != null) {
            where.add("a.at < :to");
            parameters.put("to", query.to().toEpochMilli());
        }
        String jpql = "SELECT a FROM AuditEntity a" + (where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where))
                + " ORDER BY a.id DESC";
        TypedQuery<AuditEntity> typed = context.em().createQuery(jpql, AuditEntity.class)
                .setMaxResults(query.limit());
        parameters.forEach(typed::setParameter);
        return typed.getResultList().stream().map(JpaAudit::entry).toList();
    }

    @Override
    public List<String> actions() {
        return context.em().createQuery("SELECT DISTINCT a.action FROM AuditEntity a ORDER BY a.action", String.class)
                .getResultList();
    }

    private static AuditEntry entry(AuditEntity row) {
        return new AuditEntry(row.id, Instant.ofEpochMilli(row.at), row.agentId, row.agentName, row.action,
                row.subjectKind, row.subjectId, row.subjectName, row.beforeText, row.afterText);
    }

    private static String escaped(String text) {
        StringBuilder out = new StringBuilder();
        for (char c : text.toCharArray()) {
            if (c == '%' || c == '_' || c == LIKE_ESCAPE) {
                out.append(LIKE_ESCAPE);
            }
            out.append(c);
        }
        return out.toString();
    }

    private static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "\u2026";
    }
}
