package org.humanchat.channel.api;

import java.util.Objects;

/** A stored file: shown under {@code name}, fetched by {@code contentHash} through {@link ChannelContext#openFile}. */
public record FileRef(String name, String mediaType, long size, String contentHash) {

    public FileRef {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(mediaType, "mediaType");
        Objects.requireNonNull(contentHash, "contentHash");
    }
}
