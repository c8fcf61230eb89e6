package org.humanchat.persistence.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import jakarta.persistence.PersistenceException;

/**
 * The rows an inbound message touches (contact, identity, conversation, message), read and written with plain JDBC
 * on the transaction's own connection. These statements run for every message a channel posts; through EclipseLink
 * each of them cost several times the database's own work (query building, object building, change comparison at
 * flush). Rows come back as unmanaged entity objects so that {@link DomainValues} turns them into domain values as
 * for the rest of the store. Ids come from the same preallocated sequences EclipseLink uses.
 */
final class JdbcRows {

    private static final String CONVERSATION_COLUMNS = "id, environment_id, channel_id, contact_id, status,"
            + " assignee_kind, assignee_id, tags, preview, created_at, last_message_at, last_inbound_at,"
            + " handed_over_at, first_human_reply_at, resolved_at";

    /** The columns {@link DomainValues#copy} sets, in the order {@link #bindCopied} binds them. */
    private static final List<String> COPIED = List.of("environment_id", "channel_id", "contact_id", "status",
            "assignee_kind", "assignee_id", "tags", "created_at", "last_message_at", "handed_over_at",
            "first_human_reply_at", "resolved_at");
    private static final String COPIED_COLUMNS = String.join(", ", COPIED);
    private static final String COPIED_PARAMETERS = String.join(", ", Collections.nCopies(COPIED.size(), "?"));
    private static final String COPIED_ASSIGNMENTS = String.join(", ", COPIED.stream().map(c -> c + " = ?").toList());

    private final Connection connection;
    private final Function<Class<?>, Long> nextId;
    /** Statements prepared on this connection, by this transaction or an earlier one (see {@link StatementCache}). */
    private final Map<String, PreparedStatement> prepared;

    JdbcRows(Connection connection, Function<Class<?>, Long> nextId, StatementCache statements) {
        this.connection = connection;
        this.nextId = nextId;
        this.prepared = statements.of(connection);
    }

    /** The connection these rows are read and written on. */
    Connection connection() {
        return connection;
    }

    /** A channel's row, or null. */
    ChannelEntity channel(long channelId) {
        return query("SELECT environment_id, type, name, default_brain_id FROM channel WHERE id = ?",
                s -> s.setLong(1, channelId), r -> {
                    ChannelEntity c = new ChannelEntity();
                    c.id = channelId;
                    c.environmentId = r.getLong(1);
                    c.type = r.getString(2);
                    c.name = r.getString(3);
                    c.defaultBrainId = getLong(r, 4);
                    return c;
                });
    }

    /** An environment's row, or null. */
    EnvironmentEntity environment(long environmentId) {
        return query("SELECT name, human_chat_enabled, human_chat_changed_by, human_chat_changed_at, fallback_text,"
                + " business_hours, time_zone, out_of_hours_text FROM environment WHERE id = ?",
                s -> s.setLong(1, environmentId), r -> {
                    EnvironmentEntity e = new EnvironmentEntity();
                    e.id = environmentId;
                    e.name = r.getString(1);
                    e.humanChatEnabled = r.getBoolean(2);
                    e.humanChatChangedBy = r.getString(3);
                    e.humanChatChangedAt = getLong(r, 4);
                    e.fallbackText = r.getString(5);
                    e.businessHours = r.getString(6);
                    e.timeZone = r.getString(7);
                    e.outOfHoursText = r.getString(8);
                    return e;
                });
    }

    /** The contact behind an identity on a channel, or null. */
    Long identity(long channelId, String externalId) {
        return query("SELECT contact_id FROM contact_identity WHERE channel_id = ? AND external_id = ?",
                s -> {
                    s.setLong(1, channelId);
                    s.setString(2, externalId);
                }, r -> r.getLong(1));
    }

    /** Creates a contact with one identity and returns its id. */
    long insertContact(String name, long channelId, String externalId) {
        long id = nextId.apply(ContactEntity.class);
        update("INSERT INTO contact (id, name, email, address, phone) VALUES (?, ?, '', '', '')", s -> {
            s.setLong(1, id);
            s.setString(2, name);
        });
        update("INSERT INTO contact_identity (channel_id, external_id, contact_id) VALUES (?, ?, ?)", s -> {
            s.setLong(1, channelId);
            s.setString(2, externalId);
            s.setLong(3, id);
        });
        return id;
    }

    /** The id of the message stored under a channel's external id, or null. */
    Long messageByExternalId(long channelId, String externalId) {
        return query("SELECT id FROM message WHERE channel_id = ? AND external_id = ?", s -> {
            s.setLong(1, channelId);
            s.setString(2, externalId);
        }, r -> r.getLong(1));
    }

