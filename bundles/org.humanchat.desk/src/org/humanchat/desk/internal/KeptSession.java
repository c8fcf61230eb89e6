package org.humanchat.desk.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.humanchat.api.service.DataFolder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The session token of an agent who asked to stay signed in on this computer, in the data folder, readable and
 * writable by the owner only ({@link DataFolder#writeOwnerOnly}).
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
            DataFolder.writeOwnerOnly(file, token);
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
