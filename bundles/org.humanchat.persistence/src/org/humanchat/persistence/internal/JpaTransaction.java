package org.humanchat.persistence.internal;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.TypedQuery;

import org.eclipse.persistence.jpa.JpaEntityManager;
import org.eclipse.persistence.sessions.Session;
import org.humanchat.api.model.Agent;
import org.humanchat.api.model.Assignee;
import org.humanchat.api.model.Attachment;
import org.humanchat.api.model.AuthorKind;
import org.humanchat.api.model.Brain;
import org.humanchat.api.model.Channel;
import org.humanchat.api.model.ChannelIdentity;
import org.humanchat.api.model.Contact;
import org.humanchat.api.model.Conversation;
import org.humanchat.api.model.DeliveryState;
import org.humanchat.api.model.Direction;
import org.humanchat.api.model.Environment;
import org.humanchat.api.model.InboxCounts;
import org.humanchat.api.model.InboxQuery;
import org.humanchat.api.model.InboxRow;
import org.humanchat.api.model.InboxTab;
import org.humanchat.api.model.Message;
import org.humanchat.api.model.QuickResponse;
import org.humanchat.core.spi.OutboxEntry;
import org.humanchat.core.spi.StoreTransaction;

/** The store's view of one EntityManager transaction: every read, and the writes with their locks. */
final class JpaTransaction implements StoreTransaction {

    private final EntityManager entityManager;

    private final InboxCounters.Pending counters = new InboxCounters.Pending();

    /** The inbox bucket of each conversation this transaction has locked or written, as it is now. */
    private final Map<Long, InboxCounters.Bucket> lockedBuckets = new HashMap<>();

    private JdbcRows jdbc;

    /** Whether the entity manager was used since it last wrote what it holds. */
    private boolean entityManagerUsed;

    /** A conversation saved by {@link #saveConversation} and not written yet, see writePendingConversation. */
    private ConversationEntity pendingConversation;

    /**
     * Channels and environments as this transaction read or wrote them: a batch of inbound messages reads the same
     * few again and again. Only this transaction's saves change them here.
     */
    private final Map<Long, Optional<Channel>> channels = new HashMap<>();
    private final Map<Long, Optional<Environment>> environments = new HashMap<>();

    @Override
    public void checkpoint() {
        writePendingConversation();
        if (entityManagerUsed) {
            entityManager.flush();
            entityManagerUsed = false;
        }
        entityManager.clear();
    }

    /**
     * Writes what waits for the commit (the counter changes), hands the change's events to the other runtimes on
     * the database (if it is shared), and lets go of the JDBC statements.
     */
    void beforeCommit() {
        counters.write(jdbc());
        if (eventChannel != null && !announced.isEmpty()) {
            for (String payload : RemoteEvents.encode(origin, announced)) {
                rows().notify(eventChannel, payload);
            }
        }
        close(false);
    }

    @Override
    public void announce(List<org.osgi.service.event.Event> events) {
        if (eventChannel != null) { // nobody else listens on an H2 file: keep nothing a batch would only carry
            announced.addAll(events);
        }
    }

    /**
     * Lets go of the JDBC statements; to be called before the transaction ends. After a failure ({@code failed}) they
     * are closed, else they stay prepared for the connection's next transaction.
     */
    void close(boolean failed) {
        if (jdbc != null) {
            if (failed) {
                statements.discard(jdbc.connection());
            }
            jdbc = null;
        }
    }

    /** The events of this transaction's changes, for {@link #eventChannel}. */
    private final List<org.osgi.service.event.Event> announced = new ArrayList<>();
    /** Where other runtimes listen for this database's events (PostgreSQL), or null where none can. */
    private final String eventChannel;
    private final String origin;

    private final StatementCache statements;
    private final KnownIdentities knownIdentities;
    /** Identities this transaction inserted: not remembered before they are committed. */
    private final Set<KnownIdentities.Key> insertedIdentities = new HashSet<>();

    JpaTransaction(EntityManager em, StatementCache statements, KnownIdentities knownIdentities, String eventChannel,
            String origin) {
        this.entityManager = em;
        this.statements = statements;
        this.knownIdentities = knownIdentities;
        this.eventChannel = eventChannel;
        this.origin = origin;
    }

