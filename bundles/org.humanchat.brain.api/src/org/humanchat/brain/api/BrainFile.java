package org.humanchat.brain.api;

import java.util.Objects;

/** A file a Brain sends with a reply; stored (and checked against its media type) before it goes out. */
public record BrainFile(String name, String mediaType, byte[] content) {

    public BrainFile {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(content, "content");
    }
}
