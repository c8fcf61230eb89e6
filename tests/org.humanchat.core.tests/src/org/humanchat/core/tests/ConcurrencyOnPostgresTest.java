package org.humanchat.core.tests;

import org.humanchat.persistence.internal.DatabaseSettings;

class ConcurrencyOnPostgresTest extends ConcurrencyContract {

    @Override
    DatabaseSettings database() {
        return Databases.freshPostgres();
    }
}
