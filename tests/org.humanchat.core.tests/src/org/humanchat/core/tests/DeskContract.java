package org.humanchat.core.tests;

import org.humanchat.persistence.internal.DatabaseSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * A contract run against a real database: each test gets a fresh {@link Desk} on the one its subclass chooses, whose
 * rules write through {@link HeldCommits}.
 */
abstract class DeskContract {

    Desk desk;
    /** Around the desk's store: lets a test hold a commit. */
    final HeldCommits commits = new HeldCommits();

    abstract DatabaseSettings database();

    @BeforeEach
    void openDesk() {
        desk = new Desk(database(), commits::around);
    }

    @AfterEach
    void closeDesk() {
        if (desk != null) {
            desk.close();
        }
    }
}
