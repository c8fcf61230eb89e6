package org.humanchat.core.tests;

import org.humanchat.persistence.internal.DatabaseSettings;

class AuditOnPostgresTest extends AuditContract {

    @Override
    DatabaseSettings database() {
        return Databases.freshPostgres();
    }
}
