package org.humanchat.api.model;

/** Open conversations are worked on; resolved ones are done until the end user writes again. */
public enum ConversationStatus {
    OPEN, RESOLVED
}
