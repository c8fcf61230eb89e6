package org.humanchat.brain.api;

/**
 * The end user as a Brain sees them: enough to greet them and to look them up in the Brain's own systems. Every field
 * but the id may be empty.
 */
public record BrainContact(long id, String name, String email, String phone) {

    public BrainContact {
        name = name == null ? "" : name;
        email = email == null ? "" : email;
        phone = phone == null ? "" : phone;
    }
}
