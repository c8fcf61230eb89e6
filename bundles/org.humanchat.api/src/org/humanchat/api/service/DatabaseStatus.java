package org.humanchat.api.service;

import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * This runtime's database as it is being opened. Registered as soon as opening starts and replaced by one in the new
 * state when it ends; the domain services are there only once it is {@link State#OPEN}, so a view that needs them
 * shows this instead while it waits, and the reason when the database could not be opened.
 */
@ProviderType
public interface DatabaseStatus {

    /** Where opening the database stands. */
    enum State {
        /** Connecting and bringing the schema up to date. */
        OPENING,
        /** Open: the domain services are registered. */
        OPEN,
        /** Could not be opened; {@link DatabaseStatus#problem()} says why. Nothing retries until it is configured again. */
        FAILED
    }

    State state();

    /** The database in words a user knows, without credentials, e.g. {@code PostgreSQL 127.0.0.1:5432/test}. */
    String database();

    /** Why the database could not be opened, in the database's own words; empty unless {@link State#FAILED}. */
    Optional<String> problem();
}
