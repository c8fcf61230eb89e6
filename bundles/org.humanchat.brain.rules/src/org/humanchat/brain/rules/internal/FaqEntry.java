package org.humanchat.brain.rules.internal;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** An FAQ entry: any of its keywords, as a whole word in the message, selects its answer. */
record FaqEntry(List<String> keywords, String answer) {

    private static final String ARROW = "=>";

    /** Reads "k1|k2 => answer"; a line without both parts is a configuration error named in the exception. */
    static FaqEntry parse(String line) {
        int arrow = line.indexOf(ARROW);
        if (arrow < 0) {
            throw new IllegalArgumentException("FAQ entry without '=>': " + line);
        }
        List<String> keywords = Arrays.stream(line.substring(0, arrow).split("\\|"))
                .map(k -> k.strip().toLowerCase(Locale.ROOT)).filter(k -> !k.isEmpty()).toList();
        String answer = line.substring(arrow + ARROW.length()).strip();
        if (keywords.isEmpty() || answer.isEmpty()) {
            throw new IllegalArgumentException("FAQ entry needs keywords and an answer: " + line);
        }
        return new FaqEntry(keywords, answer);
    }

    boolean matches(String normalizedText) {
        return keywords.stream().anyMatch(k -> containsWord(normalizedText, k));
    }

    /** Whole words (or phrases) only, so that "agent" does not match "agenda". */
    static boolean containsWord(String normalizedText, String phrase) {
        return Pattern.compile("(^|\\W)" + Pattern.quote(phrase) + "($|\\W)").matcher(normalizedText).find();
    }
}