    /**
     * Plain JDBC on this transaction's connection, for the rows every inbound message touches. What the entity
     * manager holds unwritten is written first, so the statements see it; methods that change rows through JDBC then
     * clear the entity manager, so that no entity read before stays out of date.
     */
    private JdbcRows jdbc() {
        writePendingConversation();
        return rows();
    }

    /** The JDBC statements, after the entity manager has written what it holds. */
    private JdbcRows rows() {
        if (entityManagerUsed) {
            entityManager.flush();
            entityManagerUsed = false;
        }
        if (jdbc == null) {
            Session session = entityManager.unwrap(JpaEntityManager.class).getActiveSession();
            jdbc = new JdbcRows(entityManager.unwrap(Connection.class),
                    entity -> session.getNextSequenceNumberValue(entity).longValue(), statements);
        }
        return jdbc;
    }

    /**
     * The entity manager, after the conversation update that waits for its message (if any) is written. Every use
     * of the entity manager goes through here, so that JDBC statements know whether it holds something unwritten.
     */
    private EntityManager em() {
        writePendingConversation();
        entityManagerUsed = true;
        return entityManager;
    }

    /**
     * A saved conversation waits for the message that usually follows (its preview goes into the same statement);
     * anything else the transaction does writes it first.
     */
    private void writePendingConversation() {
        if (pendingConversation != null) {
            ConversationEntity pending = pendingConversation;
            pendingConversation = null;
            rows().updateConversation(pending, null, false);
            entityManager.clear(); // a copy the entity manager may hold is out of date now
        }
    }

    // ---- reads ------------------------------------------------------------------------------------------------

    @Override
    public Optional<Conversation> conversation(long conversationId) {
        return Optional.ofNullable(em().find(ConversationEntity.class, conversationId)).map(Rows::conversation);
    }

    @Override
    public List<Message> messages(long conversationId, long beforeMessageId, int limit) {
        // ordered as the index message_conversation (conversation_id, id), so that H2 reads only the page
        // (InboxFilter.order says why): newest page of a 100,000-message conversation 106 -> 0.08 ms
        List<MessageEntity> newestFirst = em().createQuery("SELECT m FROM MessageEntity m"
                + " WHERE m.conversationId = :c AND m.id < :before ORDER BY m.conversationId DESC, m.id DESC",
                MessageEntity.class)
                .setParameter("c", conversationId)
                .setParameter("before", beforeMessageId == 0 ? Long.MAX_VALUE : beforeMessageId)
                .setMaxResults(limit).getResultList();
        List<MessageEntity> oldestFirst = new ArrayList<>(newestFirst);
        Collections.reverse(oldestFirst);
        return withAttachments(oldestFirst);
    }

    private List<Message> withAttachments(List<MessageEntity> messages) {
        if (messages.isEmpty()) {
            return List.of();
        }
        Map<Long, List<Attachment>> attachments = new HashMap<>();
        List<Long> ids = messages.stream().map(m -> m.id).toList();
        em().createQuery("SELECT a FROM AttachmentEntity a WHERE a.key.messageId IN :ids"
                + " ORDER BY a.key.messageId, a.key.position", AttachmentEntity.class).setParameter("ids", ids)
                .getResultList()
                .forEach(a -> attachments.computeIfAbsent(a.key.messageId, k -> new ArrayList<>()).add(Rows.attachment(a)));
        return messages.stream().map(m -> Rows.message(m, attachments.getOrDefault(m.id, List.of()))).toList();
    }

    @Override
    public List<Long> dueDeliveries(long nowMillis, int limit, Set<Long> channelIds) {
        if (channelIds != null && channelIds.isEmpty()) {
            return List.of();
        }
        TypedQuery<Long> query = em().createQuery("SELECT o.messageId FROM OutboxEntity o WHERE o.nextAttemptAt <= :now"
                + (channelIds == null ? "" : " AND o.channelId IN :channels") + " ORDER BY o.nextAttemptAt",
                Long.class).setParameter("now", nowMillis).setMaxResults(limit);
        if (channelIds != null) {
            query.setParameter("channels", channelIds);
        }
        return query.getResultList();
    }

    @Override
    public Optional<Long> nextDeliveryDue(Set<Long> channelIds) {
        if (channelIds != null && channelIds.isEmpty()) {
            return Optional.empty();
        }
        TypedQuery<Long> query = em().createQuery("SELECT MIN(o.nextAttemptAt) FROM OutboxEntity o"
                + (channelIds == null ? "" : " WHERE o.channelId IN :channels"), Long.class);
        if (channelIds != null) {
            query.setParameter("channels", channelIds);
        }
        return Optional.ofNullable(query.getSingleResult());
    }

