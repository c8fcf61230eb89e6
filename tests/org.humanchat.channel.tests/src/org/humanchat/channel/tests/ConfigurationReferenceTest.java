package org.humanchat.channel.tests;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.lang.reflect.Array;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.service.metatype.AttributeDefinition;
import org.osgi.service.metatype.MetaTypeInformation;
import org.osgi.service.metatype.MetaTypeService;
import org.osgi.service.metatype.ObjectClassDefinition;

/**
 * docs/configuration-reference.md against the running product. What the product reads comes from two sources: the
 * Metatype of the built-in bundles (PIDs and factory PIDs, their attribute ids, which are passwords), and the
 * configuration types the built-in components take (each key named by the Declarative Services rules, with its
 * default or none). Each PID needs its section, each key its row there, with the same default, "yes" under Required
 * exactly when there is no default, and "yes" under Secret exactly for a Metatype password; and each PID and key the
 * reference documents must still be read. Connectors installed at runtime (the example SMS connector) are not the
 * reference's. Every disagreement is listed at once.
 */
class ConfigurationReferenceTest {

    private static final String REFERENCE = "docs/configuration-reference.md";
    /** A PID's section: {@code ## `org.humanchat.endpoint`: ...}; other sections hold no keys. */
    private static final Pattern PID_HEADING = Pattern.compile("^## `(org\\.humanchat\\.[^`]+)`");
    /** A cell separator: a pipe that is not escaped. */
    private static final Pattern CELL = Pattern.compile("(?<!\\\\)\\|");
    /** The columns of a key's row. */
    private static final int KEY = 0;
    private static final int DEFAULT = 2;
    private static final int REQUIRED = 3;
    private static final int SECRET = 4;
    private static final int COLUMNS = 6;

    /**
     * One key as one source describes it; what the source cannot tell is null: a Metatype knows no Java default here,
     * an annotation's attribute type (its password mark) is not kept in the class file.
     *
     * @param key      null when the source names the PID only
     * @param required whether it has no default
     * @param defaults its default, each value of a list apart (empty values left out)
     */
    record Setting(String pid, String key, String source, Boolean required, List<String> defaults, Boolean secret) {
    }

    @Test
    void theReferenceDocumentsEveryPidAndKeyOfTheProductAsItReadsThem() throws Exception {
        Path reference = reference();
        RunningProduct product = new RunningProduct();
        List<Bundle> builtIn = Arrays.stream(product.context.getBundles())
                .filter(ConfigurationReferenceTest::isBuiltIn).toList();
        List<Setting> settings = new ArrayList<>(fromMetatype(product.service(MetaTypeService.class), builtIn));
        settings.addAll(fromComponents(product.service(ServiceComponentRuntime.class), product.context, builtIn));

        List<String> problems = disagreements(Files.readString(reference), settings);
        assertTrue(problems.isEmpty(), () -> problems.size() + " disagreement(s) between " + reference
                + " and the running product:\n  " + String.join("\n  ", problems));
    }

    /** The reference, from the test module's working directory (tests/org.humanchat.channel.tests). */
    private static Path reference() {
        List<Path> tried = new ArrayList<>();
        tried.add(Path.of(System.getProperty("user.dir"), "..", "..", REFERENCE).normalize());
        String examples = System.getProperty("humanchat.examples"); // <repository>/examples, set by tests/pom.xml
        if (examples != null && !examples.isBlank()) {
            tried.add(Path.of(examples, "..", REFERENCE).normalize());
        }
        for (Path candidate : tried) {
            if (Files.isReadable(candidate)) {
                return candidate;
            }
        }
        return fail("The configuration reference " + REFERENCE + " was not found; looked at " + tried + " (user.dir is "
                + System.getProperty("user.dir") + ")");
    }

    /**
     * Shipped with the product: not a test bundle, not the example connectors, not installed at runtime; and not a
     * fragment (its Metatype and components are its host's).
     */
    private static boolean isBuiltIn(Bundle bundle) {
        String name = bundle.getSymbolicName();
        return name != null && !name.endsWith(".tests") && !name.startsWith("org.humanchat.example")
                && !bundle.getLocation().startsWith("humanchat:") // admin API and drop-in installs
                && bundle.getHeaders("").get(Constants.FRAGMENT_HOST) == null;
    }

    private static boolean isOurs(String pid) {
        return pid.startsWith("org.humanchat.") && !pid.startsWith("org.humanchat.example");
    }

