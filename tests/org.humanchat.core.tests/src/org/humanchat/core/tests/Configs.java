package org.humanchat.core.tests;

import java.lang.reflect.Proxy;
import java.util.Map;

/** Builds a component configuration (a Metatype annotation) from a map, as SCR would from ConfigAdmin. */
public final class Configs {

    private Configs() {
    }

    public static <A> A of(Class<A> type, Map<String, Object> values) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] { type }, (proxy, method, args) -> {
            String key = method.getName().replace('_', '.');
            if (values.containsKey(key)) {
                return values.get(key);
            }
            if (method.getDefaultValue() != null) {
                return method.getDefaultValue();
            }
            if (method.getName().equals("annotationType")) {
                return type;
            }
            throw new IllegalArgumentException("No value for " + key + " in the test configuration");
        }));
    }
}
