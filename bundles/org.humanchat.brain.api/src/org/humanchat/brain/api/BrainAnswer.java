package org.humanchat.brain.api;

import java.util.List;
import java.util.Objects;

/**
 * A Brain's answer: zero or more replies, then at most one action.
 *
 * @param reason why a handover is asked for, shown to agents; empty for other actions
 */
public record BrainAnswer(List<BrainReply> replies, BrainAction action, String reason) {

    public BrainAnswer {
        replies = List.copyOf(replies);
        Objects.requireNonNull(action, "action");
        reason = reason == null ? "" : reason;
    }

    public static BrainAnswer keep(BrainReply... replies) {
        return new BrainAnswer(List.of(replies), BrainAction.KEEP, "");
    }

    public static BrainAnswer handOver(String reason, BrainReply... replies) {
        return new BrainAnswer(List.of(replies), BrainAction.HAND_OVER, reason);
    }

    public static BrainAnswer resolve(BrainReply... replies) {
        return new BrainAnswer(List.of(replies), BrainAction.RESOLVE, "");
    }
}
