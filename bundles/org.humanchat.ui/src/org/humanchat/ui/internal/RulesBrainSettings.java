package org.humanchat.ui.internal;

import java.io.IOException;
import java.util.Arrays;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Optional;

import org.humanchat.api.connector.ConnectorInstance;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * The settings of a rules Brain instance, kept where the Brain reads them: a ConfigAdmin factory configuration of
 * {@code org.humanchat.brain.rules} whose {@code humanchat.brain.id} names the Brain. Saving one (re)starts the
 * Brain with them at once.
 */
final class RulesBrainSettings {

    static final String FACTORY_PID = "org.humanchat.brain.rules";

    /** What the desk edits; empty fields take the Brain's defaults. */
    record Values(String greeting, List<String> faq, List<String> handoverPhrases, int handoverAfter) {
    }

    private final ConfigurationAdmin configAdmin;

    RulesBrainSettings(ConfigurationAdmin configAdmin) {
        this.configAdmin = configAdmin;
    }

    Optional<Values> read(long brainId) {
        return find(brainId).map(c -> {
            Dictionary<String, Object> p = c.getProperties();
            return new Values(string(p.get("greeting")), strings(p.get("faq")), strings(p.get("handoverPhrases")),
                    p.get("handoverAfter") instanceof Number n ? n.intValue() : 2);
        });
    }

    void save(long brainId, Values values) {
        for (String line : values.faq()) {
            if (!line.contains("=>")) {
                throw new IllegalArgumentException("Each FAQ line needs keywords, \"=>\" and an answer: " + line);
            }
        }
        try {
            Configuration configuration = find(brainId).orElse(null);
            if (configuration == null) {
                configuration = configAdmin.createFactoryConfiguration(FACTORY_PID, "?");
            }
            Dictionary<String, Object> properties = new Hashtable<>();
            properties.put(ConnectorInstance.BRAIN_LINK, brainId);
            properties.put("greeting", values.greeting());
            properties.put("faq", values.faq().toArray(String[]::new));
            if (!values.handoverPhrases().isEmpty()) {
                properties.put("handoverPhrases", values.handoverPhrases().toArray(String[]::new));
            }
            properties.put("handoverAfter", Math.max(1, values.handoverAfter()));
            configuration.update(properties);
        } catch (IOException e) {
            throw new IllegalStateException("The Brain's settings could not be stored: " + e.getMessage(), e);
        }
    }

    private Optional<Configuration> find(long brainId) {
        try {
            Configuration[] found = configAdmin.listConfigurations(
                    "(&(service.factoryPid=" + FACTORY_PID + ")(" + ConnectorInstance.BRAIN_LINK + "=" + brainId + "))");
            return found == null || found.length == 0 ? Optional.empty() : Optional.of(found[0]);
        } catch (IOException | InvalidSyntaxException e) {
            throw new IllegalStateException("The Brain's settings could not be read: " + e.getMessage(), e);
        }
    }

    private static String string(Object value) {
        return value == null ? "" : value.toString();
    }

    private static List<String> strings(Object value) {
        if (value instanceof String[] array) {
            return Arrays.asList(array);
        }
        if (value instanceof java.util.Collection<?> collection) {
            return collection.stream().map(Object::toString).toList();
        }
        return value == null ? List.of() : List.of(value.toString());
    }
}
