package org.humanchat.channel.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Executable;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;

/**
 * docs/configuration-reference.md names every configuration the running product reads: each configuration PID of
 * the built-in components (as SCR describes them) and each key of its configuration type (the annotation its
 * activation takes, keys named by the Declarative Services rules). A setting added in the code and not in the
 * reference fails here, with everything missing at once.
 */
class ConfigurationReferenceTest {

    @Test
    void everyPidAndKeyOfTheProductIsInTheReference() throws Exception {
        Path reference = Path.of(System.getProperty("user.dir")).resolve("../../docs/configuration-reference.md")
                .normalize();
        assertTrue(Files.isReadable(reference), "The reference is not at " + reference);
        String text = Files.readString(reference);
        RunningProduct product = new RunningProduct();
        ServiceComponentRuntime scr = product.service(ServiceComponentRuntime.class);
        List<Bundle> ours = Arrays.stream(product.context.getBundles()).filter(b -> b.getSymbolicName() != null
                && b.getSymbolicName().startsWith("org.humanchat.")
                && !b.getSymbolicName().startsWith("org.humanchat.example")
                && !b.getSymbolicName().endsWith(".tests")).toList();

        List<String> missing = new ArrayList<>();
        Set<String> pids = new TreeSet<>();
        for (ComponentDescriptionDTO component : scr.getComponentDescriptionDTOs(ours.toArray(Bundle[]::new))) {
            Set<Class<?>> types = configurationTypes(product.context.getBundle(component.bundle.id)
                    .loadClass(component.implementationClass));
            if (types.isEmpty()) {
                continue; // configured by nothing but its PID's existence, or not at all
            }
            for (String pid : component.configurationPid) {
                pids.add(pid);
                int start = text.indexOf("## `" + pid + "`");
                if (start < 0) {
                    missing.add("PID " + pid);
                    continue;
                }
                int end = text.indexOf("\n## ", start + 1);
                String section = end < 0 ? text.substring(start) : text.substring(start, end);
                for (Class<?> type : types) {
                    for (Method key : type.getDeclaredMethods()) {
                        if (!section.contains("| `" + keyOf(key.getName()) + "` |")) {
                            missing.add(pid + ": key " + keyOf(key.getName()));
                        }
                    }
                }
            }
        }
        assertTrue(pids.size() >= 14, "the product's configurations were found: " + pids);
        assertEquals(List.of(), missing, "missing from docs/configuration-reference.md (python3 releng/"
                + "configuration-reference.py writes it again from the code)");
    }

    /** The annotation types a component's constructors and methods take: its configuration types. */
    private static Set<Class<?>> configurationTypes(Class<?> implementation) {
        Set<Class<?>> types = new java.util.HashSet<>();
        Stream.concat(Arrays.stream(implementation.getDeclaredConstructors()),
                Arrays.stream(implementation.getDeclaredMethods())).map(Executable::getParameterTypes)
                .flatMap(Arrays::stream).filter(Class::isAnnotation).forEach(types::add);
        return types;
    }

    /** A configuration type's method name as the configuration key it reads (Declarative Services 1.4, 112.8.2.2). */
    static String keyOf(String method) {
        StringBuilder key = new StringBuilder();
        for (int i = 0; i < method.length(); i++) {
            char c = method.charAt(i);
            if (method.startsWith("$_$", i)) {
                key.append('-');
                i += 2;
            } else if (method.startsWith("$$", i)) {
                key.append('$');
                i++;
            } else if (c == '$') {
                continue;
            } else if (method.startsWith("__", i)) {
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
}
