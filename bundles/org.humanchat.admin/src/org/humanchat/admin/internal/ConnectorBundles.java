package org.humanchat.admin.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import org.humanchat.api.connector.ConfigForm;
import org.humanchat.api.connector.ConnectorAdmin;
import org.humanchat.api.connector.ConnectorBundle;
import org.humanchat.api.connector.ConnectorException;
import org.humanchat.api.connector.ConnectorInstance;
import org.humanchat.api.connector.ConnectorState;
import org.humanchat.api.connector.ConnectorType;
import org.humanchat.api.connector.DropInProblem;
import org.humanchat.api.model.Agent;
import org.humanchat.api.service.AuditChange;
import org.humanchat.api.service.AuditService;
import org.humanchat.api.service.DataFolder;
import org.humanchat.api.service.DirectoryService;
import org.humanchat.api.service.NotFoundException;
import org.humanchat.api.service.PermissionDeniedException;
import org.humanchat.api.service.StoreUnavailableException;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.BundleException;
import org.osgi.framework.BundleListener;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.ServiceListener;
import org.osgi.framework.ServiceRegistration;
import org.osgi.framework.wiring.FrameworkWiring;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.cm.ConfigurationListener;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.metatype.MetaTypeService;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Connector bundles of the running framework, managed with the OSGi framework API alone: install, update, start, stop
 * and uninstall, each checked first so that a refused jar changes nothing, and a drop-in folder doing the same for
 * files. Instances and their forms are {@link ConnectorInstances}' job. Every change is recorded in the audit log
 * (an admin's under their name, the drop-in folder's as the system's), an instance's secrets never: only whether
 * they changed.
 */
@Component(service = ConnectorAdmin.class, immediate = true, configurationPid = "org.humanchat.connectors",
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = AdminConfig.class)
public final class ConnectorBundles implements ConnectorAdmin {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectorBundles.class);
    static final String INSTALLED_PREFIX = "humanchat:connector:";
    static final String DROP_IN_PREFIX = "humanchat:dropin:";

    private final BundleContext context;
    /** Registered once the database is open: an admin's action needs it to know who acts, reading does not. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile DirectoryService directory;
    /** Registered with the directory, once the database is open; an admin's change is not made without it. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile AuditService audit;
    private final EventAdmin events;
    private final ConnectorInstances instances;
    private final ConnectorForms forms;
    private final FrameworkWiring wiring;
    private final ReentrantLock changing = new ReentrantLock();
    private final Map<Long, Seen> manifests = new ConcurrentHashMap<>();
    private final DropInFolder dropIns;
    private final BundleListener bundleListener;
    private final ServiceListener serviceListener;
    private final ServiceRegistration<ConfigurationListener> configListener;

    private record Seen(long lastModified, Optional<ConnectorManifest> manifest) {
    }

    @Activate
    public ConnectorBundles(BundleContext context, AdminConfig config, @Reference ConfigurationAdmin configAdmin, @Reference MetaTypeService metaTypes,
            @Reference ServiceComponentRuntime runtime, @Reference EventAdmin events) {
        this.context = context;
        this.events = events;
        this.forms = new ConnectorForms(metaTypes);
        this.instances = new ConnectorInstances(configAdmin, runtime, forms, this::connectorBundles, this::manifest);
        this.wiring = context.getBundle(Constants.SYSTEM_BUNDLE_ID).adapt(FrameworkWiring.class);
        this.bundleListener = event -> {
            if (event.getType() != BundleEvent.STARTING && event.getType() != BundleEvent.STOPPING
                    && manifest(event.getBundle()).isPresent()) {
                changed();
            }
        };
        context.addBundleListener(bundleListener);
        this.serviceListener = event -> changed();
        try {
            context.addServiceListener(serviceListener, "(|(objectClass=" + ConnectorManifest.CHANNEL_CONNECTOR
                    + ")(objectClass=" + ConnectorManifest.BRAIN_CONNECTOR + "))");
        } catch (org.osgi.framework.InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
        this.configListener = context.registerService(ConfigurationListener.class, event -> {
            if (event.getFactoryPid() != null) {
                changed();
            }
        }, null);
        Path folder = config.dropInFolder().isBlank() ? DataFolder.path().resolve("connectors")
                : Path.of(config.dropInFolder());
        this.dropIns = new DropInFolder(folder, Duration.ofMillis(Math.max(50, config.scanMillis())), this);
        dropIns.start();
    }

    @Deactivate
    void deactivate() {
        dropIns.stop();
        context.removeBundleListener(bundleListener);
        context.removeServiceListener(serviceListener);
        configListener.unregister();
    }

    // ---- reading

    @Override
    public List<ConnectorBundle> connectors() {
        return connectorBundles().stream().map(this::describe)
                .sorted(Comparator.comparing((ConnectorBundle c) -> !c.builtIn())
                        .thenComparing(c -> c.name().toLowerCase(java.util.Locale.ROOT)))
                .toList();
    }

    List<Bundle> connectorBundles() {
        List<Bundle> found = new ArrayList<>();
        for (Bundle bundle : context.getBundles()) {
            if (bundle.getState() != Bundle.UNINSTALLED && manifest(bundle).isPresent()) {
                found.add(bundle);
            }
        }
        return found;
    }

    private Optional<ConnectorManifest> manifest(Bundle bundle) {
        Seen seen = manifests.get(bundle.getBundleId());
        if (seen == null || seen.lastModified() != bundle.getLastModified()) {
            seen = new Seen(bundle.getLastModified(), ConnectorManifest.ofBundle(bundle));
            manifests.put(bundle.getBundleId(), seen);
        }
        return seen.manifest();
    }

    private ConnectorBundle describe(Bundle bundle) {
        ConnectorManifest manifest = manifest(bundle).orElseThrow();
        List<ConnectorType> types = manifest.components().stream()
                .map(c -> forms.type(bundle, c.configurationPid(), c.kind())).distinct().toList();
        String location = bundle.getLocation();
        return new ConnectorBundle(bundle.getBundleId(), manifest.symbolicName(), manifest.name(),
                bundle.getVersion().toString(), manifest.kind(), state(bundle), builtIn(bundle),
                location.startsWith(DROP_IN_PREFIX), types);
    }

    private static boolean builtIn(Bundle bundle) {
        String location = bundle.getLocation();
        return !location.startsWith(INSTALLED_PREFIX) && !location.startsWith(DROP_IN_PREFIX);
    }

    private static ConnectorState state(Bundle bundle) {
        return switch (bundle.getState()) {
            case Bundle.RESOLVED -> ConnectorState.RESOLVED;
            case Bundle.STARTING -> ConnectorState.STARTING;
            case Bundle.ACTIVE -> ConnectorState.ACTIVE;
            case Bundle.STOPPING -> ConnectorState.STOPPING;
            default -> ConnectorState.INSTALLED;
        };
    }

    @Override
    public ConfigForm form(String factoryPid) {
        return instances.form(factoryPid);
    }

    @Override
    public List<ConnectorInstance> instances() {
        return instances.all();
    }

    @Override
    public String dropInFolder() {
        return dropIns.folder().toString();
    }

    @Override
    public List<DropInProblem> dropInProblems() {
        return dropIns.problems();
    }

    // ---- changing, for admins

    @Override
    public ConnectorBundle install(String fileName, byte[] jar, long actingAgentId) {
        Agent admin = requireAdmin(actingAgentId);
        ConnectorBundle installed = describe(install(INSTALLED_PREFIX, fileName, jar));
        LOG.info("{} installed connector {} {} from {}", admin.email(), installed.symbolicName(), installed.version(),
                fileName);
        audited(admin.id(), installed(installed.symbolicName(), installed.name(), installed.version(), fileName));
        return installed;
    }

    @Override
    public ConnectorBundle update(long bundleId, String fileName, byte[] jar, long actingAgentId) {
        Agent admin = requireAdmin(actingAgentId);
        Bundle bundle = connector(bundleId);
        if (builtIn(bundle)) {
            throw new ConnectorException(bundle.getSymbolicName() + " is part of the product: it is updated with "
                    + "the product, not on its own");
        }
        if (bundle.getLocation().startsWith(DROP_IN_PREFIX)) {
            throw new ConnectorException(bundle.getSymbolicName() + " came from the drop-in folder: replace its file "
                    + "there to update it");
        }
        String before = bundle.getVersion().toString();
        ConnectorBundle updated = describe(update(bundle, fileName, jar));
        LOG.info("{} updated connector {} from {} to {}", admin.email(), updated.symbolicName(), before,
                updated.version());
        audited(admin.id(), updated(updated.symbolicName(), updated.name(), before, updated.version(), fileName));
        return updated;
    }

    @Override
    public ConnectorBundle start(long bundleId, long actingAgentId) {
        return change(bundleId, actingAgentId, "start", "started", Bundle::start);
    }

    @Override
    public ConnectorBundle stop(long bundleId, long actingAgentId) {
        return change(bundleId, actingAgentId, "stop", "stopped", Bundle::stop);
    }

    private interface LifeCycleStep {
        void apply(Bundle bundle) throws BundleException;
    }

    /** Starts or stops a connector bundle for an admin, one change at a time. */
    private ConnectorBundle change(long bundleId, long actingAgentId, String verb, String done, LifeCycleStep step) {
        Agent admin = requireAdmin(actingAgentId);
        Bundle bundle = connector(bundleId);
        String before = state(bundle).name().toLowerCase(java.util.Locale.ROOT);
        changing.lock();
        try {
            step.apply(bundle);
        } catch (BundleException e) {
            throw new ConnectorException(bundle.getSymbolicName() + " cannot " + verb + ": " + e.getMessage(), e);
        } finally {
            changing.unlock();
        }
        LOG.info("{} {} connector {}", admin.email(), done, bundle.getSymbolicName());
        ConnectorBundle described = describe(bundle);
        audited(admin.id(), new AuditChange("connector." + verb, BUNDLE_SUBJECT, described.symbolicName(),
                described.name(), before, described.state().name().toLowerCase(java.util.Locale.ROOT)));
        return described;
    }

    @Override
    public void uninstall(long bundleId, long actingAgentId) {
        Agent admin = requireAdmin(actingAgentId);
        Bundle bundle = connector(bundleId);
        if (builtIn(bundle)) {
            throw new ConnectorException(bundle.getSymbolicName() + " is part of the product: stop it instead");
        }
        if (bundle.getLocation().startsWith(DROP_IN_PREFIX)) {
            throw new ConnectorException(bundle.getSymbolicName() + " came from the drop-in folder: delete its file "
                    + "there to remove it");
        }
        String name = describe(bundle).name();
        uninstall(bundle);
        LOG.info("{} uninstalled connector {} {}", admin.email(), bundle.getSymbolicName(), bundle.getVersion());
        audited(admin.id(), uninstalled(bundle.getSymbolicName(), name, bundle.getVersion().toString()));
    }

    @Override
    public ConnectorInstance saveInstance(String factoryPid, String pid, Map<String, String> values,
            long actingAgentId) {
        Agent admin = requireAdmin(actingAgentId);
        requireLinksExist(values);
        Optional<ConnectorInstance> before = pid == null ? Optional.empty() : instances.find(pid);
        ConnectorInstance saved = instances.save(factoryPid, pid, values);
        LOG.info("{} {} connector instance {} ({})", admin.email(), pid == null ? "created" : "changed", saved.pid(),
                factoryPid);
        audited(admin.id(), new AuditChange(pid == null ? "connectorInstance.create" : "connectorInstance.update",
                INSTANCE_SUBJECT, saved.pid(), instances.typeName(factoryPid),
                before.map(b -> InstanceAuditText.before(b)).orElse(""), InstanceAuditText.after(before, saved,
                        values)));
        changed();
        return saved;
    }

    @Override
    public void deleteInstance(String pid, long actingAgentId) {
        Agent admin = requireAdmin(actingAgentId);
        Optional<ConnectorInstance> before = instances.find(pid);
        instances.delete(pid);
        LOG.info("{} deleted connector instance {}", admin.email(), pid);
        audited(admin.id(), new AuditChange("connectorInstance.delete", INSTANCE_SUBJECT, pid,
                before.map(b -> instances.typeName(b.factoryPid())).orElse(""),
                before.map(b -> InstanceAuditText.before(b)).orElse(""), ""));
        changed();
    }

    // ---- the work, also for the drop-in folder

    Bundle install(String locationPrefix, String fileName, byte[] jar) {
        checkSize(fileName, jar);
        ConnectorManifest manifest = ConnectorManifest.ofJar(fileName, jar);
        changing.lock();
        try {
            for (Bundle other : context.getBundles()) {
                if (manifest.symbolicName().equals(other.getSymbolicName())) {
                    throw new ConnectorException(other.getVersion().equals(manifest.version())
                            ? manifest.symbolicName() + " " + manifest.version() + " is installed already"
                            : manifest.symbolicName() + " is installed already in version " + other.getVersion()
                                    + ": update it instead");
                }
            }
            String location = locationPrefix + (locationPrefix.equals(DROP_IN_PREFIX) ? fileName
                    : manifest.symbolicName());
            Bundle bundle;
            try {
                bundle = context.installBundle(location, new ByteArrayInputStream(jar));
            } catch (BundleException e) {
                throw new ConnectorException(fileName + " cannot be installed: " + e.getMessage(), e);
            }
            try {
                bundle.start();
            } catch (BundleException | RuntimeException e) {
                discard(bundle);
                throw new ConnectorException(fileName + " cannot run here: " + reason(e), e);
            }
            archive(bundle, jar);
            return bundle;
        } finally {
            changing.unlock();
        }
    }

    Bundle update(Bundle bundle, String fileName, byte[] jar) {
        checkSize(fileName, jar);
        ConnectorManifest manifest = ConnectorManifest.ofJar(fileName, jar);
        if (!manifest.symbolicName().equals(bundle.getSymbolicName())) {
            throw new ConnectorException(fileName + " holds " + manifest.symbolicName() + ", not "
                    + bundle.getSymbolicName());
        }
        if (manifest.version().equals(bundle.getVersion())) {
            throw new ConnectorException(manifest.symbolicName() + " " + manifest.version()
                    + " is installed already");
        }
        changing.lock();
        try {
            Optional<byte[]> previous = archived(bundle);
            boolean wasActive = bundle.getState() == Bundle.ACTIVE || bundle.getState() == Bundle.STARTING;
            try {
                bundle.update(new ByteArrayInputStream(jar));
                refresh(bundle);
                if (wasActive) {
                    bundle.start();
                }
            } catch (BundleException | RuntimeException e) {
                String why = reason(e);
                if (previous.isPresent()) {
                    restore(bundle, previous.get(), wasActive);
                    throw new ConnectorException(fileName + " cannot run here: " + why + ". The version before, "
                            + ConnectorManifest.ofJar("the previous version", previous.get()).version()
                            + ", is back in place", e);
                }
                throw new ConnectorException(fileName + " cannot run here: " + why, e);
            }
            archive(bundle, jar);
            return bundle;
        } finally {
            changing.unlock();
        }
    }

    void uninstall(Bundle bundle) {
        changing.lock();
        try {
            discard(bundle);
        } finally {
            changing.unlock();
        }
    }

    private void discard(Bundle bundle) {
        try {
            bundle.uninstall();
        } catch (BundleException | IllegalStateException e) {
            throw new ConnectorException(bundle.getSymbolicName() + " cannot be removed: " + e.getMessage(), e);
        }
        manifests.remove(bundle.getBundleId());
        archiveFile(bundle).toFile().delete();
        refresh(bundle);
    }

    private void restore(Bundle bundle, byte[] previous, boolean start) {
        try {
            bundle.update(new ByteArrayInputStream(previous));
            refresh(bundle);
            if (start) {
                bundle.start();
            }
        } catch (BundleException | RuntimeException e) {
            LOG.error("Connector {} could not be put back to its previous version", bundle.getSymbolicName(), e);
        }
    }

    /** Lets the framework drop old revisions; waits for it, so the next operation sees the new wiring. */
    private void refresh(Bundle bundle) {
        CountDownLatch done = new CountDownLatch(1);
        wiring.refreshBundles(List.of(bundle), event -> {
            if (event.getType() == FrameworkEvent.PACKAGES_REFRESHED || event.getType() == FrameworkEvent.ERROR) {
                done.countDown();
            }
        });
        try {
            if (!done.await(30, TimeUnit.SECONDS)) {
                LOG.warn("Refreshing {} took longer than 30 s", bundle.getSymbolicName());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String reason(Exception e) {
        String message = e.getMessage() == null ? e.toString() : e.getMessage();
        return message.replaceAll("\\s+", " ").strip();
    }

    private static void checkSize(String fileName, byte[] jar) {
        if (jar.length == 0) {
            throw new ConnectorException(fileName + " is empty");
        }
        if (jar.length > MAX_JAR_BYTES) {
            throw new ConnectorException(fileName + " is larger than " + MAX_JAR_BYTES / (1024 * 1024) + " MB");
        }
    }

    // The framework keeps no copy of a bundle's jar we could read back, so an update could not be undone without one.
    private void archive(Bundle bundle, byte[] jar) {
        Path file = archiveFile(bundle);
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, jar);
        } catch (IOException e) {
            LOG.warn("The jar of connector {} could not be kept: a failed update of it cannot be undone",
                    bundle.getSymbolicName(), e);
        }
    }

    private Optional<byte[]> archived(Bundle bundle) {
        try {
            Path file = archiveFile(bundle);
            return Files.exists(file) ? Optional.of(Files.readAllBytes(file)) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private Path archiveFile(Bundle bundle) {
        return context.getDataFile("archive").toPath().resolve(bundle.getBundleId() + ".jar");
    }

    /** Whether the bundle runs exactly this jar (compared with the copy kept at install or update). */
    boolean runs(Bundle bundle, byte[] jar) {
        return archived(bundle).map(kept -> java.util.Arrays.equals(kept, jar)).orElse(false);
    }

    Optional<Bundle> bundleAt(String location) {
        return Optional.ofNullable(context.getBundle(location));
    }

    List<Bundle> bundlesWithPrefix(String prefix) {
        List<Bundle> found = new ArrayList<>();
        for (Bundle bundle : context.getBundles()) {
            if (bundle.getLocation().startsWith(prefix)) {
                found.add(bundle);
            }
        }
        return found;
    }

    private Bundle connector(long bundleId) {
        Bundle bundle = context.getBundle(bundleId);
        if (bundle == null || bundle.getState() == Bundle.UNINSTALLED || manifest(bundle).isEmpty()) {
            throw new NotFoundException("Connector bundle", bundleId);
        }
        return bundle;
    }

    /**
     * An instance serves a channel or a Brain that exists: one for a channel nobody created would run, and every
     * post to it would be answered 404.
     */
    private void requireLinksExist(Map<String, String> values) {
        link(values, ConnectorInstance.CHANNEL_LINK).ifPresent(id -> directory().channel(id).orElseThrow(
                () -> new ConnectorException("There is no channel " + id + ": create the channel first (or both at"
                        + " once with POST /api/v1/channels)")));
        link(values, ConnectorInstance.BRAIN_LINK).ifPresent(id -> directory().brain(id).orElseThrow(
                () -> new ConnectorException("There is no Brain " + id + ": create the Brain first (or both at once"
                        + " with POST /api/v1/brains)")));
    }

    private static Optional<Long> link(Map<String, String> values, String key) {
        String value = values.get(key);
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseLong(value.strip()));
        } catch (NumberFormatException e) {
            return Optional.empty(); // the form says what a valid value is
        }
    }

    private DirectoryService directory() {
        DirectoryService open = directory;
        if (open == null) {
            throw new StoreUnavailableException("The database is not open (yet); try again shortly");
        }
        return open;
    }

    static final String BUNDLE_SUBJECT = "connectorBundle";
    static final String INSTANCE_SUBJECT = "connectorInstance";

    static AuditChange installed(String symbolicName, String name, String version, String fileName) {
        return new AuditChange("connector.install", BUNDLE_SUBJECT, symbolicName, name, "",
                version + " from " + fileName);
    }

    static AuditChange updated(String symbolicName, String name, String before, String after, String fileName) {
        return new AuditChange("connector.update", BUNDLE_SUBJECT, symbolicName, name, before,
                after + " from " + fileName);
    }

    static AuditChange uninstalled(String symbolicName, String name, String version) {
        return new AuditChange("connector.uninstall", BUNDLE_SUBJECT, symbolicName, name, version, "");
    }

    /**
     * Records a change that is made already (0: by the system, the drop-in folder). A log that cannot be written
     * does not undo it: the failure is logged with what was done.
     */
    void audited(long agentId, AuditChange change) {
        AuditService log = audit;
        try {
            if (log == null) {
                throw new StoreUnavailableException("The audit log is not open");
            }
            log.record(agentId, change);
        } catch (RuntimeException e) {
            LOG.error("{} of {} ({}) is done but not in the audit log: {}", change.action(), change.subjectId(),
                    change.subjectName(), e.getMessage(), e);
        }
    }

    private Agent requireAdmin(long actingAgentId) {
        if (audit == null) {
            throw new StoreUnavailableException("The audit log is not open (yet); try again shortly");
        }
        Agent agent = directory().agent(actingAgentId)
                .orElseThrow(() -> new PermissionDeniedException("Unknown agent " + actingAgentId));
        if (!agent.isAdmin()) {
            throw new PermissionDeniedException("Only an admin can install or configure connectors; " + agent.name()
                    + " is an agent");
        }
        return agent;
    }

    void changed() {
        events.postEvent(new Event(CHANGED, Map.of()));
    }
}
