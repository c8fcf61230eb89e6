package org.humanchat.api.service;

import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** Input that breaks a rule; {@link #fieldErrors()} maps each bad field to what is wrong with it. */
public class ValidationException extends HumanChatException {

    private static final long serialVersionUID = 1L;

    private final Map<String, String> fieldErrors;

    public ValidationException(Map<String, String> fieldErrors) {
        super(describe(fieldErrors));
        this.fieldErrors = Map.copyOf(fieldErrors);
    }

    public static ValidationException of(String field, String problem) {
        return new ValidationException(Map.of(field, problem));
    }

    public Map<String, String> fieldErrors() {
        return fieldErrors;
    }

    private static String describe(Map<String, String> errors) {
        return new TreeMap<>(errors).entrySet().stream()
                .map(e -> e.getKey() + ": " + e.getValue())
                .collect(Collectors.joining("; "));
    }
}
