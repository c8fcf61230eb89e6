package org.humanchat.admin.internal;

import java.io.IOException;
import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Dictionary;
import java.util.HashSet;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import org.humanchat.api.connector.ConfigField;
import org.humanchat.api.connector.ConfigForm;
import org.humanchat.api.connector.ConnectorException;
import org.humanchat.api.connector.ConnectorInstance;
import org.humanchat.api.connector.ConnectorType;
import org.humanchat.api.service.NotFoundException;
import org.osgi.framework.Bundle;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.service.metatype.AttributeDefinition;

/**
 * Connector instances: ConfigAdmin factory configurations of the connectors' factory PIDs, written from generated
 * forms (checked against the Metatype first) and read back without their secrets, with what Declarative Services
 * made of them.
 */
final class ConnectorInstances {

    /** The link of an instance to the desk's channel or Brain, also kept when its connector is gone. */
    private static final Set<String> LINKS = Set.of(ConnectorInstance.CHANNEL_LINK, ConnectorInstance.BRAIN_LINK);
    private static final Pattern SECRET_NAME = Pattern.compile("(?i).*(secret|token|password|key).*");

    private final ConfigurationAdmin configAdmin;
    private final ServiceComponentRuntime runtime;
    private final ConnectorForms forms;
    private final Supplier<List<Bundle>> connectorBundles;
    private final Function<Bundle, Optional<ConnectorManifest>> manifests;

    /** @param manifests what a bundle says about itself as a connector (cached by the caller) */
    ConnectorInstances(ConfigurationAdmin configAdmin, ServiceComponentRuntime runtime, ConnectorForms forms,
            Supplier<List<Bundle>> connectorBundles, Function<Bundle, Optional<ConnectorManifest>> manifests) {
        this.configAdmin = configAdmin;
        this.runtime = runtime;
        this.forms = forms;
        this.connectorBundles = connectorBundles;
        this.manifests = manifests;
    }

    private record Provider(Bundle bundle, ConnectorManifest.Component component) {
    }

    private Optional<Provider> provider(String factoryPid) {
        for (Bundle bundle : connectorBundles.get()) {
            Optional<ConnectorManifest> manifest = manifests.apply(bundle);
            if (manifest.isPresent()) {
                for (ConnectorManifest.Component c : manifest.get().components()) {
                    if (c.configurationPid().equals(factoryPid)) {
                        return Optional.of(new Provider(bundle, c));
                    }
                }
            }
        }
        return Optional.empty();
    }

    ConfigForm form(String factoryPid) {
        Provider provider = provider(factoryPid)
                .orElseThrow(() -> new NotFoundException("Connector type", factoryPid));
        ConnectorType type = forms.type(provider.bundle(), factoryPid, provider.component().kind());
        return forms.form(provider.bundle(), type);
    }

    /** A connector instance, as listed by {@link #all()}: not any other configuration of the runtime. */
    private boolean isInstance(Configuration configuration) {
        Dictionary<String, Object> properties = configuration.getProperties();
        if (configuration.getFactoryPid() == null || properties == null) {
            return false;
        }
        return provider(configuration.getFactoryPid()).isPresent()
                || Collections.list(properties.keys()).stream().anyMatch(LINKS::contains);
    }

    List<ConnectorInstance> all() {
        List<ConnectorInstance> found = new ArrayList<>();
        for (Configuration configuration : configurations("(service.factoryPid=*)")) {
            Dictionary<String, Object> properties = configuration.getProperties();
            if (properties == null) {
                continue;
            }
            Optional<Provider> provider = provider(configuration.getFactoryPid());
            boolean linked = Collections.list(properties.keys()).stream().anyMatch(LINKS::contains);
            if (provider.isPresent() || linked) {
                found.add(describe(configuration, provider));
            }
        }
        found.sort((a, b) -> (a.factoryPid() + a.pid()).compareTo(b.factoryPid() + b.pid()));
        return found;
    }

