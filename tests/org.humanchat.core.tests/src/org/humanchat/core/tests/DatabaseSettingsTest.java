package org.humanchat.core.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.annotation.Annotation;
import java.util.Map;

import org.humanchat.persistence.internal.DatabaseConfig;
import org.humanchat.persistence.internal.DatabaseSettings;
import org.junit.jupiter.api.Test;

/** Where the store connects: ConfigAdmin first, then system properties, then the embedded H2 default. */
class DatabaseSettingsTest {

    private static DatabaseConfig config(String url) {
        return new DatabaseConfig() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return DatabaseConfig.class;
            }

            @Override
            public String jdbcUrl() {
                return url;
            }

            @Override
            public String user() {
                return "cfg-user";
            }

            @Override
            public String password() {
                return "";
            }

            @Override
            public int poolSize() {
                return 4;
            }
        };
    }

    @Test
    void configAdminWinsThenSystemPropertiesThenEmbeddedH2() {
        Map<String, String> props = Map.of("humanchat.db.url", "jdbc:postgresql://db.example:5432/hc",
                "humanchat.db.user", "desk");

        DatabaseSettings configured = DatabaseSettings.from(config("jdbc:postgresql://cfg:5432/x"), props::get);
        DatabaseSettings fromProperties = DatabaseSettings.from(config(""), props::get);
        DatabaseSettings embedded = DatabaseSettings.from(config(""), key -> null);

        assertEquals("jdbc:postgresql://cfg:5432/x", configured.jdbcUrl());
        assertEquals("jdbc:postgresql://db.example:5432/hc", fromProperties.jdbcUrl());
        assertEquals("desk", fromProperties.user());
        assertTrue(fromProperties.isPostgres());
        assertTrue(embedded.isH2());
        assertTrue(embedded.jdbcUrl().contains("db/humanchat"));
    }

    @Test
    void otherDatabasesAreRefusedByName() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> DatabaseSettings.from(config("jdbc:mysql://localhost/x"), key -> null));
        assertTrue(refused.getMessage().contains("jdbc:mysql://localhost/x"), refused.getMessage());
    }
}
