package org.humanchat.admin.internal;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;
import java.util.TreeMap;
import java.util.TreeSet;

import org.humanchat.api.connector.ConnectorInstance;

/**
 * A connector instance's settings as the audit log keeps them: the plain values, and of each secret only whether it
 * is set and whether this change set it. {@link ConnectorInstance} carries no secret value, and this class reads
 * the values typed only to learn whether a secret field was typed at all, so no secret reaches the log.
 */
final class InstanceAuditText {

    private InstanceAuditText() {
    }

    static String before(ConnectorInstance instance) {
        return text(instance.values(), instance.secretsSet(), Map.of());
    }

    /** @param typed the values as the admin typed them: a non-empty secret among them is a changed secret */
    static String after(Optional<ConnectorInstance> before, ConnectorInstance saved, Map<String, String> typed) {
        Map<String, String> secrets = new TreeMap<>();
        Set<String> secretFields = new TreeSet<>(saved.secretsSet());
        before.ifPresent(b -> secretFields.addAll(b.secretsSet()));
        for (String field : secretFields) {
            boolean typedNow = typed.containsKey(field) && !typed.get(field).isBlank();
            boolean setNow = saved.secretsSet().contains(field);
            secrets.put(field, !setNow ? "(secret removed)"
                    : typedNow ? (before.isPresent() ? "(secret changed)" : "(secret set)") : "(secret unchanged)");
        }
        return text(saved.values(), Set.of(), secrets);
    }

    private static String text(Map<String, String> values, Set<String> secretsSet, Map<String, String> secrets) {
        StringJoiner text = new StringJoiner(", ");
        new TreeMap<>(values).forEach((key, value) -> text.add(key + "=" + value.replace('\n', ' ')));
        new TreeSet<>(secretsSet).forEach(key -> text.add(key + "=(secret set)"));
        secrets.forEach((key, state) -> text.add(key + "=" + state));
        return text.toString();
    }
}
