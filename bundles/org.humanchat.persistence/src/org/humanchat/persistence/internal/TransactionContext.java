package org.humanchat.persistence.internal;

import java.sql.Connection;

import jakarta.persistence.EntityManager;

import org.eclipse.persistence.jpa.JpaEntityManager;
import org.eclipse.persistence.sessions.Session;

/**
 * The two ways one transaction reaches the database, kept coherent: EclipseLink's entity manager for most of the
 * store, and plain JDBC on the same connection ({@link JdbcRows}) for the rows every inbound message touches.
 * Before a JDBC statement the entity manager writes what it holds, so the statement sees it; after a JDBC write the
 * entity manager is cleared, so that no entity it read before stays out of date. Every aggregate of the transaction
 * reaches the database through here and nowhere else.
 * <p>
 * It also holds back one conversation update ({@link #holdBack}): a saved conversation usually gets its new message
 * right after, and the message's preview goes into the same UPDATE; anything else the transaction does writes the
 * held-back update first.
 */
final class TransactionContext {

    private final EntityManager entityManager;
    private final StatementCache statements;
    private JdbcRows jdbc;

    /** Whether the entity manager was used since it last wrote what it holds. */
    private boolean entityManagerUsed;

    /** A conversation saved and not written yet, see {@link #holdBack}. */
    private ConversationEntity heldBack;

    TransactionContext(EntityManager entityManager, StatementCache statements) {
        this.entityManager = entityManager;
        this.statements = statements;
    }

    /**
     * The entity manager, after the held-back conversation update (if any) is written. Every use of the entity
     * manager goes through here, so that JDBC statements know whether it holds something unwritten.
     */
    EntityManager em() {
        writeHeldBack();
        entityManagerUsed = true;
        return entityManager;
    }

    /**
     * Plain JDBC on this transaction's connection, after the held-back conversation update and what the entity
     * manager holds are written. A caller that changes rows through it then calls {@link #jdbcWritten}.
     */
    JdbcRows jdbc() {
        writeHeldBack();
        return jdbcAsItIs();
    }

    /**
     * Plain JDBC after the entity manager has written what it holds, leaving a held-back conversation update held
     * back: for reads of rows that update does not touch (channels, environments) and for notifications.
     */
    JdbcRows jdbcAsItIs() {
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

    /** Rows were changed through JDBC: a copy of them the entity manager may hold is out of date now. */
    void jdbcWritten() {
        entityManager.clear();
    }

    /**
     * Holds back the update of a saved conversation (replacing none: the caller takes or writes the earlier one
     * first, see {@link #takeHeldBack}).
     */
    void holdBack(ConversationEntity conversation) {
        heldBack = conversation;
    }

    /** The held-back update of this conversation, now the caller's to write; null if none is held for it. */
    ConversationEntity takeHeldBack(long conversationId) {
        if (heldBack != null && heldBack.id == conversationId) {
            ConversationEntity taken = heldBack;
            heldBack = null;
            return taken;
        }
        return null;
    }

    private void writeHeldBack() {
        if (heldBack != null) {
            ConversationEntity pending = heldBack;
            heldBack = null;
            jdbcAsItIs().updateConversation(pending, null, false);
            jdbcWritten();
        }
    }

    /** Writes everything held (it stays uncommitted) and lets go of what the entity manager has loaded. */
    void checkpoint() {
        writeHeldBack();
        if (entityManagerUsed) {
            entityManager.flush();
            entityManagerUsed = false;
        }
        entityManager.clear();
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
}
