package org.humanchat.core.spi;

import java.util.function.Function;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Durable storage of the conversation domain. Work runs in one database transaction; the store retries it from the
 * start after a lock conflict, a deadlock or a unique-key race, so work must not have side effects outside the
 * transaction.
 */
@ProviderType
public interface ConversationStore {

    /** Runs {@code work} in a read-write transaction and commits it. */
    <T> T write(Function<StoreTransaction, T> work);

    /** Runs {@code work} against a consistent read-only view. */
    <T> T read(Function<StoreReader, T> work);

    /**
     * Whether other runtimes may work on the same database (a PostgreSQL database several runtimes connect to); an
     * embedded database file is this runtime's alone.
     */
    boolean shared();
}
