package org.humanchat.core.tests;

import org.humanchat.persistence.internal.DatabaseSettings;

class OutboxOnPostgresTest extends OutboxContract {

    @Override
    DatabaseSettings database() {
        return Databases.freshPostgres();
    }
}
