package org.humanchat.api.connector;

import java.util.List;
import java.util.Map;

import org.humanchat.api.service.NotFoundException;
import org.humanchat.api.service.PermissionDeniedException;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Channel and Brain connectors of the running desk or server, for admins: install, update, stop, start and remove
 * connector bundles without a restart, and configure their instances. Every change needs an admin
 * ({@code actingAgentId} is checked; otherwise {@link PermissionDeniedException}); reading is open to all agents,
 * and never shows a secret.
 * <p>
 * A refused operation throws {@link ConnectorException} and changes nothing. Changes are announced on
 * {@link #CHANGED}.
 */
@ProviderType
public interface ConnectorAdmin {

    /** EventAdmin topic: a connector bundle or instance was installed, changed state, updated or removed. */
    String CHANGED = "org/humanchat/connector/CHANGED";

    /** The largest connector jar accepted. */
    long MAX_JAR_BYTES = 64L * 1024 * 1024;

    /** Installed connector bundles, built-in ones first, each by name. */
    List<ConnectorBundle> connectors();

    /**
     * Installs and starts a connector bundle.
     *
     * @param fileName the name the admin knows the file by, for messages
     * @throws ConnectorException when the jar is corrupt, not an OSGi bundle, has no channel or Brain connector,
     *                            cannot resolve, or is installed already
     */
    ConnectorBundle install(String fileName, byte[] jar, long actingAgentId);

    /** Replaces an installed connector bundle by another version of it; its instances keep their configuration. */
    ConnectorBundle update(long bundleId, String fileName, byte[] jar, long actingAgentId);

    ConnectorBundle start(long bundleId, long actingAgentId);

    /** Stops the bundle: its instances stop; messages for them wait until it runs again. */
    ConnectorBundle stop(long bundleId, long actingAgentId);

    /**
     * Removes the bundle. Its configured instances are kept, so that conversations stay readable and their outbound
     * messages wait as "connector missing" until a connector for them is installed again.
     */
    void uninstall(long bundleId, long actingAgentId);

    /** The configuration form of a connector type. @throws NotFoundException for an unknown factory PID */
    ConfigForm form(String factoryPid);

    /** Every configured connector instance, with its status. */
    List<ConnectorInstance> instances();

    /**
     * Creates ({@code pid} null) or changes a connector instance. Values are text as typed; an empty field takes its
     * default, an empty secret of an existing instance keeps the secret it has, and a field of an existing instance
     * not named in {@code values} keeps its value.
     *
     * @throws ConnectorException naming the first field whose value does not fit (required, type, range, options)
     */
    ConnectorInstance saveInstance(String factoryPid, String pid, Map<String, String> values, long actingAgentId);

    void deleteInstance(String pid, long actingAgentId);

    /** The watched folder: a jar copied in is installed, replaced is updated, deleted is removed. */
    String dropInFolder();

    /** Drop-in files that failed, latest first; a file's problem goes away when it is fixed or removed. */
    List<DropInProblem> dropInProblems();
}
