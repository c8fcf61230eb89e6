package org.humanchat.channel.tests;

import static org.humanchat.channel.tests.RunningProduct.eventually;
import static org.humanchat.channel.tests.RunningProduct.waitUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Optional;

import org.humanchat.api.connector.ConnectorAdmin;
import org.humanchat.api.connector.ConnectorBundle;
import org.humanchat.api.connector.ConnectorException;
import org.humanchat.api.connector.ConnectorState;
import org.humanchat.api.connector.DropInProblem;
import org.humanchat.api.model.Agent;
import org.humanchat.api.service.DirectoryService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The watched drop-in folder: copy a jar in to install it, replace it to update, delete it to uninstall. */
class DropInFolderTest {

    @TempDir
    Path folder;

    @Test
    void copyingReplacingAndDeletingAJarInstallsUpdatesAndRemovesTheConnector() throws Exception {
        RunningProduct product = new RunningProduct();
        var before = product.configure("org.humanchat.connectors",
                Map.of("dropInFolder", folder.toString(), "scanMillis", 100L));
        ConnectorAdmin[] admin = new ConnectorAdmin[1];
        waitUntil("the drop-in folder is watched", () -> {
            admin[0] = product.service(ConnectorAdmin.class);
            return admin[0].dropInFolder().equals(folder.toString());
        });
        ConnectorAdmin connectors = admin[0];
        Agent local = product.service(DirectoryService.class).ensureFirstAdmin("Local admin",
                "admin@localhost.localdomain");
        try {
            assertTrue(sms(connectors).isEmpty(), "the SMS connector is not installed yet");
            byte[] jar = ConnectorJars.sms();
            Path copying = folder.resolve("sms.jar.part");
            Files.write(copying, jar);
            Files.move(copying, folder.resolve("sms.jar"), StandardCopyOption.ATOMIC_MOVE);
            ConnectorBundle installed = eventually("the dropped jar is installed", () -> sms(connectors),
                    c -> c.isPresent() && c.get().state() == ConnectorState.ACTIVE).orElseThrow();
            assertTrue(installed.dropIn());
            ConnectorException remove = assertThrows(ConnectorException.class,
                    () -> connectors.uninstall(installed.bundleId(), local.id()));
            assertTrue(remove.getMessage().contains("drop-in folder"), remove.getMessage());

            // Copied as "cp -p" does: the new jar keeps a file time older than the install.
            Files.write(copying, ConnectorJars.withVersion(jar, "1.5.0"));
            Files.setLastModifiedTime(copying, java.nio.file.attribute.FileTime.fromMillis(
                    System.currentTimeMillis() - java.util.concurrent.TimeUnit.DAYS.toMillis(30)));
            Files.move(copying, folder.resolve("sms.jar"), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
            eventually("the replaced jar updates the connector", () -> sms(connectors),
                    c -> c.isPresent() && c.get().version().equals("1.5.0"));
            assertEquals(installed.bundleId(), sms(connectors).orElseThrow().bundleId());

            Files.write(folder.resolve("junk.jar"), "not a jar".getBytes());
            DropInProblem problem = eventually("the junk jar is reported", connectors::dropInProblems,
                    p -> !p.isEmpty()).get(0);
            assertEquals("junk.jar", problem.fileName());
            assertTrue(problem.message().contains("not a readable jar"), problem.message());
            Files.delete(folder.resolve("junk.jar"));
            waitUntil("the problem goes with the file", () -> connectors.dropInProblems().isEmpty());

            Files.delete(folder.resolve("sms.jar"));
            waitUntil("the deleted jar's connector is uninstalled", () -> sms(connectors).isEmpty());
        } finally {
            product.restore("org.humanchat.connectors", before);
        }
    }

    private static Optional<ConnectorBundle> sms(ConnectorAdmin connectors) {
        return connectors.connectors().stream().filter(c -> c.symbolicName().equals(ConnectorJars.SMS)).findFirst();
    }
}
