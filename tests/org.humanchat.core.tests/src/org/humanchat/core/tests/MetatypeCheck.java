package org.humanchat.core.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Array;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.humanchat.api.connector.ConfigField;
import org.humanchat.api.connector.ConfigForm;
import org.humanchat.api.connector.FieldType;

/**
 * Tycho writes no Metatype XML, so each connector carries one written by hand next to its annotated configuration
 * interface. This compares the form generated from the XML with the interface the component really reads: the same
 * settings, of the same types, with the same defaults.
 */
public final class MetatypeCheck {

    private MetatypeCheck() {
    }

    public static void assertFormMatches(ConfigForm form, Class<?> configuration) {
        Map<String, String> expected = new LinkedHashMap<>();
        for (Method method : configuration.getDeclaredMethods()) {
            Object fallback = method.getDefaultValue();
            expected.put(id(method.getName()), kind(method.getReturnType()) + " default=" + text(fallback));
        }
        Map<String, String> actual = new LinkedHashMap<>();
        for (ConfigField field : form.fields()) {
            FieldType type = field.type() == FieldType.SECRET ? FieldType.TEXT : field.type();
            // A secret's default is never shown; everything else must agree.
            String fallback = field.secret() ? expected.getOrDefault(field.id(), "").replaceFirst(".* default=", "")
                    : field.defaultValue();
            actual.put(field.id(), type + " default=" + fallback);
        }
        assertEquals(new java.util.TreeMap<>(expected), new java.util.TreeMap<>(actual),
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
