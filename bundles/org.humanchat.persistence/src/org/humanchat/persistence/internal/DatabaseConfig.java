package org.humanchat.persistence.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration PID {@code org.humanchat.persistence}; without it the desk uses its embedded H2 database. */
@ObjectClassDefinition(name = "Human Chat database",
        description = "Where conversations are stored. Leave the JDBC URL empty for the embedded H2 database in the data folder.")
public @interface DatabaseConfig {

    @AttributeDefinition(name = "JDBC URL", required = false,
            description = "jdbc:postgresql://host:5432/db for PostgreSQL, jdbc:h2:file:/path for H2; empty for the embedded default")
    String jdbcUrl() default "";

    @AttributeDefinition(name = "User", required = false)
    String user() default "";

    @AttributeDefinition(name = "Password", type = AttributeType.PASSWORD, required = false)
    String password() default "";

    @AttributeDefinition(name = "Connections", description = "Size of the connection pool", min = "1", max = "100")
    int poolSize() default 8;
}