    @Override
    public Optional<Long> messageByPlatformRef(long channelId, String platformRef) {
        return em().createQuery("SELECT o.messageId FROM OutboxEntity o WHERE o.channelId = :ch AND o.platformRef = :ref",
                Long.class).setParameter("ch", channelId).setParameter("ref", platformRef).setMaxResults(1)
                .getResultStream().findFirst();
    }

    @Override
    public Optional<Contact> contact(long contactId) {
        return Optional.ofNullable(em().find(ContactEntity.class, contactId)).map(this::contactOf);
    }

    private Contact contactOf(ContactEntity entity) {
        List<ChannelIdentity> identities = em().createQuery("SELECT i FROM ContactIdentityEntity i"
                + " WHERE i.contactId = :c ORDER BY i.key.channelId, i.key.externalId", ContactIdentityEntity.class)
                .setParameter("c", entity.id).getResultList().stream()
                .map(i -> new ChannelIdentity(i.key.channelId, i.key.externalId)).toList();
        return Rows.contact(entity, identities);
    }

    @Override
    public List<Conversation> conversationsOfContact(long contactId, int limit) {
        return em().createQuery("SELECT c FROM ConversationEntity c WHERE c.contactId = :contact"
                + " ORDER BY c.lastMessageAt DESC, c.id DESC", ConversationEntity.class)
                .setParameter("contact", contactId).setMaxResults(limit).getResultList().stream()
                .map(Rows::conversation).toList();
    }