    /** The PIDs and factory PIDs of the bundles' Metatype, with their attribute ids and password marks. */
    static List<Setting> fromMetatype(MetaTypeService metatype, List<Bundle> bundles) {
        List<Setting> settings = new ArrayList<>();
        for (Bundle bundle : bundles) {
            MetaTypeInformation information = metatype.getMetaTypeInformation(bundle);
            if (information == null) {
                continue;
            }
            String source = "Metatype of " + bundle.getSymbolicName();
            List<String> pids = Stream.concat(stream(information.getPids()), stream(information.getFactoryPids()))
                    .filter(ConfigurationReferenceTest::isOurs).toList();
            for (String pid : pids) {
                settings.add(new Setting(pid, null, source, null, null, null));
                ObjectClassDefinition definition = information.getObjectClassDefinition(pid, null);
                AttributeDefinition[] attributes = definition == null ? null
                        : definition.getAttributeDefinitions(ObjectClassDefinition.ALL);
                for (AttributeDefinition attribute : attributes == null ? new AttributeDefinition[0] : attributes) {
                    settings.add(new Setting(pid, attribute.getID(), source, null, null,
                            attribute.getType() == AttributeDefinition.PASSWORD));
                }
            }
        }
        return settings;
    }

    private static Stream<String> stream(String[] values) {
        return values == null ? Stream.empty() : Arrays.stream(values);
    }

    /**
     * The configuration PIDs of the bundles' components, with the keys of the configuration types they take (their
     * defaults from the annotation). A component that takes none is counted only when its PID was given explicitly:
     * every component has a PID, its own name by default, and most read nothing there.
     */
    static List<Setting> fromComponents(ServiceComponentRuntime scr, BundleContext context, List<Bundle> bundles)
            throws ClassNotFoundException {
        List<Setting> settings = new ArrayList<>();
        for (ComponentDescriptionDTO component : scr.getComponentDescriptionDTOs(bundles.toArray(Bundle[]::new))) {
            List<String> pids = Arrays.stream(component.configurationPid).filter(ConfigurationReferenceTest::isOurs)
                    .toList();
            if (pids.isEmpty() || "ignore".equals(component.configurationPolicy)) {
                continue;
            }
            Bundle bundle = context.getBundle(component.bundle.id);
            Set<Class<?>> types = configurationTypes(bundle.loadClass(component.implementationClass));
            String source = "component " + component.name;
            for (String pid : pids) {
                if (types.isEmpty() && pid.equals(component.name)) {
                    continue;
                }
                settings.add(new Setting(pid, null, source, null, null, null));
                for (Class<?> type : types) {
                    for (Method element : type.getDeclaredMethods()) {
                        Object fallback = element.getDefaultValue();
                        settings.add(new Setting(pid, keyOf(type, element), source, fallback == null,
                                values(fallback), null));
                    }
                }
            }
        }
        return settings;
    }

    /** The annotation types a component's constructors and methods take: its configuration (property) types. */
    private static Set<Class<?>> configurationTypes(Class<?> implementation) {
        Set<Class<?>> types = new LinkedHashSet<>();
        Stream.concat(Arrays.stream(implementation.getDeclaredConstructors()),
                Arrays.stream(implementation.getDeclaredMethods())).map(Executable::getParameterTypes)
                .flatMap(Arrays::stream).filter(Class::isAnnotation).forEach(types::add);
        return types;
    }

    private static List<String> values(Object fallback) {
        List<String> values = new ArrayList<>();
        if (fallback != null && fallback.getClass().isArray()) {
            for (int i = 0; i < Array.getLength(fallback); i++) {
                values.add(String.valueOf(Array.get(fallback, i)));
            }
        } else if (fallback != null) {
            values.add(String.valueOf(fallback));
        }
        values.removeIf(String::isEmpty);
        return values;
    }

    /**
     * The key a configuration type's element reads (Declarative Services 1.4, 112.8.2): the type's {@code PREFIX_}
     * constant, if any, then the element's name mapped, or for the {@code value} of a single-element type, the type's
     * simple name ({@code ServiceRanking} reads {@code service.ranking}).
     */
    static String keyOf(Class<?> type, Method element) {
        String prefix = "";
        try {
            Field field = type.getField("PREFIX_");
            if (field.getType() == String.class && Modifier.isStatic(field.getModifiers())) {
                prefix = (String) field.get(null);
            }
        } catch (NoSuchFieldException | IllegalAccessException none) {
            // no prefix
        }
        if (element.getName().equals("value") && type.getDeclaredMethods().length == 1) {
            String name = type.getSimpleName().replaceAll("(\\p{Lower})(\\p{Upper})", "$1.$2");
            return prefix + name.toLowerCase(Locale.ROOT);
        }
        return prefix + keyOf(element.getName());
    }

