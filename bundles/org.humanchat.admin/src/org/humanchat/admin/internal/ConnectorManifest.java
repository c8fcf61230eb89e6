package org.humanchat.admin.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import java.util.jar.Manifest;
import java.util.regex.Pattern;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.humanchat.api.connector.ConnectorException;
import org.humanchat.api.connector.ConnectorKind;
import org.osgi.framework.Bundle;
import org.osgi.framework.Version;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * What a bundle says about itself as a connector: its name and version, and the Declarative Services components that
 * provide a channel or Brain connector, read from its component XML, for a jar before it is installed as well as for
 * an installed bundle. No code of the bundle is loaded to find out.
 */
record ConnectorManifest(String symbolicName, Version version, String name, ConnectorKind kind,
        List<Component> components) {

    static final String CHANNEL_CONNECTOR = "org.humanchat.channel.api.ChannelConnector";
    static final String BRAIN_CONNECTOR = "org.humanchat.brain.api.BrainConnector";
    private static final int MAX_DESCRIPTION_BYTES = 1024 * 1024;

    /** A component providing a connector, and the PID it is configured under. */
    record Component(String configurationPid, ConnectorKind kind, boolean factoryConfigured) {
    }

    /** Reads a jar an admin hands in. */
    static ConnectorManifest ofJar(String fileName, byte[] jar) {
        Manifest manifest;
        Map<String, byte[]> entries = new HashMap<>();
        int count = 0;
        try (JarInputStream in = new JarInputStream(new ByteArrayInputStream(jar), true)) {
            manifest = in.getManifest();
            count = manifest == null ? 0 : 1;
            for (JarEntry entry = in.getNextJarEntry(); entry != null; entry = in.getNextJarEntry()) {
                count++;
                // Only the component descriptions are kept (and each capped): a jar of huge entries cannot fill
                // the memory; the other entries are skipped as the stream moves on.
                if (entry.getName().startsWith("OSGI-INF/")) {
                    byte[] content = in.readNBytes(MAX_DESCRIPTION_BYTES + 1);
                    if (content.length > MAX_DESCRIPTION_BYTES) {
                        throw new ConnectorException(fileName + " has a component description over "
                                + MAX_DESCRIPTION_BYTES / 1024 + " KB: " + entry.getName());
                    }
                    entries.put(entry.getName(), content);
                }
            }
        } catch (IOException | SecurityException e) {
            throw new ConnectorException(fileName + " is not a readable jar (" + e.getMessage() + ")", e);
        }
        if (count == 0) {
            throw new ConnectorException(fileName + " is not a readable jar: it holds no files");
        }
        if (manifest == null) {
            throw new ConnectorException(fileName + " is not an OSGi bundle: it has no manifest");
        }
        Attributes main = manifest.getMainAttributes();
        Map<String, String> headers = new HashMap<>();
        main.forEach((k, v) -> headers.put(k.toString(), v.toString()));
        Optional<ConnectorManifest> found = read(fileName, headers::get, path -> {
            List<byte[]> matching = new ArrayList<>();
            Pattern glob = glob(path);
            entries.forEach((name, content) -> {
                if (glob.matcher(name).matches()) {
                    matching.add(content);
                }
            });
            return matching;
        });
        return found.orElseThrow(() -> new ConnectorException(fileName + " is not a connector: it provides no "
                + "channel connector and no Brain connector component"));
    }

    /** Reads an installed bundle; empty when it is no connector. */
    static Optional<ConnectorManifest> ofBundle(Bundle bundle) {
        try {
            return read(bundle.getSymbolicName(), bundle.getHeaders("")::get, path -> {
                int slash = path.lastIndexOf('/');
                List<byte[]> matching = new ArrayList<>();
                var urls = bundle.findEntries(slash < 0 ? "/" : path.substring(0, slash),
                        path.substring(slash + 1), false);
                while (urls != null && urls.hasMoreElements()) {
                    try (InputStream in = urls.nextElement().openStream()) {
                        matching.add(in.readAllBytes());
                    } catch (IOException e) {
                        throw new ConnectorException("Component description " + path + " of "
                                + bundle.getSymbolicName() + " cannot be read", e);
                    }
                }
                return matching;
            });
        } catch (ConnectorException | IllegalStateException e) {
            return Optional.empty();
        }
    }

    private static Optional<ConnectorManifest> read(String what, Function<String, String> header,
            Function<String, List<byte[]>> entries) {
        String symbolicName = header.apply("Bundle-SymbolicName");
        if (symbolicName == null || symbolicName.isBlank() || !"2".equals(trim(header.apply("Bundle-ManifestVersion")))) {
            throw new ConnectorException(what + " is not an OSGi bundle: its manifest names no bundle");
        }
        Version version;
        try {
            version = Version.parseVersion(trim(header.apply("Bundle-Version")));
        } catch (IllegalArgumentException e) {
            throw new ConnectorException(what + " has an invalid Bundle-Version: " + e.getMessage(), e);
        }
        String bsn = symbolicName.split(";", 2)[0].strip();
        String name = Optional.ofNullable(header.apply("Bundle-Name")).map(String::strip).orElse(bsn);
        List<Component> components = new ArrayList<>();
        String serviceComponent = header.apply("Service-Component");
        if (serviceComponent != null) {
            for (String path : serviceComponent.split(",")) {
                for (byte[] xml : entries.apply(path.strip())) {
                    components.addAll(components(what, xml));
                }
            }
        }
        if (components.isEmpty()) {
            return Optional.empty();
        }
        ConnectorKind kind = components.stream().anyMatch(c -> c.kind() == ConnectorKind.CHANNEL)
                ? ConnectorKind.CHANNEL : ConnectorKind.BRAIN;
        return Optional.of(new ConnectorManifest(bsn, version, name, kind, List.copyOf(components)));
    }

    private static List<Component> components(String what, byte[] xml) {
        Document document;
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            DocumentBuilder builder = factory.newDocumentBuilder();
            document = builder.parse(new ByteArrayInputStream(xml));
        } catch (ParserConfigurationException | SAXException | IOException e) {
            throw new ConnectorException(what + " has a component description that is not valid XML ("
                    + e.getMessage() + ")", e);
        }
        List<Component> found = new ArrayList<>();
        NodeList components = document.getElementsByTagNameNS("*", "component");
        if (components.getLength() == 0 && "component".equals(document.getDocumentElement().getLocalName())) {
            components = document.getChildNodes();
        }
        for (int i = 0; i < components.getLength(); i++) {
            if (!(components.item(i) instanceof Element component)) {
                continue;
            }
            NodeList provides = component.getElementsByTagName("provide");
            for (int p = 0; p < provides.getLength(); p++) {
                String service = ((Element) provides.item(p)).getAttribute("interface");
                ConnectorKind kind = CHANNEL_CONNECTOR.equals(service) ? ConnectorKind.CHANNEL
                        : BRAIN_CONNECTOR.equals(service) ? ConnectorKind.BRAIN : null;
                if (kind != null) {
                    String pid = component.getAttribute("configuration-pid");
                    if (pid.isBlank()) {
                        pid = component.getAttribute("name");
                    }
                    found.add(new Component(pid.strip().split("\\s+")[0], kind,
                            "require".equals(component.getAttribute("configuration-policy"))));
                }
            }
        }
        return found;
    }

    private static Pattern glob(String path) {
        StringBuilder regex = new StringBuilder();
        for (char c : path.toCharArray()) {
            regex.append(c == '*' ? ".*" : Pattern.quote(String.valueOf(c)));
        }
        return Pattern.compile(regex.toString());
    }

    private static String trim(String value) {
        return value == null ? "" : value.strip();
    }
}