    @Override
    public List<InboxRow> inboxPage(InboxQuery query) {
        List<ConversationEntity> page = query.tab() == InboxTab.OPEN || query.tab() == InboxTab.CLOSED
                ? mergedPage(query) : onePage(query);
        if (page.isEmpty()) {
            return List.of();
        }
        Map<Long, String> contactNames = contactNames(page.stream().map(c -> c.contactId).distinct().toList());
        Map<Long, Channel> channels = byId(channels(), Channel::id);
        Map<Long, String> environments = environments().stream()
                .collect(Collectors.toMap(Environment::id, Environment::name));
        Map<Long, String> agents = agents().stream().collect(Collectors.toMap(Agent::id, Agent::name));
        Map<Long, String> brains = brains().stream().collect(Collectors.toMap(Brain::id, Brain::name));
        Map<Long, Long> seen = seen(query.agentId(), page.stream().map(c -> c.id).toList());
        List<InboxRow> rows = new ArrayList<>(page.size());
        for (ConversationEntity entity : page) {
            Conversation c = Rows.conversation(entity);
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
        TypedQuery<ConversationEntity> select = em().createQuery(
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
            TypedQuery<Object[]> select = em().createQuery("SELECT c.lastMessageAt, c.id FROM ConversationEntity c"
                    + " WHERE " + InboxFilter.where(query) + " AND c.assigneeKind = '" + kind.name() + "'"
                    + InboxFilter.order(query), Object[].class);
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
        Map<Long, ConversationEntity> rows = byId(em().createQuery(
                "SELECT c FROM ConversationEntity c WHERE c.id IN :ids", ConversationEntity.class)
                .setParameter("ids", ids).getResultList(), c -> c.id);
        return ids.stream().map(rows::get).filter(Objects::nonNull).toList();
    }

    /** When the agent last looked at each of these conversations. */
    private Map<Long, Long> seen(long agentId, Collection<Long> conversationIds) {
        Map<Long, Long> seen = new HashMap<>();
        em().createQuery("SELECT s FROM SeenEntity s WHERE s.key.agentId = :a AND s.key.conversationId IN :ids",
                SeenEntity.class).setParameter("a", agentId).setParameter("ids", conversationIds).getResultList()
                .forEach(s -> seen.put(s.key.conversationId, s.seenAt));
        return seen;
    }

    @Override
    public void markSeen(long agentId, long conversationId, long seenAtMillis) {
        SeenEntity row = em().find(SeenEntity.class, new SeenKey(agentId, conversationId));
        if (row == null) {
            row = new SeenEntity();
            row.key = new SeenKey(agentId, conversationId);
            row.seenAt = seenAtMillis;
            em().persist(row);
        } else if (row.seenAt < seenAtMillis) {
            row.seenAt = seenAtMillis;
        }
    }

    private Map<Long, String> contactNames(Collection<Long> ids) {
        Map<Long, String> names = new HashMap<>();
        em().createQuery("SELECT ct FROM ContactEntity ct WHERE ct.id IN :ids", ContactEntity.class)
                .setParameter("ids", ids).getResultList()
                .forEach(ct -> names.put(ct.id, Rows.contact(ct, List.of()).displayName()));
        return names;
    }

    private static <T> Map<Long, T> byId(List<T> items, Function<T, Long> id) {
        return items.stream().collect(Collectors.toMap(id, Function.identity()));
    }

    @Override
    public long inboxCount(InboxQuery query) {
        TypedQuery<Long> count = em().createQuery(
                "SELECT COUNT(c) FROM ConversationEntity c WHERE " + InboxFilter.where(query), Long.class);
        InboxFilter.bind(query, count);
        return count.getSingleResult();
    }

    @Override
    public InboxCounts inboxCounts(long agentId) {
        return InboxCounters.read(em(), agentId);
    }

    @Override
    public List<String> tags() {
        return em().createQuery("SELECT t.name FROM TagEntity t ORDER BY t.name", String.class).getResultList();
    }

    @Override
    public List<Environment> environments() {
        return em().createQuery("SELECT e FROM EnvironmentEntity e ORDER BY e.name", EnvironmentEntity.class)
                .getResultList().stream().map(Rows::environment).toList();
    }

    @Override
    public Optional<Environment> environment(long environmentId) {
        // Plain JDBC: every batch of inbound messages reads its channel and environment, and through the entity
        // manager these two reads cost a tenth of the batch writer's time.
        return environments.computeIfAbsent(environmentId,
                id -> Optional.ofNullable(rows().environment(id)).map(Rows::environment));
    }

    @Override
    public List<Channel> channels() {
        return em().createQuery("SELECT c FROM ChannelEntity c ORDER BY c.name", ChannelEntity.class).getResultList()
                .stream().map(Rows::channel).toList();
    }

    @Override
    public Optional<Channel> channel(long channelId) {
        return channels.computeIfAbsent(channelId,
                id -> Optional.ofNullable(rows().channel(id)).map(Rows::channel));
    }

    @Override
    public List<Brain> brains() {
        return em().createQuery("SELECT b FROM BrainEntity b ORDER BY b.name", BrainEntity.class).getResultList()
                .stream().map(Rows::brain).toList();
    }

    @Override
    public Optional<Brain> brain(long brainId) {
        return Optional.ofNullable(em().find(BrainEntity.class, brainId)).map(Rows::brain);
    }

    @Override
    public List<Agent> agents() {
        return em().createQuery("SELECT a FROM AgentEntity a ORDER BY a.name", AgentEntity.class).getResultList()
                .stream().map(Rows::agent).toList();
    }

    @Override
    public Optional<Agent> agent(long agentId) {
        return Optional.ofNullable(em().find(AgentEntity.class, agentId)).map(Rows::agent);
    }

    @Override
    public Optional<Agent> agentByEmail(String email) {
        return em().createQuery("SELECT a FROM AgentEntity a WHERE a.email = :e", AgentEntity.class)
                .setParameter("e", email.toLowerCase(Locale.ROOT)).getResultStream().findFirst().map(Rows::agent);
    }

    @Override
    public Optional<Agent> agentByApiTokenHash(String tokenHash) {
        return em().createQuery("SELECT a FROM AgentEntity a WHERE a.apiTokenHash = :h", AgentEntity.class)
                .setParameter("h", tokenHash).getResultStream().findFirst().map(Rows::agent);
    }

    @Override
    public List<QuickResponse> quickResponses(long environmentId) {
        return em().createQuery("SELECT q FROM QuickResponseEntity q WHERE q.environmentId = :e ORDER BY q.shortcut",
                QuickResponseEntity.class).setParameter("e", environmentId).getResultList().stream()
                .map(Rows::quickResponse).toList();
    }

    @Override
    public Optional<QuickResponse> quickResponse(long quickResponseId) {
        return Optional.ofNullable(em().find(QuickResponseEntity.class, quickResponseId)).map(Rows::quickResponse);
    }

    // ---- writes -----------------------------------------------------------------------------------------------

    @Override
    public Optional<Conversation> lockConversation(long conversationId) {
        return locked(jdbc().conversation(conversationId, true));
    }

    /** A conversation row read with its lock: its inbox bucket is known from now on (see saveConversation). */
    private Optional<Conversation> locked(ConversationEntity row) {
        if (row == null) {
            return Optional.empty();
        }
        lockedBuckets.put(row.id, InboxCounters.Bucket.of(row));
        return Optional.of(Rows.conversation(row));
    }

    @Override
    public Optional<Conversation> lockLatestConversation(long contactId, long channelId) {
        return locked(jdbc().latestConversation(contactId, channelId, true));
    }

    @Override
    public long contactForIdentity(long channelId, String externalId, String nameHint) {
        KnownIdentities.Key identity = new KnownIdentities.Key(channelId, externalId);
        Long remembered = knownIdentities.contact(identity);
        if (remembered != null) {
            return remembered;
        }
        JdbcRows rows = jdbc();
        Long known = rows.identity(channelId, externalId);
        if (known != null) {
            if (!insertedIdentities.contains(identity)) {
                knownIdentities.remember(identity, known); // committed before this transaction
            }
            return known;
        }
        String name = nameHint == null ? "" : nameHint.strip();
        // Inserted at once: a concurrent first message of the same sender waits on this key and, after our commit,
        // fails on it and is retried; it then finds this contact.
        insertedIdentities.add(identity);
        return rows.insertContact(name.substring(0, Math.min(name.length(), 200)), channelId, externalId);
    }

    @Override
    public Optional<Long> contactIdByIdentity(long channelId, String externalId) {
        return Optional.ofNullable(em().find(ContactIdentityEntity.class, new ContactIdentityKey(channelId, externalId)))
                .map(identity -> identity.contactId);
    }

    @Override
    public Optional<Conversation> latestConversation(long contactId, long channelId) {
        return Optional.ofNullable(jdbc().latestConversation(contactId, channelId, false)).map(Rows::conversation);
    }

    @Override
    public Optional<Message> messageByExternalId(long channelId, String externalId) {
        Long found = jdbc().messageByExternalId(channelId, externalId);
        if (found == null) {
            return Optional.empty();
        }
        return Optional.of(withAttachments(List.of(em().find(MessageEntity.class, found))).get(0));
    }

    @Override
    public Conversation saveConversation(Conversation conversation) {
        JdbcRows rows = jdbc();
        ConversationEntity entity = new ConversationEntity();
        Rows.copy(conversation, entity);
        InboxCounters.Bucket from;
        if (conversation.id() == 0) {
            rows.insertConversation(entity);
            from = null;
        } else {
            entity.id = conversation.id();
            from = lockedBuckets.get(entity.id);
            if (from == null) {
                ConversationEntity current = rows.conversation(entity.id, true);
                if (current == null) {
                    throw new IllegalStateException("Conversation " + entity.id + " vanished in its transaction");
                }
                from = InboxCounters.Bucket.of(current);
            }
            pendingConversation = entity; // written with the message that follows, or before anything else
        }
        InboxCounters.Bucket to = InboxCounters.Bucket.of(entity);
        lockedBuckets.put(entity.id, to);
        counters.move(entity.id, from, to);
        return Rows.conversation(entity);
    }

    @Override
    public Message insertMessage(Message message, long channelId) {
        MessageEntity entity = new MessageEntity();
        entity.conversationId = message.conversationId();
        entity.channelId = channelId;
        entity.direction = message.direction().name();
        entity.authorKind = message.authorKind().name();
        entity.authorId = message.authorId();
        entity.text = message.text();
        entity.externalId = message.externalId();
        entity.deliveryState = message.deliveryState().name();
        entity.deliveryError = message.deliveryError();
        entity.createdAt = message.createdAt().toEpochMilli();
        List<AttachmentEntity> attachmentRows = new ArrayList<>();
        int position = 0;
        for (Attachment a : message.attachments()) {
            AttachmentEntity row = new AttachmentEntity();
            row.key = new AttachmentKey(0, position++); // the message id is known once the message is inserted
            row.name = a.name();
            row.mediaType = a.mediaType();
            row.size = a.size();
            row.contentHash = a.contentHash();
            attachmentRows.add(row);
        }
        // The save of this message's conversation, if it waits, goes into the same UPDATE as the preview.
        ConversationEntity conversation = null;
        if (pendingConversation != null && pendingConversation.id == message.conversationId()) {
            conversation = pendingConversation;
            pendingConversation = null;
        }
        JdbcRows rows = jdbc(); // writes a waiting save of another conversation first
        rows.insertMessage(entity, attachmentRows);
        if (message.deliveryState() == DeliveryState.PENDING) {
            rows.insertOutbox(entity.id, channelId, entity.createdAt); // due at once
        }
        // Timeline events leave the preview; for an end user's message the last inbound time is our clock, as for
        // last_message_at (the message's own time is the platform's).
        boolean timeline = message.direction() == Direction.INTERNAL && message.authorKind() == AuthorKind.SYSTEM;
        String preview = timeline ? null : Rows.preview(message.text(), message.attachments().size());
        boolean inbound = message.direction() == Direction.INBOUND;
        if (conversation != null) {
            rows.updateConversation(conversation, preview, inbound);
        } else if (preview != null) {
            rows.updatePreview(message.conversationId(), preview, inbound);
        }
        if (conversation != null || preview != null) {
            entityManager.clear(); // a copy of the conversation the entity manager may hold is out of date now
        }
        return Rows.message(entity, message.attachments());
    }

    @Override
    public Optional<OutboxEntry> lockOutboxEntry(long messageId) {
        // the message's row lock orders everything done to its delivery
        MessageEntity entity = em().find(MessageEntity.class, messageId, LockModeType.PESSIMISTIC_WRITE);
        return Optional.ofNullable(entity).map(m -> outboxEntry(m, em().find(OutboxEntity.class, messageId)));
    }

    @Override
    public OutboxEntry saveDelivery(long messageId, DeliveryState state, String error, int attempts,
            Long nextAttemptAt, String platformRef) {
        MessageEntity entity = em().find(MessageEntity.class, messageId, LockModeType.PESSIMISTIC_WRITE);
        if (entity == null) {
            throw new IllegalStateException("Message " + messageId + " vanished in its transaction");
        }
        entity.deliveryState = state.name();
        entity.deliveryError = error == null ? null : error.substring(0, Math.min(error.length(), 1000));
        OutboxEntity outbox = em().find(OutboxEntity.class, messageId);
        if (outbox == null) {
            outbox = new OutboxEntity();
            outbox.messageId = messageId;
            outbox.channelId = entity.channelId;
            em().persist(outbox);
        }
        outbox.attempts = attempts;
        outbox.nextAttemptAt = nextAttemptAt;
        outbox.platformRef = platformRef == null ? null : platformRef.substring(0, Math.min(platformRef.length(), 200));
        return outboxEntry(entity, outbox);
    }

    /** {@code outbox} is null for a message never given to the outbox (an inbound one). */
    private OutboxEntry outboxEntry(MessageEntity entity, OutboxEntity outbox) {
        return new OutboxEntry(withAttachments(List.of(entity)).get(0), entity.channelId,
                outbox == null ? 0 : outbox.attempts, outbox == null ? null : outbox.nextAttemptAt,
                outbox == null ? null : outbox.platformRef);
    }

    @Override
    public Contact saveContact(Contact contact) {
        ContactEntity entity = contact.id() == 0 ? new ContactEntity()
                : em().find(ContactEntity.class, contact.id(), LockModeType.PESSIMISTIC_WRITE);
        entity.name = contact.name();
        entity.email = contact.email();
        entity.address = contact.address();
        entity.phone = contact.phone();
        if (contact.id() == 0) {
            em().persist(entity);
        }
        return contactOf(entity);
    }

    @Override
    public int renameTag(String from, String to) {
        String old = "%|" + InboxFilter.likeEscape(from) + "|%";
        String target = "%|" + InboxFilter.likeEscape(to) + "|%";
        // Where both are there already, the old one just goes; elsewhere it becomes the new one.
        int merged = em().createNativeQuery("UPDATE conversation SET tags = REPLACE(tags, ?1, '|')"
                + " WHERE tags LIKE ?2 ESCAPE '!' AND tags LIKE ?3 ESCAPE '!'")
                .setParameter(1, "|" + from + "|").setParameter(2, old).setParameter(3, target).executeUpdate();
        int renamed = em().createNativeQuery("UPDATE conversation SET tags = REPLACE(tags, ?1, ?2)"
                + " WHERE tags LIKE ?3 ESCAPE '!'")
                .setParameter(1, "|" + from + "|").setParameter(2, "|" + to + "|").setParameter(3, old)
                .executeUpdate();
        TagEntity entity = em().find(TagEntity.class, from);
        if (entity != null) {
            em().remove(entity);
        }
        rememberTag(to);
        return merged + renamed;
    }

    @Override
    public int deleteTag(String tag) {
        int changed = em().createNativeQuery("UPDATE conversation SET tags = CASE WHEN tags = ?1 THEN ''"
                + " ELSE REPLACE(tags, ?1, '|') END WHERE tags LIKE ?2 ESCAPE '!'")
                .setParameter(1, "|" + tag + "|").setParameter(2, "%|" + InboxFilter.likeEscape(tag) + "|%")
                .executeUpdate();
        TagEntity entity = em().find(TagEntity.class, tag);
        if (entity != null) {
            em().remove(entity);
        }
        return changed;
    }

    @Override
    public void rememberTag(String tag) {
        if (em().find(TagEntity.class, tag) == null) {
            TagEntity entity = new TagEntity();
            entity.name = tag;
            em().persist(entity);
        }
    }

    @Override
    public Environment saveEnvironment(Environment environment) {
        EnvironmentEntity e = environment.id() == 0 ? new EnvironmentEntity()
                : em().find(EnvironmentEntity.class, environment.id(), LockModeType.PESSIMISTIC_WRITE);
        e.name = environment.name();
        e.humanChatEnabled = environment.humanChatEnabled();
        e.humanChatChangedBy = environment.humanChatChangedBy();
        e.humanChatChangedAt = Rows.millis(environment.humanChatChangedAt());
        e.fallbackText = environment.fallbackText();
        e.businessHours = environment.businessHours().text();
        e.timeZone = environment.businessHours().zone().getId();
        e.outOfHoursText = environment.outOfHoursText();
        if (environment.id() == 0) {
            em().persist(e);
        }
        Environment saved = Rows.environment(e);
        environments.put(saved.id(), Optional.of(saved));
        return saved;
    }

    @Override
    public Channel saveChannel(Channel channel) {
        ChannelEntity e = channel.id() == 0 ? new ChannelEntity() : em().find(ChannelEntity.class, channel.id());
        e.environmentId = channel.environmentId();
        e.type = channel.type();
        e.name = channel.name();
        e.defaultBrainId = channel.defaultBrainId();
        if (channel.id() == 0) {
            em().persist(e);
        }
        Channel saved = Rows.channel(e);
        channels.put(saved.id(), Optional.of(saved));
        return saved;
    }

    @Override
    public Brain saveBrain(Brain brain) {
        BrainEntity e = brain.id() == 0 ? new BrainEntity() : em().find(BrainEntity.class, brain.id());
        e.environmentId = brain.environmentId();
        e.name = brain.name();
        e.connectorType = brain.connectorType();
        if (brain.id() == 0) {
            em().persist(e);
        }
        return Rows.brain(e);
    }

    @Override
    public Agent saveAgent(Agent agent) {
        AgentEntity e = agent.id() == 0 ? new AgentEntity() : em().find(AgentEntity.class, agent.id());
        e.name = agent.name();
        e.email = agent.email().toLowerCase(Locale.ROOT);
        e.role = agent.role().name();
        e.presence = agent.presence().name();
        if (agent.id() == 0) {
            em().persist(e);
        }
        return Rows.agent(e);
    }

    @Override
    public void setApiTokenHash(long agentId, String tokenHash) {
        em().find(AgentEntity.class, agentId).apiTokenHash = tokenHash;
    }

    @Override
    public QuickResponse saveQuickResponse(QuickResponse quickResponse) {
        QuickResponseEntity e = quickResponse.id() == 0 ? new QuickResponseEntity()
                : em().find(QuickResponseEntity.class, quickResponse.id());
        e.environmentId = quickResponse.environmentId();
        e.shortcut = quickResponse.shortcut();
        e.text = quickResponse.text();
        if (quickResponse.id() == 0) {
            em().persist(e);
        }
        return Rows.quickResponse(e);
    }

    @Override
    public void deleteQuickResponse(long quickResponseId) {
        QuickResponseEntity e = em().find(QuickResponseEntity.class, quickResponseId);
        if (e != null) {
            em().remove(e);
        }
    }
}
