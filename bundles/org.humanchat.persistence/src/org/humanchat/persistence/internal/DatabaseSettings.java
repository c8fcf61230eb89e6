package org.humanchat.persistence.internal;

import java.nio.file.Path;
import java.util.Objects;

import javax.sql.DataSource;

import org.h2.jdbcx.JdbcDataSource;
import org.humanchat.api.service.DataFolder;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Where the store connects.
 *
 * @param schema the schema to create (if missing) and use; empty for the connection's default
 */
public record DatabaseSettings(String jdbcUrl, String user, String password, int poolSize, String schema) {

    public DatabaseSettings {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        user = user == null ? "" : user;
        password = password == null ? "" : password;
        schema = schema == null ? "" : schema;
        if (!jdbcUrl.startsWith("jdbc:h2:") && !jdbcUrl.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("Only H2 (jdbc:h2:) and PostgreSQL (jdbc:postgresql:) are supported, not "
                    + jdbcUrl.replaceAll("[?;].*", ""));
        }
    }

    /** The embedded default: an H2 file database in the data folder, created on first start. */
    public static DatabaseSettings embeddedH2(Path dataFolder) {
        return new DatabaseSettings(h2Url(dataFolder.resolve("db").resolve("humanchat")), "sa", "", 8, "");
    }

    /**
     * An H2 file URL that waits up to 10 s for row locks (concurrent agents queue rather than fail) and writes every
     * commit through before it returns, so that an acknowledged message survives a crash. Each connection keeps
     * its parsed statements ({@code QUERY_CACHE_SIZE}, 8 by default, fewer than one inbound message uses), so a
     * statement is parsed and planned once per connection, not on every use.
     */
    public static String h2Url(Path file) {
        return "jdbc:h2:file:" + file.toAbsolutePath() + ";LOCK_TIMEOUT=10000;WRITE_DELAY=0;QUERY_CACHE_SIZE=128";
    }

    static DatabaseSettings from(DatabaseConfig config) {
        return from(config, System::getProperty);
    }

    /**
     * The configuration's database; without one, the system properties {@code humanchat.db.url},
     * {@code humanchat.db.user} and {@code humanchat.db.password} (set with HUMANCHAT_VMARGS when there is no
     * ConfigAdmin store, as in the desk); without those, the embedded H2 default.
     */
    public static DatabaseSettings from(DatabaseConfig config, java.util.function.UnaryOperator<String> properties) {
        if (!config.jdbcUrl().isBlank()) {
            return new DatabaseSettings(config.jdbcUrl().strip(), config.user(), config.password(),
                    config.poolSize(), "");
        }
        String url = properties.apply("humanchat.db.url");
        if (url != null && !url.isBlank()) {
            String user = properties.apply("humanchat.db.user");
            String password = properties.apply("humanchat.db.password");
            return new DatabaseSettings(url.strip(), user == null ? "" : user, password == null ? "" : password,
                    config.poolSize(), "");
        }
        return embeddedH2(DataFolder.path());
    }

    public boolean isH2() {
        return jdbcUrl.startsWith("jdbc:h2:");
    }

    public boolean isPostgres() {
        return jdbcUrl.startsWith("jdbc:postgresql:");
    }

    String driverClass() {
        return isH2() ? "org.h2.Driver" : "org.postgresql.Driver";
    }

    String eclipseLinkPlatform() {
        return isH2() ? "org.eclipse.persistence.platform.database.H2Platform"
                : "org.eclipse.persistence.platform.database.PostgreSQLPlatform";
    }

    /** A plain data source for the migration run (the store itself uses EclipseLink's pool). */
    public DataSource dataSource() {
        if (isH2()) {
            JdbcDataSource h2 = new JdbcDataSource();
            h2.setURL(jdbcUrl);
            h2.setUser(user);
            h2.setPassword(password);
            return h2;
        }
        PGSimpleDataSource postgres = new PGSimpleDataSource();
        postgres.setURL(jdbcUrl);
        postgres.setUser(user);
        postgres.setPassword(password);
        return postgres;
    }

    /** The URL without credentials or options, fit for a log line. */
    String describe() {
        return jdbcUrl.replaceAll("[?;].*", "");
    }

    @Override
    public String toString() {
        return "DatabaseSettings[" + describe() + ", user=" + user + ", poolSize=" + poolSize + "]";
    }
}
