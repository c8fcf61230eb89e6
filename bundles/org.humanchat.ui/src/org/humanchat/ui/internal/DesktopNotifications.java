package org.humanchat.ui.internal;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Notifications of the desktop itself (the freedesktop.org notification service through {@code notify-send}, from
 * Debian's libnotify-bin), for when the desk's window is not in front. Sent off the UI thread; where the command is
 * missing the desk falls back to its own note in the window.
 */
final class DesktopNotifications {

    private static final Logger LOG = LoggerFactory.getLogger(DesktopNotifications.class);

    private final Optional<Path> command;
    private final ExecutorService sender = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "humanchat-desktop-notifications");
        thread.setDaemon(true);
        return thread;
    });

    DesktopNotifications(Optional<Path> command) {
        this.command = command;
    }

    /** {@code notify-send} from the PATH, if there is one. */
    static DesktopNotifications fromPath() {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String folder : path.split(File.pathSeparator)) {
            if (!folder.isBlank()) {
                Path candidate = Path.of(folder, "notify-send");
                if (Files.isExecutable(candidate)) {
                    return new DesktopNotifications(Optional.of(candidate));
                }
            }
        }
        return new DesktopNotifications(Optional.empty());
    }

    boolean available() {
        return command.isPresent();
    }

    /** Shows {@code text} as a desktop notification; the process runs on its own thread, never on the caller's. */
    void send(String text) {
        command.ifPresent(notifySend -> sender.execute(() -> {
            try {
                Process process = new ProcessBuilder(List.of(notifySend.toString(), "--app-name=Human Chat",
                        "--expire-time=" + Notifier.SHOWN_MS, "Human Chat", text))
                        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroy();
                }
            } catch (IOException e) {
                LOG.warn("A desktop notification could not be shown: {}", e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
    }
}
