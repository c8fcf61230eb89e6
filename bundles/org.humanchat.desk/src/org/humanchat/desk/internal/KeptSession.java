package org.humanchat.desk.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

import org.humanchat.api.service.DataFolder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The session token of an agent who asked to stay signed in on this computer, in the data folder, readable and
 * writable by the owner only (written to a file created with those permissions, then moved into place).
 */
final class KeptSession {

    private static final Logger LOG = LoggerFactory.getLogger(KeptSession.class);

    private final Path file;

    KeptSession(Path dataFolder) {
        this.file = dataFolder.resolve(DataFolder.DESK_SESSION_FILE);
    }

    static KeptSession inDataFolder() {
        return new KeptSession(DataFolder.path());
    }

    Path file() {
        return file;
    }

    Optional<String> token() {
        try {
            String token = Files.readString(file, StandardCharsets.US_ASCII).strip();
            return token.isEmpty() ? Optional.empty() : Optional.of(token);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    void keep(String token) {
        try {
            Files.createDirectories(file.getParent());
            Path temporary = file.resolveSibling(file.getFileName() + ".new");
            Files.deleteIfExists(temporary);
            try {
                Files.createFile(temporary, PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException | FileAlreadyExistsException notPosix) {
                Files.createFile(temporary);
            }
            Files.writeString(temporary, token, StandardCharsets.US_ASCII);
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            LOG.warn("Could not keep the session in {}: you will be asked to sign in next time ({})", file,
                    e.getMessage());
        }
    }

    void forget() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warn("Could not delete {}: {}", file, e.getMessage());
        }
    }
}
