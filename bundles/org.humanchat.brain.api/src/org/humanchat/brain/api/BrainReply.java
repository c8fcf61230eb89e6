package org.humanchat.brain.api;

import java.util.List;
import java.util.Objects;

/**
 * One message of a Brain to the end user.
 *
 * @param buttons quick-reply choices, shown as buttons where the channel supports them and as a list otherwise
 * @param files   files sent with the text (the text may then be empty)
 */
public record BrainReply(String text, List<String> buttons, List<BrainFile> files) {

    public BrainReply {
        Objects.requireNonNull(text, "text");
        buttons = List.copyOf(buttons);
        files = List.copyOf(files);
    }

    public BrainReply(String text, List<String> buttons) {
        this(text, buttons, List.of());
    }

    public static BrainReply text(String text) {
        return new BrainReply(text, List.of());
    }

    /** The text as channels without buttons show it: the choices follow as a numbered list. */
    public String textWithButtons() {
        if (buttons.isEmpty()) {
            return text;
        }
        StringBuilder out = new StringBuilder(text);
        for (int i = 0; i < buttons.size(); i++) {
            out.append('\n').append(i + 1).append(". ").append(buttons.get(i));
        }
        return out.toString();
    }
}
