package org.humanchat.brain.api;

/** What a Brain wants done with the conversation after its replies. */
public enum BrainAction {
    /** Go on handling it. */
    KEEP,
    /** Hand it to humans (when Human Chat is on in its environment), with a reason shown to agents. */
    HAND_OVER,
    /** The end user's matter is settled. */
    RESOLVE
}
