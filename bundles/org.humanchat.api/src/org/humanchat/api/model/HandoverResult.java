package org.humanchat.api.model;

/** The answer to a Brain's handover request. */
public enum HandoverResult {
    /** The conversation now waits in Unassigned. */
    HANDED_OVER,
    /** Human Chat is off in the environment: the Brain keeps the conversation and the fallback text was sent. */
    REFUSED_HUMAN_CHAT_DISABLED
}
