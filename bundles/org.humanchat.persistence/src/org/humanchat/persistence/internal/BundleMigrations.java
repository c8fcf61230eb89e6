package org.humanchat.persistence.internal;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

import org.flywaydb.core.api.ResourceProvider;
import org.flywaydb.core.api.resource.LoadableResource;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;

/**
 * The SQL migrations in this bundle's db/migration folder. Flyway's own class-path scanning finds nothing inside an
 * OSGi bundle, so the bundle lists its entries itself.
 */
final class BundleMigrations implements ResourceProvider {

    static final String FOLDER = "db/migration";

    private final List<LoadableResource> resources = new ArrayList<>();

    BundleMigrations() {
        Bundle bundle = FrameworkUtil.getBundle(BundleMigrations.class);
        if (bundle == null) {
            throw new IllegalStateException("The persistence bundle must run inside an OSGi framework");
        }
        Enumeration<URL> entries = bundle.findEntries(FOLDER, "*.sql", false);
        for (URL url : entries == null ? Collections.<URL>emptyList() : Collections.list(entries)) {
            resources.add(new Migration(url));
        }
        if (resources.isEmpty()) {
            throw new IllegalStateException("No migrations in " + FOLDER + " of " + bundle.getSymbolicName());
        }
    }

    @Override
    public LoadableResource getResource(String name) {
        return resources.stream().filter(r -> r.getRelativePath().equals(name) || r.getFilename().equals(name))
                .findFirst().orElse(null);
    }

    @Override
    public Collection<LoadableResource> getResources(String prefix, String[] suffixes) {
        List<LoadableResource> matching = new ArrayList<>();
        for (LoadableResource r : resources) {
            String name = r.getFilename();
            for (String suffix : suffixes) {
                if (name.startsWith(prefix) && name.endsWith(suffix)) {
                    matching.add(r);
                    break;
                }
            }
        }
        return matching;
    }

    private static final class Migration extends LoadableResource {

        private final URL url;
        private final String filename;

        Migration(URL url) {
            this.url = url;
            String path = url.getPath();
            this.filename = path.substring(path.lastIndexOf('/') + 1);
        }

        @Override
        public Reader read() {
            try {
                return new InputStreamReader(url.openStream(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read migration " + filename, e);
            }
        }

        @Override
        public String getAbsolutePath() {
            return FOLDER + "/" + filename;
        }

        @Override
        public String getAbsolutePathOnDisk() {
            return url.toString();
        }

        @Override
        public String getFilename() {
            return filename;
        }

        @Override
        public String getRelativePath() {
            return FOLDER + "/" + filename;
        }
    }
}
