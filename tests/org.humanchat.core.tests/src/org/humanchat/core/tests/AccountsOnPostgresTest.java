package org.humanchat.core.tests;

import org.humanchat.persistence.internal.DatabaseSettings;

class AccountsOnPostgresTest extends AccountsContract {

    @Override
    DatabaseSettings database() {
        return Databases.freshPostgres();
    }

    @Override
    DatabaseSettings emptyDatabase() {
        return Databases.freshPostgres();
    }

    @Override
    boolean shared() {
        return true;
    }
}
