package org.humanchat.api.service;

import java.nio.file.Path;

/**
 * Where this runtime keeps its files (embedded database, attachments, connector drop-ins): the system property
 * {@code humanchat.data} (the desk's launch script sets it from HUMANCHAT_DATA), else ~/.local/share/humanchat.
 */
public final class DataFolder {

    public static final String PROPERTY = "humanchat.data";
    /**
     * The file in the data folder where a desk keeps its session token when its agent asked to stay signed in
     * (readable by the owner only).
     */
    public static final String DESK_SESSION_FILE = "desk-session.token";

    private DataFolder() {
    }

    public static Path path() {
        String configured = System.getProperty(PROPERTY, "");
        return configured.isBlank() ? Path.of(System.getProperty("user.home"), ".local", "share", "humanchat")
                : Path.of(configured);
    }

    /**
     * Writes {@code text} to {@code file} readable and writable by its owner only: into a new file created with those
     * permissions (where the file system has them), then moved into place, so that no other user can read it even
     * for a moment.
     */
    public static void writeOwnerOnly(Path file, String text) throws java.io.IOException {
        java.nio.file.Files.createDirectories(file.toAbsolutePath().getParent());
        Path temporary = file.resolveSibling(file.getFileName() + ".new");
        java.nio.file.Files.deleteIfExists(temporary);
        try {
            java.nio.file.Files.createFile(temporary, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                    java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException notPosix) {
            java.nio.file.Files.createFile(temporary);
        }
        java.nio.file.Files.writeString(temporary, text, java.nio.charset.StandardCharsets.UTF_8);
        java.nio.file.Files.move(temporary, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
}
