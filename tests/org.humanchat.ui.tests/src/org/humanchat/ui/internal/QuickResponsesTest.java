package org.humanchat.ui.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;

import org.eclipse.jface.fieldassist.IContentProposal;
import org.humanchat.api.model.QuickResponse;
import org.junit.jupiter.api.Test;

/** What the composer offers after a "/", without a display. */
class QuickResponsesTest {

    final QuickResponses responses = new QuickResponses(List.of(
            new QuickResponse(1, 1, "hello", "Hi {contact}, {agent} here."),
            new QuickResponse(2, 1, "refund", "Refunds take 5 days.")), "Maria Lopez", "Ana");

    private List<String> offered(String typed) {
        return Arrays.stream(responses.proposals(typed, typed.length())).map(IContentProposal::getContent).toList();
    }

    @Test
    void theResponsesWhoseShortcutStartsWithWhatFollowsTheSlashAreOfferedFilledIn() {
        assertEquals(List.of("Hi Maria, Ana here."), offered("Thanks! /he"));
        assertEquals(2, offered("/").size());
    }

    @Test
    void onlyASlashThatStartsAWordOffersThem() {
        assertEquals(List.of(), offered("a/b"));
        assertEquals(List.of(), offered("no slash"));
    }

    @Test
    void aContactWithoutANameIsGreetedAsThere() {
        assertEquals("Hi there, Ana here.", new QuickResponses(List.of(), " ", "Ana").fill("Hi {contact}, {agent} here."));
    }
}
