package org.humanchat.brain.rules.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.humanchat.brain.api.BrainAction;
import org.humanchat.brain.api.BrainAnswer;
import org.humanchat.brain.api.BrainConnector;
import org.humanchat.brain.api.BrainReply;
import org.humanchat.brain.api.BrainRequest;
import org.humanchat.brain.api.HistoryEntry;
import org.humanchat.brain.api.HistoryEntry.Author;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The built-in Brain. Greets a new conversation, answers FAQ entries by keyword, hands over when the end user asks
 * for a human or after {@code handoverAfter} messages in a row it could not answer. It keeps no state: what it said
 * before is read from the history, so a restart changes nothing.
 */
@Component(service = BrainConnector.class, configurationPid = "org.humanchat.brain.rules",
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = RulesBrainConfig.class, factory = true)
public final class RulesBrain implements BrainConnector {

    private final String greeting;
    private final List<FaqEntry> faq;
    private final List<String> handoverPhrases;
    private final String notUnderstood;
    private final int handoverAfter;
    private final String handoverText;

    @Activate
    public RulesBrain(RulesBrainConfig config) {
        this.greeting = config.greeting() == null ? "" : config.greeting().strip();
        this.faq = Arrays.stream(config.faq()).filter(line -> !line.isBlank()).map(FaqEntry::parse).toList();
        this.handoverPhrases = Arrays.stream(config.handoverPhrases())
                .map(p -> p.strip().toLowerCase(Locale.ROOT)).filter(p -> !p.isEmpty()).toList();
        this.notUnderstood = config.notUnderstood();
        this.handoverAfter = Math.max(1, config.handoverAfter());
        this.handoverText = config.handoverText();
    }

    @Override
    public BrainAnswer answer(BrainRequest request) {
        String text = request.latestText().toLowerCase(Locale.ROOT);
        List<BrainReply> greet = isFirstUserMessage(request.history()) && !greeting.isEmpty()
                ? List.of(BrainReply.text(greeting))
                : List.of();
        if (handoverPhrases.stream().anyMatch(p -> FaqEntry.containsWord(text, p))) {
            return new BrainAnswer(concat(greet, BrainReply.text(handoverText)),
                    BrainAction.HAND_OVER, "The customer asked for a human");
        }
        for (FaqEntry entry : faq) {
            if (entry.matches(text)) {
                return new BrainAnswer(concat(greet, BrainReply.text(entry.answer())),
                        BrainAction.KEEP, "");
            }
        }
        if (!greet.isEmpty() && text.split("\\W+").length <= 3) {
            // A first "hello" is not a question the Brain failed to answer.
            return new BrainAnswer(greet, BrainAction.KEEP, "");
        }
        if (unansweredInARow(request.history()) + 1 >= handoverAfter) {
            return new BrainAnswer(concat(greet, BrainReply.text(handoverText)),
                    BrainAction.HAND_OVER,
                    "The Brain could not answer " + handoverAfter + " messages in a row");
        }
        return new BrainAnswer(concat(greet, BrainReply.text(notUnderstood)), BrainAction.KEEP,
                "");
    }

    private static boolean isFirstUserMessage(List<HistoryEntry> history) {
        return history.stream().filter(m -> m.author() == Author.END_USER).count() == 1
                && history.stream().noneMatch(m -> m.author() == Author.BRAIN);
    }

    /** How many of the Brain's latest replies, counted back from the newest, were "not understood". */
    private int unansweredInARow(List<HistoryEntry> history) {
        int count = 0;
        for (int i = history.size() - 1; i >= 0; i--) {
            HistoryEntry m = history.get(i);
            if (m.author() == Author.BRAIN) {
                if (!m.text().equals(notUnderstood)) {
                    break;
                }
                count++;
            } else if (m.author() == Author.AGENT) {
                break;
            }
        }
        return count;
    }

    private static List<BrainReply> concat(List<BrainReply> first, BrainReply last) {
        ArrayList<BrainReply> all = new ArrayList<>(first);
        all.add(last);
        return all;
    }
}
