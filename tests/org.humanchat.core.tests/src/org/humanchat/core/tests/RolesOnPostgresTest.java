package org.humanchat.core.tests;

import org.humanchat.persistence.internal.DatabaseSettings;

class RolesOnPostgresTest extends RolesContract {

    @Override
    DatabaseSettings database() {
        return Databases.freshPostgres();
    }
}
