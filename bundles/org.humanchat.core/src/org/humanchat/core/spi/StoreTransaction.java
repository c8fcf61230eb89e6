package org.humanchat.core.spi;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * One read-write transaction, one aggregate at a time: each hands out its reads and its writes. Row locks are held
 * until the transaction ends.
 */
@ProviderType
public interface StoreTransaction extends StoreReader {

    @Override
    ConversationWrites conversations();

    @Override
    ContactWrites contacts();

    @Override
    OutboxWrites outbox();

    @Override
    DirectoryWrites directory();

    @Override
    InboxWrites inbox();

    @Override
    AuditWrites audit();

    @Override
    AccountWrites accounts();

    /**
     * The events this change publishes once committed, for the other runtimes on the same database: a store that
     * several runtimes share hands them over with the commit (PostgreSQL: NOTIFY, delivered only if the
     * transaction commits). By default they stay in this runtime.
     */
    default void announce(List<StoredEvent> events) {
    }

    /**
     * Writes the changes so far (they stay uncommitted) and lets go of what the transaction has loaded, so that a
     * transaction doing many independent changes (a batch of inbound messages) stays as cheap per change as a short
     * one. Items read before must be read again after.
     */
    void checkpoint();
}
