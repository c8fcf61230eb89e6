package org.humanchat.brain.api;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A running Brain instance, registered as an OSGi service (whiteboard) with the service property {@link #BRAIN_ID}
 * naming the Brain it serves. Connector bundles usually create one instance per ConfigAdmin factory configuration,
 * so installing, configuring or stopping a Brain at runtime needs no restart.
 * <p>
 * Human Chat calls a Brain only for conversations it handles, one message of a conversation at a time, never on a
 * thread that serves people, and with a deadline: a Brain that is slow, down or answers nonsense makes the
 * conversation go to humans with the reason "Brain unavailable", never leaves the end user waiting.
 */
@ConsumerType
public interface BrainConnector {

    /** Service property ({@code Long}): the id of the Brain (as configured in the desk) this serves. */
    String BRAIN_ID = "humanchat.brain.id";

    /** Answers the newest end-user message of the request. */
    BrainAnswer answer(BrainRequest request) throws BrainUnavailableException;

    /**
     * An agent took the conversation: the Brain will hear nothing more of it unless it is handed back. The default
     * does nothing.
     */
    default void left(BrainRequest request) {
    }

    /**
     * An agent handed the conversation back to this Brain; the request carries its history. The answer is sent like
     * any other. The default greets the end user back and keeps the conversation.
     */
    default BrainAnswer resumed(BrainRequest request) throws BrainUnavailableException {
        return BrainAnswer.keep(BrainReply.text("I'm back. How else can I help you?"));
    }
}