    private ConnectorInstance describe(Configuration configuration, Optional<Provider> provider) {
        Map<String, String> values = new LinkedHashMap<>();
        Set<String> secretsSet = new HashSet<>();
        Dictionary<String, Object> properties = configuration.getProperties();
        for (String key : Collections.list(properties.keys())) {
            if (key.startsWith("service.") || key.startsWith("felix.") || key.startsWith("component.")) {
                continue;
            }
            boolean secret = provider.flatMap(p -> forms.attribute(p.bundle(), configuration.getFactoryPid(), key))
                    .map(ad -> ad.getType() == AttributeDefinition.PASSWORD)
                    .orElseGet(() -> SECRET_NAME.matcher(key).matches());
            String text = text(properties.get(key));
            if (secret) {
                if (!text.isEmpty()) {
                    secretsSet.add(key);
                }
            } else {
                values.put(key, text);
            }
        }
        Status status = status(configuration, provider);
        return new ConnectorInstance(configuration.getPid(), configuration.getFactoryPid(), values, secretsSet,
                status.running(), status.text());
    }

    private record Status(boolean running, String text) {
    }

    private Status status(Configuration configuration, Optional<Provider> provider) {
        if (provider.isEmpty()) {
            return new Status(false, "Connector not installed: messages for it wait until it is back");
        }
        Bundle bundle = provider.get().bundle();
        if (bundle.getState() != Bundle.ACTIVE && bundle.getState() != Bundle.STARTING) {
            return new Status(false, "Connector stopped: messages for it wait until it runs");
        }
        for (ComponentDescriptionDTO description : runtime.getComponentDescriptionDTOs(bundle)) {
            if (!List.of(description.configurationPid).contains(configuration.getFactoryPid())) {
                continue;
            }
            if (!runtime.isComponentEnabled(description)) {
                return new Status(false, "Disabled");
            }
            for (ComponentConfigurationDTO instance : runtime.getComponentConfigurationDTOs(description)) {
                if (configuration.getPid().equals(instance.properties.get("service.pid"))) {
                    return switch (instance.state) {
                        case ComponentConfigurationDTO.ACTIVE, ComponentConfigurationDTO.SATISFIED ->
                            new Status(true, "Running");
                        case ComponentConfigurationDTO.UNSATISFIED_REFERENCE -> new Status(false,
                                "Waiting for " + String.join(", ", java.util.Arrays.stream(
                                        instance.unsatisfiedReferences).map(r -> r.name).toList()));
                        case ComponentConfigurationDTO.FAILED_ACTIVATION -> new Status(false,
                                "Not started: " + firstLine(instance.failure));
                        default -> new Status(false, "Waiting for its configuration");
                    };
                }
            }
        }
        return new Status(false, "Starting");
    }

    private static String firstLine(String failure) {
        if (failure == null || failure.isBlank()) {
            return "the connector refused its configuration";
        }
        String line = failure.strip().lines().findFirst().orElse("");
        // "java.lang.IllegalArgumentException: the secret is missing" reads better without the class.
        return line.replaceFirst("^[\\w.$]+(Exception|Error):\\s*", "");
    }

    /** The instance with this pid, as {@link #all()} describes it. */
    Optional<ConnectorInstance> find(String pid) {
        Configuration configuration = existing(pid);
        if (configuration == null || !isInstance(configuration)) {
            return Optional.empty();
        }
        return Optional.of(describe(configuration, provider(configuration.getFactoryPid())));
    }

    /** The name of the connector type, or its factory PID when its connector is not installed. */
    String typeName(String factoryPid) {
        return provider(factoryPid).map(p -> forms.type(p.bundle(), factoryPid, p.component().kind()).name())
                .orElse(factoryPid);
    }

