package org.humanchat.core.tests;

import org.humanchat.persistence.internal.DatabaseSettings;

class ConversationRulesOnPostgresTest extends ConversationRulesContract {

    @Override
    DatabaseSettings database() {
        return Databases.freshPostgres();
    }
}
