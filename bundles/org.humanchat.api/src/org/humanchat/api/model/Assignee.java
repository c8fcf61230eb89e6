package org.humanchat.api.model;

/** Who handles a conversation: a Brain, an agent, or nobody (it waits for a human). */
public sealed interface Assignee {

    /** The kind of assignee, as stored and as used by inbox queries. */
    enum Kind {
        NOBODY, BRAIN, AGENT
    }

    Kind kind();

    /** Waiting for a human. */
    record Nobody() implements Assignee {
        @Override
        public Kind kind() {
            return Kind.NOBODY;
        }
    }

    record ToAgent(long agentId) implements Assignee {
        @Override
        public Kind kind() {
            return Kind.AGENT;
        }
    }

    record ToBrain(long brainId) implements Assignee {
        @Override
        public Kind kind() {
            return Kind.BRAIN;
        }
    }

    Assignee NOBODY = new Nobody();

    static Assignee agent(long agentId) {
        return new ToAgent(agentId);
    }

    static Assignee brain(long brainId) {
        return new ToBrain(brainId);
    }

    /** Rebuilds an assignee from its stored kind and id. */
    static Assignee of(Kind kind, long id) {
        return switch (kind) {
            case NOBODY -> NOBODY;
            case AGENT -> agent(id);
            case BRAIN -> brain(id);
        };
    }

    /** The agent's or Brain's id; 0 for nobody. */
    default long id() {
        return switch (this) {
            case Nobody n -> 0L;
            case ToAgent a -> a.agentId();
            case ToBrain b -> b.brainId();
        };
    }
}
