package org.humanchat.api.model;

import java.util.Objects;

/** A file sent with a message; the content is stored once, under its SHA-256 {@code contentHash}. */
public record Attachment(String name, String mediaType, long size, String contentHash) {

    public Attachment {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(mediaType, "mediaType");
        Objects.requireNonNull(contentHash, "contentHash");
        if (size < 0) {
            throw new IllegalArgumentException("size < 0");
        }
    }
}
