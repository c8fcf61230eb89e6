package org.humanchat.persistence.internal;

import java.util.ArrayList;
import java.util.List;

import jakarta.persistence.EntityManager;

import org.humanchat.core.spi.AccountWrites;
import org.humanchat.core.spi.AuditWrites;
import org.humanchat.core.spi.ContactWrites;
import org.humanchat.core.spi.ConversationWrites;
import org.humanchat.core.spi.DirectoryWrites;
import org.humanchat.core.spi.InboxWrites;
import org.humanchat.core.spi.OutboxWrites;
import org.humanchat.core.spi.StoreTransaction;
import org.humanchat.core.spi.StoredEvent;

/**
 * One EntityManager transaction as the rules see it: the aggregates, all on one {@link TransactionContext}, and
 * what is done just before the commit (the inbox counters, the events for other runtimes).
 */
final class JpaStoreTransaction implements StoreTransaction {

    private final TransactionContext context;
    private final JpaConversations conversations;
    private final JpaContacts contacts;
    private final JpaOutbox outbox;
    private final JpaDirectory directory;
    private final JpaInbox inbox;
    private final JpaAudit audit;
    private final JpaAccounts accounts;

    /** Where other runtimes listen for this database's events (PostgreSQL), or null where none can. */
    private final String eventChannel;
    private final String origin;
    /** The events of this transaction's changes, for {@link #eventChannel}. */
    private final List<StoredEvent> announced = new ArrayList<>();

    JpaStoreTransaction(EntityManager em, StatementCache statements, KnownIdentities knownIdentities,
            String eventChannel, String origin) {
        this.context = new TransactionContext(em, statements);
        this.conversations = new JpaConversations(context);
        this.contacts = new JpaContacts(context, knownIdentities);
        this.outbox = new JpaOutbox(context, conversations);
        this.directory = new JpaDirectory(context);
        this.inbox = new JpaInbox(context, directory);
        this.audit = new JpaAudit(context);
        this.accounts = new JpaAccounts(context);
        this.eventChannel = eventChannel;
        this.origin = origin;
    }

    @Override
    public ConversationWrites conversations() {
        return conversations;
    }

    @Override
    public ContactWrites contacts() {
        return contacts;
    }

    @Override
    public OutboxWrites outbox() {
        return outbox;
    }

    @Override
    public DirectoryWrites directory() {
        return directory;
    }

    @Override
    public InboxWrites inbox() {
        return inbox;
    }

    @Override
    public AuditWrites audit() {
        return audit;
    }

    @Override
    public AccountWrites accounts() {
        return accounts;
    }

    @Override
    public void announce(List<StoredEvent> events) {
        if (eventChannel != null) { // nobody else listens on an H2 file: keep nothing a batch would only carry
            announced.addAll(events);
        }
    }

    @Override
    public void checkpoint() {
        context.checkpoint();
    }

    /**
     * Writes what waits for the commit (the counter changes), hands the change's events to the other runtimes on
     * the database (if it is shared), and lets go of the JDBC statements.
     */
    void beforeCommit() {
        conversations.writeCounters();
        if (eventChannel != null && !announced.isEmpty()) {
            for (String payload : RemoteEvents.encode(origin, announced)) {
                context.jdbcAsItIs().notify(eventChannel, payload);
            }
        }
        close(false);
    }

    /**
     * Lets go of the JDBC statements; to be called before the transaction ends. After a failure ({@code failed}) they
     * are closed, else they stay prepared for the connection's next transaction.
     */
    void close(boolean failed) {
        context.close(failed);
    }
}
