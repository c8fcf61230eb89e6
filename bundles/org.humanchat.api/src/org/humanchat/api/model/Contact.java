package org.humanchat.api.model;

import java.util.List;

/** An end user. Every field but the id may be empty; the identities say where the contact writes from. */
public record Contact(long id, String name, String email, String address, String phone,
        List<ChannelIdentity> identities) {

    public Contact {
        name = name == null ? "" : name;
        email = email == null ? "" : email;
        address = address == null ? "" : address;
        phone = phone == null ? "" : phone;
        identities = List.copyOf(identities);
    }

    /** The name to show: the contact's name, else email, else phone, else "Visitor #id". */
    public String displayName() {
        if (!name.isBlank()) {
            return name;
        }
        if (!email.isBlank()) {
            return email;
        }
        if (!phone.isBlank()) {
            return phone;
        }
        return "Visitor #" + id;
    }
}