    /** The contact's newest conversation on the channel, locked when {@code lock}; null if there is none. */
    ConversationEntity latestConversation(long contactId, long channelId, boolean lock) {
        // The newest id in the order of the index conversation_contact (so that H2 reads one entry, see
        // InboxFilter.order), then that row, locked. Locking the ordered read itself made H2 read and lock every
        // conversation of the sender on the channel: 36 ms for a sender with 50,000 of them, against 0.006 ms.
        return query("SELECT " + CONVERSATION_COLUMNS + " FROM conversation WHERE id = (SELECT id FROM conversation"
                + " WHERE contact_id = ? AND channel_id = ?"
                + " ORDER BY contact_id DESC, channel_id DESC, id DESC FETCH FIRST 1 ROWS ONLY)"
                + (lock ? " FOR UPDATE" : ""), s -> {
                    s.setLong(1, contactId);
                    s.setLong(2, channelId);
                }, JdbcRows::conversation);
    }

    /** A conversation, locked until the transaction ends when {@code lock}; null if there is none. */
    ConversationEntity conversation(long conversationId, boolean lock) {
        return query("SELECT " + CONVERSATION_COLUMNS + " FROM conversation WHERE id = ?" + (lock ? " FOR UPDATE" : ""),
                s -> s.setLong(1, conversationId), JdbcRows::conversation);
    }

    /** Inserts a new conversation (its id is set here) with an empty preview. */
    void insertConversation(ConversationEntity c) {
        c.id = nextId.apply(ConversationEntity.class);
        c.preview = "";
        update("INSERT INTO conversation (id, " + COPIED_COLUMNS + ", preview) VALUES (?, " + COPIED_PARAMETERS
                + ", '')", s -> {
                    s.setLong(1, c.id);
                    bindCopied(s, c, 2);
                });
    }

    /**
     * Writes every field {@link DomainValues#copy} sets, and with a {@code preview} (its newest message's) that too,
     * and for an end user's message the last inbound time (= the last activity); without, the preview and the last
     * inbound time stay.
     */
    void updateConversation(ConversationEntity c, String preview, boolean inbound) {
        String set = preview == null ? "" : inbound ? ", preview = ?, last_inbound_at = ?" : ", preview = ?";
        update("UPDATE conversation SET " + COPIED_ASSIGNMENTS + set + " WHERE id = ?", s -> {
                    int next = bindCopied(s, c, 1);
                    if (preview != null) {
                        s.setString(next++, preview);
                        if (inbound) {
                            s.setLong(next++, c.lastMessageAt);
                        }
                    }
                    s.setLong(next, c.id);
                });
    }

    /** Binds the {@link #COPIED_COLUMNS} from {@code first} on; returns the next parameter index. */
    private static int bindCopied(PreparedStatement s, ConversationEntity c, int first) throws SQLException {
        int i = first;
        s.setLong(i++, c.environmentId);
        s.setLong(i++, c.channelId);
        s.setLong(i++, c.contactId);
        s.setString(i++, c.status);
        s.setString(i++, c.assigneeKind);
        s.setLong(i++, c.assigneeId);
        s.setString(i++, c.tags);
        s.setLong(i++, c.createdAt);
        s.setLong(i++, c.lastMessageAt);
        setLong(s, i++, c.handedOverAt);
        setLong(s, i++, c.firstHumanReplyAt);
        setLong(s, i++, c.resolvedAt);
        return i;
    }

    /** Adds to one inbox counter row; false if the row is not there yet. */
    boolean addToCounter(String status, String kind, long assigneeId, int shard, int change) {
        return update("UPDATE inbox_counter SET n = n + ? WHERE status = ? AND assignee_kind = ? AND assignee_id = ?"
                + " AND shard = ?", s -> {
                    s.setInt(1, change);
                    s.setString(2, status);
                    s.setString(3, kind);
                    s.setLong(4, assigneeId);
                    s.setInt(5, shard);
                }) > 0;
    }

    void insertCounter(String status, String kind, long assigneeId, int shard, int n) {
        update("INSERT INTO inbox_counter (status, assignee_kind, assignee_id, shard, n) VALUES (?, ?, ?, ?, ?)", s -> {
            s.setString(1, status);
            s.setString(2, kind);
            s.setLong(3, assigneeId);
            s.setInt(4, shard);
            s.setInt(5, n);
        });
    }

    /** A message became the conversation's newest: its preview, and for the end user's, the last inbound time. */
    void updatePreview(long conversationId, String preview, boolean inbound) {
        update("UPDATE conversation SET preview = ?"
                + (inbound ? ", last_inbound_at = last_message_at" : "") + " WHERE id = ?", s -> {
                    s.setString(1, preview);
                    s.setLong(2, conversationId);
                });
    }

