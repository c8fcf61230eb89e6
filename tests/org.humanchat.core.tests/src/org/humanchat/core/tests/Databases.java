package org.humanchat.core.tests;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import org.humanchat.persistence.internal.DatabaseSettings;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The databases the persistence tests run on: a fresh H2 file database, or a fresh schema in the PostgreSQL server
 * named by system properties {@code hc.test.postgres.url} / {@code hc.test.postgres.user} (127.0.0.1:5432/test).
 * Without a reachable PostgreSQL the PostgreSQL tests are skipped with a loud message, on CI they fail.
 */
public final class Databases {

    private Databases() {
    }

    public static DatabaseSettings freshH2(Path folder) {
        return new DatabaseSettings(DatabaseSettings.h2Url(folder.resolve("test-db")), "sa", "", 16, "");
    }

    public static DatabaseSettings freshPostgres() {
        String url = System.getProperty("hc.test.postgres.url", "jdbc:postgresql://127.0.0.1:5432/test");
        String user = System.getProperty("hc.test.postgres.user", "postgres");
        PGSimpleDataSource probe = new PGSimpleDataSource();
        probe.setURL(url);
        probe.setUser(user);
        probe.setConnectTimeout(3);
        try (Connection connection = probe.getConnection()) {
            connection.isValid(3);
        } catch (SQLException unreachable) {
            throw MissingTool.skipOrFail("PostgreSQL at " + url + " is not reachable (" + unreachable.getMessage()
                    + "): PostgreSQL tests SKIPPED. Start PostgreSQL to run them.");
        }
        String schema = "hc_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String separator = url.contains("?") ? "&" : "?";
        return new DatabaseSettings(url + separator + "currentSchema=" + schema, user, "", 16, schema);
    }

    /** Drops a test schema again; a PostgreSQL server is shared by many runs. */
    public static void dropPostgresSchema(DatabaseSettings settings) {
        if (!settings.isPostgres() || settings.schema().isEmpty()) {
            return;
        }
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(settings.jdbcUrl());
        ds.setUser(settings.user());
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + settings.schema() + " CASCADE");
        } catch (SQLException e) {
            System.err.println("Could not drop test schema " + settings.schema() + ": " + e.getMessage());
        }
    }
}
