package org.humanchat.ui.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Desktop notifications go to notify-send with the app's name and the note's text. */
class DesktopNotificationsTest {

    @TempDir
    Path folder;

    @Test
    void aNoteIsHandedToNotifySend() throws Exception {
        Path sent = folder.resolve("sent.txt");
        Path script = folder.resolve("notify-send");
        Files.writeString(script, "#!/bin/sh\nprintf '%s\\n' \"$@\" > '" + sent + ".part' && mv '" + sent
                + ".part' '" + sent + "'\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));

        new DesktopNotifications(Optional.of(script)).send("A conversation is waiting for a human");

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!Files.exists(sent) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(List.of("--app-name=Human Chat", "--expire-time=" + Notifier.SHOWN_MS, "Human Chat",
                "A conversation is waiting for a human"), Files.readAllLines(sent));
    }

    @Test
    void withoutNotifySendTheDeskKeepsItsOwnNote() {
        assertFalse(new DesktopNotifications(Optional.empty()).available());
    }
}
