package org.humanchat.persistence.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.persistence.Query;
import jakarta.persistence.TypedQuery;

import org.humanchat.api.model.Agent;
import org.humanchat.api.model.Assignee;
import org.humanchat.api.model.Brain;
import org.humanchat.api.model.Channel;
import org.humanchat.api.model.Conversation;
import org.humanchat.api.model.Environment;
import org.humanchat.api.model.InboxCounts;
import org.humanchat.api.model.InboxQuery;
import org.humanchat.api.model.InboxRow;
import org.humanchat.api.model.InboxTab;
import org.humanchat.core.spi.InboxWrites;

/**
 * The inbox in one transaction: pages read as index ranges that stop after the page ({@link InboxFilter}), the tab
 * counts kept in {@code inbox_counter} ({@link InboxCounters}), and what each agent has seen.
 */
final class JpaInbox implements InboxWrites {

    private final TransactionContext context;
    /** The names an inbox row shows: channel, environment, agent and Brain. */
    private final JpaDirectory directory;

    JpaInbox(TransactionContext context, JpaDirectory directory) {
        this.context = context;
        this.directory = directory;
    }

    @Override
    public List<InboxRow> page(InboxQuery query) {
        List<ConversationEntity> page = query.tab() == InboxTab.OPEN || query.tab() == InboxTab.CLOSED
                ? mergedPage(query) : onePage(query);
        if (page.isEmpty()) {
            return List.of();
        }
        Map<Long, String> contactNames = contactNames(page.stream().map(c -> c.contactId).distinct().toList());
        Map<Long, Channel> channels = byId(directory.channels(), Channel::id);
        Map<Long, String> environments = directory.environments().stream()
                .collect(Collectors.toMap(Environment::id, Environment::name));
        Map<Long, String> agents = directory.agents().stream().collect(Collectors.toMap(Agent::id, Agent::name));
        Map<Long, String> brains = directory.brains().stream().collect(Collectors.toMap(Brain::id, Brain::name));
        Map<Long, Long> seen = seen(query.agentId(), page.stream().map(c -> c.id).toList());
        List<InboxRow> rows = new ArrayList<>(page.size());
        for (ConversationEntity entity : page) {
            Conversation c = DomainValues.conversation(entity);
            Channel channel = channels.get(c.channelId());
            String assignee = switch (c.assignee()) {
                case Assignee.Nobody n -> "";
                case Assignee.ToAgent a -> agents.getOrDefault(a.agentId(), "Agent " + a.agentId());
                case Assignee.ToBrain b -> brains.getOrDefault(b.brainId(), "Brain " + b.brainId());
            };
            rows.add(new InboxRow(c, contactNames.getOrDefault(c.contactId(), "Visitor #" + c.contactId()),
                    channel == null ? "" : channel.type(), channel == null ? "" : channel.name(),
                    environments.getOrDefault(c.environmentId(), ""), assignee, entity.preview,
                    entity.lastInboundAt != null && entity.lastInboundAt > seen.getOrDefault(entity.id, 0L)));
        }
        return rows;
    }

    /** A tab of one handler kind: one range of its activity index, read in order. */
    private List<ConversationEntity> onePage(InboxQuery query) {
        TypedQuery<ConversationEntity> select = context.em().createQuery(
                "SELECT c FROM ConversationEntity c WHERE " + InboxFilter.where(query) + InboxFilter.order(query),
                ConversationEntity.class);
        InboxFilter.bind(query, select);
        return select.setFirstResult(query.offset()).setMaxResults(query.limit()).getResultList();
    }

