package org.humanchat.api.model;

/** New values for a contact's editable fields; an empty string clears a field. */
public record ContactUpdate(String name, String email, String address, String phone) {
}
