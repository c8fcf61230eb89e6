package org.humanchat.channel.runtime.internal;

import java.util.List;

import org.humanchat.api.model.Attachment;
import org.humanchat.channel.api.FileRef;

/** A stored file as the domain names it ({@link Attachment}) and as a connector does ({@link FileRef}): one and the same. */
final class FileRefs {

    private FileRefs() {
    }

    static List<FileRef> of(List<Attachment> attachments) {
        return attachments.stream().map(FileRefs::of).toList();
    }

    static FileRef of(Attachment a) {
        return new FileRef(a.name(), a.mediaType(), a.size(), a.contentHash());
    }

    static List<Attachment> attachments(List<FileRef> files) {
        return files.stream().map(f -> new Attachment(f.name(), f.mediaType(), f.size(), f.contentHash())).toList();
    }
}
