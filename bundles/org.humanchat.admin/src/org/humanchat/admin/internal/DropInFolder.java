package org.humanchat.admin.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import org.humanchat.api.connector.DropInProblem;
import org.humanchat.api.service.HumanChatException;
import org.osgi.framework.Bundle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The watched drop-in folder: a jar copied in is installed and started, a jar replaced is updated, a jar deleted is
 * uninstalled. A file is only taken once it has stopped changing between two scans, so a jar still being copied is
 * never read half-written. A file that fails is reported (and tried again only when it changes).
 * <p>
 * Scanning by polling, as Felix FileInstall does: it works the same on every file system, network shares included.
 */
final class DropInFolder {

    private static final Logger LOG = LoggerFactory.getLogger(DropInFolder.class);

    private final Path folder;
    private final Duration interval;
    private final ConnectorBundles bundles;
    private final Map<String, Fingerprint> lastScan = new HashMap<>();
    private final Map<String, Fingerprint> handled = new HashMap<>();
    private final Map<String, DropInProblem> problems = new ConcurrentHashMap<>();
    private boolean keepMissing;
    private volatile Thread thread;

    private record Fingerprint(long size, long modified) {
    }

    DropInFolder(Path folder, Duration interval, ConnectorBundles bundles) {
        this.folder = folder;
        this.interval = interval;
        this.bundles = bundles;
    }

    Path folder() {
        return folder;
    }

    List<DropInProblem> problems() {
        return problems.values().stream().sorted(Comparator.comparing(DropInProblem::at).reversed()).toList();
    }

    void start() {
        Thread scanner = Thread.ofPlatform().daemon().name("humanchat-connector-drop-ins").unstarted(this::run);
        thread = scanner;
        scanner.start();
    }

    void stop() {
        Thread scanner = thread;
        thread = null;
        if (scanner != null) {
            scanner.interrupt();
            try {
                scanner.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void run() {
        try {
            if (!Files.isDirectory(folder)) {
                // Created now: a folder that is not there (a share not mounted yet) must not read as "all deleted".
                keepMissing = true;
                LOG.warn("The connector drop-in folder {} did not exist; it is created, and drop-in connectors "
                        + "whose file is not in it are kept until a file of theirs is deleted from it", folder);
            }
            Files.createDirectories(folder);
        } catch (IOException e) {
            LOG.error("The connector drop-in folder {} cannot be created; it is not watched", folder, e);
            return;
        }
        LOG.info("Watching {} for connector jars", folder);
        while (thread == Thread.currentThread()) {
            try {
                scan();
                Thread.sleep(interval);
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                // One bad scan (a file system hiccup) must not end the watching.
                LOG.error("Scanning the connector drop-in folder {} failed", folder, e);
            }
        }
    }

    /** One pass over the folder. */
    void scan() {
        Map<String, Fingerprint> now = new HashMap<>();
        Set<String> unreadable = new HashSet<>();
        try (Stream<Path> files = Files.list(folder)) {
            files.filter(f -> f.getFileName().toString().endsWith(".jar") && Files.isRegularFile(f)).forEach(f -> {
                try {
                    now.put(f.getFileName().toString(),
                            new Fingerprint(Files.size(f), Files.getLastModifiedTime(f).toMillis()));
                } catch (IOException e) {
                    // Listed but not readable just now: still there, so its connector stays; the next scan sees it.
                    unreadable.add(f.getFileName().toString());
                }
            });
        } catch (IOException e) {
            LOG.warn("The connector drop-in folder {} cannot be read: {}", folder, e.toString());
            return;
        }
        for (Map.Entry<String, Fingerprint> file : now.entrySet()) {
            String name = file.getKey();
            boolean stable = file.getValue().equals(lastScan.get(name));
            if (stable && !file.getValue().equals(handled.get(name))) {
                take(name, file.getValue());
            }
        }
        Set<String> gone = new HashSet<>(handled.keySet());
        gone.removeAll(now.keySet());
        if (!keepMissing) {
            for (Bundle bundle : bundles.bundlesWithPrefix(ConnectorBundles.DROP_IN_PREFIX)) {
                String name = bundle.getLocation().substring(ConnectorBundles.DROP_IN_PREFIX.length());
                if (!now.containsKey(name)) {
                    gone.add(name);
                }
            }
        }
        gone.removeAll(unreadable);
        for (String name : gone) {
            remove(name);
        }
        lastScan.clear();
        lastScan.putAll(now);
    }

    private void take(String name, Fingerprint fingerprint) {
        handled.put(name, fingerprint);
        Optional<Bundle> installed = bundles.bundleAt(ConnectorBundles.DROP_IN_PREFIX + name);
        try {
            byte[] jar = Files.readAllBytes(folder.resolve(name));
            if (installed.isPresent() && bundles.runs(installed.get(), jar)) {
                // This very jar is installed (before the last restart, or copied again with its old time).
                problems.remove(name);
                return;
            }
            if (installed.isPresent()) {
                String before = installed.get().getVersion().toString();
                Bundle bundle = bundles.update(installed.get(), name, jar);
                bundles.audited(0, ConnectorBundles.updated(bundle.getSymbolicName(), ConnectorManifest.ofJar(name, jar)
                        .name(), before, bundle.getVersion().toString(), name));
                LOG.info("Drop-in {}: updated connector {} to {}", name, bundle.getSymbolicName(), bundle.getVersion());
            } else {
                Bundle bundle = bundles.install(ConnectorBundles.DROP_IN_PREFIX, name, jar);
                bundles.audited(0, ConnectorBundles.installed(bundle.getSymbolicName(), ConnectorManifest.ofJar(name,
                        jar).name(), bundle.getVersion().toString(), name));
                LOG.info("Drop-in {}: installed connector {} {}", name, bundle.getSymbolicName(), bundle.getVersion());
            }
            problems.remove(name);
        } catch (HumanChatException | IOException e) {
            LOG.warn("Drop-in {}: {}", name, e.getMessage());
            problems.put(name, new DropInProblem(name, e.getMessage(), Instant.now()));
        }
        bundles.changed();
    }

    private void remove(String name) {
        handled.remove(name);
        problems.remove(name);
        bundles.bundleAt(ConnectorBundles.DROP_IN_PREFIX + name).ifPresent(bundle -> {
            try {
                String version = bundle.getVersion().toString();
                bundles.uninstall(bundle);
                LOG.info("Drop-in {} deleted: uninstalled connector {}", name, bundle.getSymbolicName());
                bundles.audited(0, ConnectorBundles.uninstalled(bundle.getSymbolicName(), name, version));
            } catch (HumanChatException e) {
                LOG.warn("Drop-in {} deleted, but connector {} could not be removed: {}", name,
                        bundle.getSymbolicName(), e.getMessage());
                problems.put(name, new DropInProblem(name, e.getMessage(), Instant.now()));
            }
        });
        bundles.changed();
    }
}
