package org.humanchat.ui;

import java.util.Objects;

/**
 * Why the desk has no {@link DeskSession}: put into the application context instead of one when the services cannot
 * be had (the database cannot be opened), so that the parts say so instead of waiting for ever.
 */
public record DeskProblem(String message) {

    public DeskProblem {
        Objects.requireNonNull(message, "message");
    }
}
