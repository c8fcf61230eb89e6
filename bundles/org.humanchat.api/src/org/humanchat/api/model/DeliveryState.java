package org.humanchat.api.model;

/**
 * Where a message is on its way. Inbound messages are {@link #RECEIVED}; outbound ones go from {@link #PENDING} to
 * {@link #SENT} or {@link #FAILED}; timeline events are {@link #NONE}.
 */
public enum DeliveryState {
    RECEIVED, PENDING, SENT, FAILED, NONE
}
