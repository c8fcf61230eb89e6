package org.humanchat.core.tests;

import org.humanchat.persistence.internal.DatabaseSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A contract run against a real database: each test gets a fresh {@link Desk} on the one its subclass chooses. */
abstract class DeskContract {

    Desk desk;

    abstract DatabaseSettings database();

    @BeforeEach
    void openDesk() {
        desk = new Desk(database());
    }

    @AfterEach
    void closeDesk() {
        if (desk != null) {
            desk.close();
        }
    }
}