    /** Inserts a message (its id is set here) and its attachment rows. */
    void insertMessage(MessageEntity m, Iterable<AttachmentEntity> attachments) {
        m.id = nextId.apply(MessageEntity.class);
        update("INSERT INTO message (id, conversation_id, channel_id, direction, author_kind, author_id, text,"
                + " external_id, delivery_state, delivery_error, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                s -> {
                    s.setLong(1, m.id);
                    s.setLong(2, m.conversationId);
                    s.setLong(3, m.channelId);
                    s.setString(4, m.direction);
                    s.setString(5, m.authorKind);
                    s.setLong(6, m.authorId);
                    s.setString(7, m.text);
                    s.setString(8, m.externalId);
                    s.setString(9, m.deliveryState);
                    s.setString(10, m.deliveryError);
                    s.setLong(11, m.createdAt);
                });
        for (AttachmentEntity a : attachments) {
            update("INSERT INTO message_attachment (message_id, position, name, media_type, size_bytes, content_hash)"
                    + " VALUES (?, ?, ?, ?, ?, ?)", s -> {
                        s.setLong(1, m.id);
                        s.setInt(2, a.key.position);
                        s.setString(3, a.name);
                        s.setString(4, a.mediaType);
                        s.setLong(5, a.size);
                        s.setString(6, a.contentHash);
                    });
        }
    }

    /** The outbox row of a message to deliver, due at {@code dueAt}. */
    void insertOutbox(long messageId, long channelId, long dueAt) {
        update("INSERT INTO outbox (message_id, channel_id, attempts, next_attempt_at) VALUES (?, ?, 0, ?)", s -> {
            s.setLong(1, messageId);
            s.setLong(2, channelId);
            s.setLong(3, dueAt);
        });
    }

    private static ConversationEntity conversation(ResultSet r) throws SQLException {
        ConversationEntity c = new ConversationEntity();
        c.id = r.getLong(1);
        c.environmentId = r.getLong(2);
        c.channelId = r.getLong(3);
        c.contactId = r.getLong(4);
        c.status = r.getString(5);
        c.assigneeKind = r.getString(6);
        c.assigneeId = r.getLong(7);
        c.tags = r.getString(8);
        c.preview = r.getString(9);
        c.createdAt = r.getLong(10);
        c.lastMessageAt = r.getLong(11);
        c.lastInboundAt = getLong(r, 12);
        c.handedOverAt = getLong(r, 13);
        c.firstHumanReplyAt = getLong(r, 14);
        c.resolvedAt = getLong(r, 15);
        return c;
    }

    private static Long getLong(ResultSet r, int column) throws SQLException {
        long value = r.getLong(column);
        return r.wasNull() ? null : value;
    }

    private static void setLong(PreparedStatement s, int index, Long value) throws SQLException {
        if (value == null) {
            s.setNull(index, Types.BIGINT);
        } else {
            s.setLong(index, value);
        }
    }

    private interface Binder {
        void bind(PreparedStatement statement) throws SQLException;
    }

    private interface Reader<T> {
        T read(ResultSet row) throws SQLException;
    }

    /** Sends a notification to the listeners of {@code channel}; delivered when the transaction commits. */
    void notify(String channel, String payload) {
        query("SELECT pg_notify(?, ?)", s -> {
            s.setString(1, channel);
            s.setString(2, payload);
        }, r -> Boolean.TRUE);
    }

    /** The first row's value, or null when there is no row. */
    private <T> T query(String sql, Binder binder, Reader<T> reader) {
        try {
            PreparedStatement statement = statement(sql);
            binder.bind(statement);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? reader.read(rows) : null;
            }
        } catch (SQLException e) {
            throw failure(sql, e);
        }
    }

    private int update(String sql, Binder binder) {
        try {
            PreparedStatement statement = statement(sql);
            binder.bind(statement);
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw failure(sql, e);
        }
    }

    private PreparedStatement statement(String sql) throws SQLException {
        PreparedStatement statement = prepared.get(sql);
        if (statement == null) {
            statement = connection.prepareStatement(sql);
            prepared.put(sql, statement);
        } else {
            statement.clearParameters();
        }
        return statement;
    }

    /** Keeps the SQLException as the cause: the store retries lock conflicts and key races by its SQL state. */
    private static PersistenceException failure(String sql, SQLException e) {
        return new PersistenceException(e.getMessage() + " [" + sql.substring(0, Math.min(sql.length(), 60)) + "…]",
                e);
    }
}
