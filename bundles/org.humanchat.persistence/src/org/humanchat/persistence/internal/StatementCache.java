package org.humanchat.persistence.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The JDBC statements of {@link JdbcRows}, kept prepared per pooled connection from one transaction to the next:
 * every batch of inbound messages runs the same few statements, and H2 parses a {@code SELECT ... FOR UPDATE}
 * again each time it is prepared (it caches no such statement), which cost a tenth of the ingest writer's time. A
 * connection serves one transaction at a time, so its statements are never shared by two threads at once.
 */
final class StatementCache {

    private final Map<Connection, Map<String, PreparedStatement>> byConnection = new ConcurrentHashMap<>();

    /** The statements kept for {@code connection}; its transaction may add to them. */
    Map<String, PreparedStatement> of(Connection connection) {
        Map<String, PreparedStatement> statements = byConnection.get(connection);
        if (statements == null) {
            // a connection the pool has not used before: forget those it has closed meanwhile
            byConnection.keySet().removeIf(StatementCache::isClosed);
            statements = new HashMap<>();
            byConnection.put(connection, statements);
        }
        return statements;
    }

    /** Closes and forgets the statements of {@code connection}, e.g. after its transaction failed. */
    void discard(Connection connection) {
        Map<String, PreparedStatement> statements = byConnection.remove(connection);
        if (statements != null) {
            closeAll(statements);
        }
    }

    /** Closes every statement (the store closes). */
    void clear() {
        byConnection.values().forEach(StatementCache::closeAll);
        byConnection.clear();
    }

    private static void closeAll(Map<String, PreparedStatement> statements) {
        for (PreparedStatement statement : statements.values()) {
            try {
                statement.close();
            } catch (SQLException ignored) {
                // the connection is gone or broken: nothing left to release
            }
        }
        statements.clear();
    }

    private static boolean isClosed(Connection connection) {
        try {
            return connection.isClosed();
        } catch (SQLException e) {
            return true;
        }
    }
}
