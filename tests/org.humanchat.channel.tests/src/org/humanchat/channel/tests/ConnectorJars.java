package org.humanchat.channel.tests;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/**
 * The example SMS connector as built by the reactor (examples/, not part of any feature), and variants of it made by
 * changing its manifest: a second version, one that cannot resolve.
 */
final class ConnectorJars {

    static final String SMS = "org.humanchat.example.sms";

    private ConnectorJars() {
    }

    static byte[] sms() {
        Path target = Path.of(System.getProperty("humanchat.examples", "../../examples"), SMS, "target");
        try (Stream<Path> files = Files.list(target)) {
            Path jar = files.filter(f -> f.getFileName().toString().matches(
                    "org\\.humanchat\\.example\\.sms-[\\d.]+(-SNAPSHOT)?\\.jar")).findFirst()
                    .orElseThrow(() -> new AssertionError("No example SMS connector jar in " + target
                            + ": build the reactor (examples/) first"));
            return Files.readAllBytes(jar);
        } catch (IOException e) {
            throw new UncheckedIOException("The example connector is not built in " + target, e);
        }
    }

    /** The same jar with version {@code version}. */
    static byte[] withVersion(byte[] jar, String version) {
        return withManifest(jar, main -> main.putValue("Bundle-Version", version));
    }

    /** The same jar, with another version, that needs a package nobody exports. */
    static byte[] unresolvable(byte[] jar, String version) {
        return withManifest(jar, main -> {
            main.putValue("Bundle-Version", version);
            main.putValue("Import-Package", main.getValue("Import-Package") + ",org.example.nowhere;version=\"1.0\"");
        });
    }

    /** A valid OSGi bundle with no connector in it. */
    static byte[] plainBundle() {
        return jar(Map.of("Bundle-ManifestVersion", "2", "Bundle-SymbolicName", "org.example.plain",
                "Bundle-Version", "1.0.0"));
    }

    /** A jar that is no OSGi bundle. */
    static byte[] plainJar() {
        return jar(Map.of("Implementation-Title", "a library"));
    }

    private static byte[] jar(Map<String, String> headers) {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        headers.forEach(main::putValue);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JarOutputStream jar = new JarOutputStream(out, manifest)) {
            jar.putNextEntry(new JarEntry("readme.txt"));
            jar.write("nothing to see".getBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static byte[] withManifest(byte[] jar, Consumer<Attributes> change) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JarInputStream in = new JarInputStream(new ByteArrayInputStream(jar))) {
            Manifest manifest = new Manifest(in.getManifest());
            change.accept(manifest.getMainAttributes());
            try (JarOutputStream copy = new JarOutputStream(out, manifest)) {
                for (JarEntry entry = in.getNextJarEntry(); entry != null; entry = in.getNextJarEntry()) {
                    copy.putNextEntry(new JarEntry(entry.getName()));
                    in.transferTo(copy);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
