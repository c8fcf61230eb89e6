package org.humanchat.core.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import jakarta.persistence.PersistenceException;

import org.humanchat.api.service.StoreUnavailableException;
import org.humanchat.api.service.ValidationException;
import org.humanchat.persistence.internal.JpaConversationStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What leaves the store: a failure of the database as {@link StoreUnavailableException} (the endpoint answers it 503,
 * deliver again later), whatever JDBC, JPA or EclipseLink called it; a refusal of the rules and a bug as they are.
 */
class StoreFailuresTest {

    @TempDir
    Path folder;
    JpaConversationStore store;

    @BeforeEach
    void open() {
        store = new JpaConversationStore(Databases.freshH2(folder));
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void aFailureOfTheDatabaseLeavesTheStoreAsUnavailableWithItsCause() {
        PersistenceException database = new PersistenceException("disk full");
        StoreUnavailableException written = assertThrows(StoreUnavailableException.class, () -> store.write(tx -> {
            throw database;
        }));
        assertSame(database, written.getCause());
        assertTrue(written.getMessage().contains("disk full"), written.getMessage());

        StoreUnavailableException read = assertThrows(StoreUnavailableException.class, () -> store.read(r -> {
            throw new IllegalStateException("wrapped", database);
        }));
        assertTrue(read.getMessage().contains("disk full"), read.getMessage());
    }

    @Test
    void refusalsOfTheRulesAndBugsLeaveTheStoreAsTheyAre() {
        ValidationException refused = ValidationException.of("text", "A message needs text or files");
        assertSame(refused, assertThrows(ValidationException.class, () -> store.write(tx -> {
            throw refused;
        })));
        IllegalStateException bug = new IllegalStateException("a bug stays a bug");
        assertSame(bug, assertThrows(IllegalStateException.class, () -> store.read(r -> {
            throw bug;
        })));
        assertEquals(0, store.read(r -> r.directory().agents().size()), "the store works on");
    }
}
