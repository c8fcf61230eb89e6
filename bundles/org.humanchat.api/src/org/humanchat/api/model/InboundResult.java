package org.humanchat.api.model;

/** What became of an inbound message: where it is stored, and whether it was a redelivery that stored nothing. */
public record InboundResult(long conversationId, long messageId, boolean duplicate) {
}
