package org.humanchat.api.service;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

import org.humanchat.api.model.Attachment;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Files sent with messages, stored once by the SHA-256 of their content, never under a name taken from a request.
 */
@ProviderType
public interface AttachmentStore {

    /** The largest file accepted, in bytes. */
    long maxBytes();

    /**
     * Reads {@code content} to its end and stores it. The media type is checked against the content: a file that
     * claims to be an image but is not is refused. The name is kept for display only.
     *
     * @throws AttachmentRejectedException when the file is too large, empty, or not what it claims to be
     */
    Attachment store(String name, String declaredMediaType, InputStream content) throws IOException;

    /** The content stored under {@code contentHash}, if any. The caller closes the stream. */
    Optional<InputStream> open(String contentHash) throws IOException;
}