    /**
     * Open and Closed hold conversations of every handler kind. Their page is merged from the per-kind ranges of
     * {@code conversation_kind_activity} (status, kind, activity): the keys of each range in activity order, then the
     * page's rows. (One activity index fewer for every inbound message to move: see docs/BENCHMARKS.md.)
     */
    private List<ConversationEntity> mergedPage(InboxQuery query) {
        int wanted = query.offset() + query.limit();
        List<Object[]> keys = new ArrayList<>();
        for (Assignee.Kind kind : Assignee.Kind.values()) {
            TypedQuery<Object[]> select = context.em().createQuery("SELECT c.lastMessageAt, c.id"
                    + " FROM ConversationEntity c WHERE " + InboxFilter.where(query) + " AND c.assigneeKind = '"
                    + kind.name() + "'" + InboxFilter.order(query), Object[].class);
            InboxFilter.bind(query, select);
            keys.addAll(select.setMaxResults(wanted).getResultList());
        }
        Comparator<Object[]> oldestFirst = Comparator.<Object[]>comparingLong(k -> ((Number) k[0]).longValue())
                .thenComparingLong(k -> ((Number) k[1]).longValue());
        keys.sort(query.oldestFirst() ? oldestFirst : oldestFirst.reversed());
        // distinct: a conversation that changed hands between two of the reads may be in two ranges
        List<Long> ids = keys.stream().map(k -> ((Number) k[1]).longValue()).distinct().skip(query.offset())
                .limit(query.limit()).toList();
        if (ids.isEmpty()) {
            return List.of();
        }
        Map<Long, ConversationEntity> rows = byId(context.em().createQuery(
                "SELECT c FROM ConversationEntity c WHERE c.id IN :ids", ConversationEntity.class)
                .setParameter("ids", ids).getResultList(), c -> c.id);
        return ids.stream().map(rows::get).filter(Objects::nonNull).toList();
    }

    /**
     * When the agent last looked at each of these conversations. Looked up key by key: {@code (agent_id,
     * conversation_id) IN ((?, ?), ...)} is a primary key lookup per conversation on H2 and PostgreSQL, where H2
     * planned {@code agent_id = ? AND conversation_id IN (...)} as a read of every marker the agent has (300,000 rows
     * for one page of 50; found by InboxBenchmark once its fill had unread data).
     */
    private Map<Long, Long> seen(long agentId, List<Long> conversationIds) {
        StringBuilder sql = new StringBuilder(
                "SELECT conversation_id, seen_at FROM conversation_seen WHERE (agent_id, conversation_id) IN (");
        for (int i = 0; i < conversationIds.size(); i++) {
            sql.append(i == 0 ? "(?, ?)" : ", (?, ?)");
        }
        Query query = context.em().createNativeQuery(sql.append(')').toString());
        for (int i = 0; i < conversationIds.size(); i++) {
            query.setParameter(2 * i + 1, agentId);
            query.setParameter(2 * i + 2, conversationIds.get(i));
        }
        Map<Long, Long> seen = new HashMap<>();
        for (Object row : query.getResultList()) {
            Object[] columns = (Object[]) row;
            seen.put(((Number) columns[0]).longValue(), ((Number) columns[1]).longValue());
        }
        return seen;
    }

    private Map<Long, String> contactNames(Collection<Long> ids) {
        Map<Long, String> names = new HashMap<>();
        context.em().createQuery("SELECT ct FROM ContactEntity ct WHERE ct.id IN :ids", ContactEntity.class)
                .setParameter("ids", ids).getResultList()
                .forEach(ct -> names.put(ct.id, DomainValues.contact(ct, List.of()).displayName()));
        return names;
    }

    private static <T> Map<Long, T> byId(List<T> items, Function<T, Long> id) {
        return items.stream().collect(Collectors.toMap(id, Function.identity()));
    }

    @Override
    public long count(InboxQuery query) {
        TypedQuery<Long> count = context.em().createQuery(
                "SELECT COUNT(c) FROM ConversationEntity c WHERE " + InboxFilter.where(query), Long.class);
        InboxFilter.bind(query, count);
        return count.getSingleResult();
    }

    @Override
    public InboxCounts counts(long agentId) {
        return InboxCounters.read(context.em(), agentId);
    }

    @Override
    public void markSeen(long agentId, long conversationId, long seenAtMillis) {
        SeenEntity row = context.em().find(SeenEntity.class, new SeenKey(agentId, conversationId));
        if (row == null) {
            row = new SeenEntity();
            row.key = new SeenKey(agentId, conversationId);
            row.seenAt = seenAtMillis;
            context.em().persist(row);
        } else if (row.seenAt < seenAtMillis) {
            row.seenAt = seenAtMillis;
        }
    }
}