    /** An element's name as a key: {@code $_$} is '-', {@code $$} '$', a lone '$' nothing, {@code __} '_', '_' '.'. */
    static String keyOf(String element) {
        StringBuilder key = new StringBuilder();
        for (int i = 0; i < element.length(); i++) {
            char c = element.charAt(i);
            if (element.startsWith("$_$", i)) {
                key.append('-');
                i += 2;
            } else if (element.startsWith("$$", i)) {
                key.append('$');
                i++;
            } else if (c == '$') {
                continue;
            } else if (element.startsWith("__", i)) {
                key.append('_');
                i++;
            } else if (c == '_') {
                key.append('.');
            } else {
                key.append(c);
            }
        }
        return key.toString();
    }

    /** What the reference gets wrong about these settings, and what it documents that none of them reads. */
    static List<String> disagreements(String reference, Collection<Setting> settings) {
        Map<String, Map<String, List<String>>> documented = sections(reference);
        Set<String> problems = new LinkedHashSet<>();
        Map<String, Set<String>> read = new TreeMap<>();
        for (Setting setting : settings) {
            Set<String> keys = read.computeIfAbsent(setting.pid(), pid -> new LinkedHashSet<>());
            Map<String, List<String>> rows = documented.get(setting.pid());
            if (rows == null) {
                problems.add(setting.pid() + ": no section \"## `" + setting.pid() + "`\" (read by " + setting.source()
                        + ")");
                continue;
            }
            if (setting.key() == null) {
                continue;
            }
            keys.add(setting.key());
            String where = setting.pid() + " " + setting.key() + ": ";
            List<String> row = rows.get(setting.key());
            if (row == null) {
                problems.add(where + "no row for the key (read by " + setting.source() + ")");
                continue;
            }
            if (row.size() != COLUMNS) {
                problems.add(where + "the row has " + row.size() + " columns, not " + COLUMNS
                        + " (Key, Type, Default, Required, Secret, Meaning)");
                continue;
            }
            if (setting.required() != null && !row.get(REQUIRED).startsWith(setting.required() ? "yes" : "no")) {
                problems.add(where + "Required is \"" + row.get(REQUIRED) + "\", but " + setting.source()
                        + (setting.required() ? " gives no default" : " has a default"));
            }
            for (String value : setting.defaults() == null ? List.<String>of() : setting.defaults()) {
                if (!row.get(DEFAULT).contains("`" + value + "`")) {
                    problems.add(where + "the default `" + value + "` of " + setting.source() + " is not in \""
                            + row.get(DEFAULT) + "\"");
                }
            }
            if (setting.secret() != null && !row.get(SECRET).startsWith(setting.secret() ? "yes" : "no")) {
                problems.add(where + "Secret is \"" + row.get(SECRET) + "\", but the " + setting.source()
                        + (setting.secret() ? " types it as a password" : " does not type it as a password"));
            }
        }
        documented.forEach((pid, rows) -> {
            if (!read.containsKey(pid)) {
                problems.add(pid + ": documented, but no built-in component or Metatype reads it");
                return;
            }
            for (String key : rows.keySet()) {
                if (!read.get(pid).contains(key)) {
                    problems.add(pid + " " + key + ": documented, but no built-in component or Metatype reads it");
                }
            }
        });
        return new ArrayList<>(problems);
    }

    /** The reference's PID sections: for each PID, its table's rows by key, each as its cells (pipes unescaped). */
    static Map<String, Map<String, List<String>>> sections(String reference) {
        Map<String, Map<String, List<String>>> sections = new LinkedHashMap<>();
        Map<String, List<String>> rows = null;
        for (String line : reference.lines().toList()) {
            if (line.startsWith("#")) {
                Matcher heading = PID_HEADING.matcher(line);
                rows = heading.find() ? sections.computeIfAbsent(heading.group(1), pid -> new LinkedHashMap<>())
                        : line.startsWith("## ") || line.startsWith("# ") ? null : rows;
            } else if (rows != null && line.startsWith("| `")) {
                String inner = line.strip().replaceFirst("^\\|", "").replaceFirst("(?<!\\\\)\\|$", "");
                List<String> cells = Arrays.stream(CELL.split(inner, -1)).map(c -> c.strip().replace("\\|", "|"))
                        .toList();
                rows.put(cells.get(KEY).replace("`", ""), cells);
            }
        }
        return sections;
    }
}
