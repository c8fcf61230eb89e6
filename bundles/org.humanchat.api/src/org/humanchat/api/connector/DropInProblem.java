package org.humanchat.api.connector;

import java.time.Instant;
import java.util.Objects;

/** A file in the drop-in folder that could not be installed, updated or removed, and why. */
public record DropInProblem(String fileName, String message, Instant at) {

    public DropInProblem {
        Objects.requireNonNull(fileName, "fileName");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(at, "at");
    }
}
