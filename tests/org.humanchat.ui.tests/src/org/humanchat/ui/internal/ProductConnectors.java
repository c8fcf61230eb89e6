package org.humanchat.ui.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.humanchat.api.connector.ConnectorAdmin;
import org.humanchat.api.connector.ConnectorBundle;
import org.humanchat.api.model.Agent;
import org.humanchat.api.service.DirectoryService;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

/**
 * The product's own connector administration, as Declarative Services runs it in the test framework (the whole server
 * feature): jars are really installed into the framework, checked and listed as in the desk. Also the example SMS
 * connector as the reactor built it (examples/, in no feature), and the product's admin who may install it.
 */
final class ProductConnectors implements AutoCloseable {

    static final String SMS = "org.humanchat.example.sms";

    private final BundleContext context = FrameworkUtil.getBundle(ProductConnectors.class).getBundleContext();
    private final ServiceTracker<ConnectorAdmin, ConnectorAdmin> admins = new ServiceTracker<>(context,
            ConnectorAdmin.class, null);
    private final ServiceTracker<DirectoryService, DirectoryService> directories = new ServiceTracker<>(context,
            DirectoryService.class, null);
    final ConnectorAdmin admin;
    /** The product's first admin: the connector administration checks who acts in the product's own directory. */
    final Agent productAdmin;

    ProductConnectors() {
        admins.open();
        directories.open();
        admin = waitFor(admins, "ConnectorAdmin");
        productAdmin = waitFor(directories, "DirectoryService (the product's database)")
                .ensureFirstAdmin("Local admin", "admin@localhost.localdomain");
    }

    private static <T> T waitFor(ServiceTracker<T, T> tracker, String what) {
        try {
            T service = tracker.waitForService(TimeUnit.SECONDS.toMillis(20));
            if (service == null) {
                throw new AssertionError(what + " is not registered in the test runtime");
            }
            return service;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The example SMS connector's jar, copied into {@code folder} as {@code fileName}. */
    static Path smsJar(Path folder, String fileName) {
        Path target = Path.of(System.getProperty("humanchat.examples", "../../examples"), SMS, "target");
        try (Stream<Path> files = Files.list(target)) {
            Path jar = files.filter(f -> f.getFileName().toString().matches(
                    "org\\.humanchat\\.example\\.sms-[\\d.]+(-SNAPSHOT)?\\.jar")).findFirst()
                    .orElseThrow(() -> new AssertionError("No example SMS connector jar in " + target
                            + ": build the reactor (examples/) first"));
            return Files.copy(jar, folder.resolve(fileName));
        } catch (IOException e) {
            throw new UncheckedIOException("The example connector is not built in " + target, e);
        }
    }

    /** The example SMS connector, where it is installed. */
    java.util.Optional<ConnectorBundle> sms() {
        return admin.connectors().stream().filter(c -> c.symbolicName().equals(SMS)).findFirst();
    }

    /** Takes out what a test installed, so that the next one starts without it. */
    @Override
    public void close() {
        try {
            sms().ifPresent(b -> admin.uninstall(b.bundleId(), productAdmin.id()));
        } finally {
            admins.close();
            directories.close();
        }
    }
}
