package org.humanchat.core.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.lang.reflect.Array;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.humanchat.api.connector.ConfigField;
import org.humanchat.api.connector.ConfigForm;
import org.humanchat.api.connector.FieldType;

/**
 * Tycho writes no Metatype XML, so each connector carries one written by hand next to its annotated configuration
 * interface. This compares the form generated from the XML with the interface the component really reads: the same
 * settings, of the same types, with the same defaults, required where the interface has no default, and typed blind
 * (Metatype type Password) exactly where the caller says the interface is: the interface's {@code AttributeType} is
 * not readable at runtime (the annotation is kept in the class file only), so the caller names its secrets.
 */
public final class MetatypeCheck {

    private MetatypeCheck() {
    }

    /**
     * @param secrets the settings the interface declares with {@code type = AttributeType.PASSWORD}
     */
    public static void assertFormMatches(ConfigForm form, Class<?> configuration, String... secrets) {
        Set<String> secret = Set.of(secrets);
        Map<String, String> expected = new TreeMap<>();
        for (Method method : configuration.getDeclaredMethods()) {
            String id = id(method.getName());
            Object fallback = method.getDefaultValue();
            if (secret.contains(id)) {
                // A secret the source gives away is none; and a form could never show it (it shows no secret).
                assertNull(fallback, "the secret " + id + " of " + configuration.getSimpleName() + " has a default");
            }
            expected.put(id, kind(method.getReturnType()) + (secret.contains(id) ? " (secret)" : "") + " default="
                    + text(fallback) + " required=" + (fallback == null));
        }
        Map<String, String> actual = new TreeMap<>();
        for (ConfigField field : form.fields()) {
            // A form shows no secret's default: the Metatype must give none, or the field stops being required.
            String type = field.secret() ? FieldType.TEXT + " (secret)" : field.type().name();
            actual.put(field.id(), type + " default=" + field.defaultValue() + " required=" + field.required());
        }
        for (String id : secrets) {
            if (!expected.containsKey(id)) {
                throw new AssertionError(configuration.getSimpleName() + " has no setting " + id);
            }
        }
        assertEquals(expected, actual,
                "the Metatype of " + form.type().factoryPid() + " and " + configuration.getSimpleName() + " differ");
    }

    /** The property name DS derives from an annotation element name (OSGi compendium 112.8.2.1). */
    static String id(String method) {
        return method.replace("$_$", "-").replace("$$", "\u0000").replace("$", "").replace("__", "\u0001")
                .replace('_', '.').replace('\u0001', '_').replace('\u0000', '$');
    }

    private static FieldType kind(Class<?> type) {
        Class<?> element = type.isArray() ? type.getComponentType() : type;
        if (element == int.class || element == short.class || element == byte.class) {
            return FieldType.INTEGER;
        }
        if (element == long.class) {
            return FieldType.LONG;
        }
        if (element == boolean.class) {
            return FieldType.BOOLEAN;
        }
        if (element == double.class || element == float.class) {
            return FieldType.DOUBLE;
        }
        return FieldType.TEXT;
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
            return String.join("\n", parts); // as a form shows a list: one value per line
        }
        return String.valueOf(value);
    }
}
