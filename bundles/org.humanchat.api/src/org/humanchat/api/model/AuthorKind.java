package org.humanchat.api.model;

/** Who wrote a message. SYSTEM messages are timeline events such as "Brain left" or "Assigned to Ana". */
public enum AuthorKind {
    END_USER, BRAIN, AGENT, SYSTEM
}
