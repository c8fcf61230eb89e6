package org.humanchat.ui.internal;

import java.util.List;
import java.util.Locale;

import org.eclipse.jface.fieldassist.ContentProposal;
import org.eclipse.jface.fieldassist.IContentProposal;
import org.humanchat.api.model.QuickResponse;

/**
 * The environment's quick responses as the composer offers them after a "/" that starts a word: those whose shortcut
 * starts with what follows it, {contact} (the contact's first name) and {agent} filled in.
 */
record QuickResponses(List<QuickResponse> responses, String contactName, String agentName) {

    static final QuickResponses NONE = new QuickResponses(List.of(), "", "");

    QuickResponses {
        responses = List.copyOf(responses);
    }

    /** The proposals for the text typed so far, the caret at {@code position}. */
    IContentProposal[] proposals(String contents, int position) {
        int slash = contents.lastIndexOf('/', position - 1);
        if (slash < 0 || (slash > 0 && !Character.isWhitespace(contents.charAt(slash - 1)))) {
            return new IContentProposal[0];
        }
        String typed = contents.substring(slash + 1, position).toLowerCase(Locale.ROOT);
        return responses.stream().filter(q -> q.shortcut().startsWith(typed))
                .map(q -> new ContentProposal(fill(q.text()), "/" + q.shortcut() + "  " + q.text(), q.text()))
                .toArray(IContentProposal[]::new);
    }

    String fill(String template) {
        return template.replace("{contact}", contactName.isBlank() ? "there" : contactName.split(" ")[0])
                .replace("{agent}", agentName);
    }
}
