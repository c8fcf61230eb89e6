package org.humanchat.persistence.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.EntityTransaction;

import org.eclipse.persistence.config.PersistenceUnitProperties;
import org.eclipse.persistence.jpa.PersistenceProvider;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.output.MigrateResult;
import org.humanchat.core.spi.ConversationStore;
import org.humanchat.core.spi.StoreReader;
import org.humanchat.core.spi.StoreTransaction;
import org.osgi.framework.FrameworkUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The conversation store on EclipseLink: H2 by default, PostgreSQL by configuration. Made, it has brought the schema
 * up to date with Flyway, and serves transactions from EclipseLink's connection pool. In the runtime,
 * {@link DatabaseOpener} makes it off the start-up thread and registers it once it is open. A failure of the
 * database comes out of {@link #write} and {@link #read} as a {@code StoreUnavailableException}.
 */
public final class JpaConversationStore implements ConversationStore {

    private static final Logger LOG = LoggerFactory.getLogger(JpaConversationStore.class);
    private static final int MAX_ATTEMPTS = 12;

    private final EntityManagerFactory factory;
    /** Where the events of committed changes go for other runtimes (PostgreSQL), or null. */
    private final String eventChannel;
    private final String origin;
    /** JDBC statements kept prepared per pooled connection (see {@link StatementCache}). */
    private final StatementCache statements = new StatementCache();
    /** Contact ids of senders seen before (see {@link KnownIdentities}): about 20 MB at most. */
    private final KnownIdentities knownIdentities = new KnownIdentities(200_000);

    public JpaConversationStore(DatabaseSettings settings) {
        this(settings, RemoteEvents.ORIGIN);
    }

    /**
     * @param origin the id this store's events carry when it hands them to other runtimes on the same database
     *        (tests run two "runtimes" in one JVM)
     */
    public JpaConversationStore(DatabaseSettings settings, String origin) {
        this.eventChannel = settings.isPostgres() ? RemoteEvents.channel(settings.schema()) : null;
        this.origin = origin;
        // An embedded H2 database closes with its last connection, and closing compacts its file (half a second
        // on a database of 1M conversations) before EclipseLink opens it again: one connection keeps it open from
        // the migration until EclipseLink's pool holds a connection of its own.
        try (Connection keepOpen = settings.isH2() ? settings.dataSource().getConnection() : null) {
            migrate(settings);
            this.factory = createFactory(settings, origin);
            factory.createEntityManager().close(); // logs in: the pool holds its first connection from here on
        } catch (SQLException | RuntimeException e) {
            // Logged here, with the database's own words: the component runtime reports a failed activation only
            // to the OSGi log, which nobody reads in the desk's terminal.
            LOG.error("The database {} cannot be opened: {}", settings.describe(), e.getMessage(), e);
            throw e instanceof RuntimeException r ? r
                    : new IllegalStateException("The database " + settings.describe() + " cannot be opened: "
                            + e.getMessage(), e);
        }
        LOG.info("Conversation store ready on {}", settings.describe());
    }

    private static void migrate(DatabaseSettings settings) {
        migrateTo(settings, null);
    }

    /**
     * Migrates the database's schema up to {@code version} ({@code null}: the newest), without opening the store:
     * for tests of a migration, which need a database as an older version left it.
     */
    public static void migrateTo(DatabaseSettings settings, String version) {
        ClassLoader loader = JpaConversationStore.class.getClassLoader();
        FluentConfiguration configuration = Flyway.configure(loader).dataSource(settings.dataSource());
        if (FrameworkUtil.getBundle(JpaConversationStore.class) != null) {
            configuration.resourceProvider(new BundleMigrations());
        } else {
            // on a plain class path (a tool, a child process in a test) Flyway's own scanning finds them
            configuration.locations("classpath:" + BundleMigrations.FOLDER);
        }
        if (!settings.schema().isEmpty()) {
            configuration.schemas(settings.schema()).createSchemas(true);
        }
        if (version != null) {
            configuration.target(version);
        }
        MigrateResult result = configuration.load().migrate();
        if (result.migrationsExecuted > 0) {
            LOG.info("Database {} migrated to schema version {} ({} migrations)", settings.describe(),
                    result.targetSchemaVersion, result.migrationsExecuted);
        }
    }

    private static EntityManagerFactory createFactory(DatabaseSettings settings, String origin) {
        Map<String, Object> properties = new HashMap<>();
        properties.put(PersistenceUnitProperties.CLASSLOADER, JpaConversationStore.class.getClassLoader());
        properties.put(PersistenceUnitProperties.JDBC_DRIVER, settings.driverClass());
        properties.put(PersistenceUnitProperties.JDBC_URL, settings.jdbcUrl());
        properties.put(PersistenceUnitProperties.JDBC_USER, settings.user());
        properties.put(PersistenceUnitProperties.JDBC_PASSWORD, settings.password());
        properties.put(PersistenceUnitProperties.TARGET_DATABASE, settings.eclipseLinkPlatform());
        // The JPQL's own literals ('OPEN', 'AGENT') go into the SQL as literals; only parameters are bound. Bound,
        // H2 plans a statement without their values and may read a whole index range where it could stop after
        // the page (docs/BENCHMARKS.md: the merged Open and Closed pages). Values given by users stay parameters.
        properties.put(PersistenceUnitProperties.TARGET_DATABASE_PROPERTIES, "shouldBindLiterals=false");
        properties.put(PersistenceUnitProperties.CONNECTION_POOL_MIN, "1");
        properties.put(PersistenceUnitProperties.CONNECTION_POOL_INITIAL, "1");
        properties.put(PersistenceUnitProperties.CONNECTION_POOL_MAX, Integer.toString(settings.poolSize()));
        properties.put(PersistenceUnitProperties.CONNECTION_POOL_READ + PersistenceUnitProperties.CONNECTION_POOL_SHARED,
                "false");
        // A session of its own (EclipseLink would share one between factories of the same unit and settings in a
        // JVM, and with it the block of ids it took from the database)
        String session = "humanchat-" + origin + "-" + java.util.UUID.randomUUID();
        properties.put(PersistenceUnitProperties.SESSION_NAME, session);
        if (settings.isPostgres()) {
            properties.put(PersistenceUnitProperties.SESSION_CUSTOMIZER, SharedDatabaseSequencing.class.getName());
        }
        EntityManagerFactory factory = new PersistenceProvider().createEntityManagerFactory("humanchat", properties);
        if (factory == null) {
            throw new IllegalStateException("EclipseLink found no persistence unit 'humanchat'");
        }
        return factory;
    }

    public void close() {
        statements.clear();
        factory.close();
    }

    @Override
    public <T> T write(Function<StoreTransaction, T> work) {
        for (int attempt = 1;; attempt++) {
            EntityManager em = factory.createEntityManager();
            EntityTransaction tx = em.getTransaction();
            JpaStoreTransaction transaction = new JpaStoreTransaction(em, statements, knownIdentities, eventChannel,
                    origin);
            try {
                tx.begin();
                T result = work.apply(transaction);
                transaction.beforeCommit();
                tx.commit();
                return result;
            } catch (RuntimeException failure) {
                rollback(transaction, tx, failure);
                if (attempt >= MAX_ATTEMPTS || !TransientFailures.isTransient(failure)) {
                    throw StoreFailures.translated(failure);
                }
                LOG.debug("Retrying a transaction after a transient failure (attempt {})", attempt, failure);
                backOff(attempt);
            } finally {
                em.close();
            }
        }
    }

    @Override
    public boolean shared() {
        return eventChannel != null; // PostgreSQL; an H2 file is locked by the one process that opens it
    }

    @Override
    public <T> T read(Function<StoreReader, T> work) {
        EntityManager em = factory.createEntityManager();
        EntityTransaction tx = em.getTransaction();
        JpaStoreTransaction transaction = new JpaStoreTransaction(em, statements, knownIdentities, eventChannel,
                origin);
        try {
            tx.begin();
            return work.apply(transaction);
        } catch (RuntimeException failure) {
            throw StoreFailures.translated(failure);
        } finally {
            try {
                transaction.close(false);
            } finally {
                if (tx.isActive()) {
                    tx.rollback();
                }
                em.close();
            }
        }
    }

    private static void rollback(JpaStoreTransaction transaction, EntityTransaction tx, RuntimeException cause) {
        try {
            transaction.close(true);
        } catch (RuntimeException closeFailure) {
            cause.addSuppressed(closeFailure);
        }
        try {
            if (tx.isActive()) {
                tx.rollback();
            }
        } catch (RuntimeException rollbackFailure) {
            cause.addSuppressed(rollbackFailure);
        }
    }

    /** Random, growing pauses so that retried transactions do not collide again in lock step. */
    private static void backOff(int attempt) {
        long maxMillis = Math.min(200, 2L << Math.min(attempt, 7));
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(1, maxMillis + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while retrying a transaction", e);
        }
    }
}