    ConnectorInstance save(String factoryPid, String pid, Map<String, String> values) {
        Provider provider = provider(factoryPid)
                .orElseThrow(() -> new NotFoundException("Connector type", factoryPid));
        ConfigForm form = forms.form(provider.bundle(),
                forms.type(provider.bundle(), factoryPid, provider.component().kind()));
        Configuration configuration = pid == null ? null : existing(pid);
        if (pid != null && configuration == null) {
            throw new NotFoundException("Connector instance", pid);
        }
        if (configuration != null && !factoryPid.equals(configuration.getFactoryPid())) {
            throw new ConnectorException("Instance " + pid + " is not a " + form.type().name());
        }
        Dictionary<String, Object> current = configuration == null || configuration.getProperties() == null
                ? new Hashtable<>() : configuration.getProperties();
        Hashtable<String, Object> next = new Hashtable<>();
        for (String key : Collections.list(current.keys())) {
            if (!key.startsWith("service.")) {
                next.put(key, current.get(key));
            }
        }
        if (form.fields().isEmpty()) {
            values.forEach((key, value) -> next.put(key, value.strip()));
        } else {
            for (String key : values.keySet()) {
                if (form.field(key).isEmpty()) {
                    throw new ConnectorException(form.type().name() + " has no setting " + key);
                }
            }
            for (ConfigField field : form.fields()) {
                if (configuration != null && !values.containsKey(field.id())) {
                    continue; // not part of this change: it keeps its value
                }
                String raw = Optional.ofNullable(values.get(field.id())).map(String::strip).orElse("");
                if (raw.isEmpty() && field.secret() && current.get(field.id()) != null) {
                    continue;
                }
                if (raw.isEmpty()) {
                    raw = field.defaultValue();
                }
                if (raw.isEmpty()) {
                    if (field.required()) {
                        throw new ConnectorException(field.name() + " is required");
                    }
                    next.remove(field.id());
                    continue;
                }
                AttributeDefinition ad = forms.attribute(provider.bundle(), factoryPid, field.id()).orElseThrow();
                List<String> entries = field.multiple() ? raw.lines().map(String::strip).filter(v -> !v.isEmpty())
                        .toList() : List.of(raw);
                List<Object> typedEntries = new ArrayList<>();
                for (String entry : entries) {
                    String problem = ad.validate(entry);
                    if (problem != null && !problem.isEmpty()) {
                        throw new ConnectorException(field.name() + ": " + problem);
                    }
                    try {
                        typedEntries.add(typed(field, entry));
                    } catch (NumberFormatException e) {
                        throw new ConnectorException(field.name() + ": " + entry + " is not a number");
                    }
                }
                // A list is stored as an array of its type, as Declarative Services reads it back.
                next.put(field.id(), field.multiple() ? array(typedEntries) : typedEntries.get(0));
            }
        }
        try {
            if (configuration == null) {
                configuration = configAdmin.createFactoryConfiguration(factoryPid, "?");
            }
            configuration.update(next);
        } catch (IOException e) {
            throw new ConnectorException("The configuration could not be saved: " + e.getMessage(), e);
        }
        return describe(configuration, Optional.of(provider));
    }

    void delete(String pid) {
        Configuration configuration = existing(pid);
        if (configuration == null || !isInstance(configuration)) {
            throw new NotFoundException("Connector instance", pid);
        }
        try {
            configuration.delete();
        } catch (IOException e) {
            throw new ConnectorException("Instance " + pid + " could not be deleted: " + e.getMessage(), e);
        }
    }

    private Configuration existing(String pid) {
        if (!pid.matches("[\\w.~\\-]+")) {
            throw new NotFoundException("Connector instance", pid);
        }
        Configuration[] found = configurations("(service.pid=" + pid + ")");
        return found.length == 0 ? null : found[0];
    }

    private Configuration[] configurations(String filter) {
        try {
            Configuration[] found = configAdmin.listConfigurations(filter);
            return found == null ? new Configuration[0] : found;
        } catch (IOException | InvalidSyntaxException e) {
            throw new ConnectorException("The configurations cannot be read: " + e.getMessage(), e);
        }
    }

    private static Object array(List<Object> values) {
        Class<?> type = values.isEmpty() ? String.class : values.get(0).getClass();
        Object array = Array.newInstance(type, values.size());
        for (int i = 0; i < values.size(); i++) {
            Array.set(array, i, values.get(i));
        }
        return array;
    }

    private static Object typed(ConfigField field, String raw) {
        return switch (field.type()) {
            case INTEGER -> Integer.valueOf(raw);
            case LONG -> Long.valueOf(raw);
            case DOUBLE -> Double.valueOf(raw);
            case BOOLEAN -> Boolean.valueOf(raw.toLowerCase(Locale.ROOT));
            case TEXT, SECRET -> raw;
        };
    }

    private static String text(Object value) {
        if (value == null) {
            return "";
        }
        if (value.getClass().isArray()) {
            List<String> parts = new ArrayList<>();
            for (int i = 0; i < Array.getLength(value); i++) {
                parts.add(String.valueOf(Array.get(value, i)));
            }
            return String.join("\n", parts);
        }
        return String.valueOf(value);
    }
}
