package org.humanchat.api.model;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * New values for a contact's editable fields; an empty string clears a field. The rules on the values are here,
 * beside them, so that the desk checks as the agent types exactly what the core checks before storing.
 */
public record ContactUpdate(String name, String email, String address, String phone) {

    /** Something before an @, a domain with a dot after it; no spaces. Deliverability is not ours to judge. */
    public static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s.]+");
    /** E.164: a plus, a country code that does not start with 0, at most 15 digits in all (8 at least). */
    public static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{7,14}");
    public static final int MAX_NAME = 200;
    public static final int MAX_EMAIL = 254;
    public static final int MAX_ADDRESS = 500;

    public ContactUpdate {
        name = name == null ? "" : name.strip();
        email = email == null ? "" : email.strip();
        address = address == null ? "" : address.strip();
        phone = phone == null ? "" : phone.strip().replaceAll("[\\s().-]", "");
    }

    /** Each field that breaks a rule, with what is wrong, in field order; empty when all is well. */
    public Map<String, String> problems() {
        Map<String, String> errors = new LinkedHashMap<>();
        if (name.length() > MAX_NAME) {
            errors.put("name", "A name has at most " + MAX_NAME + " characters");
        }
        if (!email.isEmpty() && (email.length() > MAX_EMAIL || !EMAIL.matcher(email).matches())) {
            errors.put("email", "Not an email address: expected name@example.com");
        }
        if (address.length() > MAX_ADDRESS) {
            errors.put("address", "An address has at most " + MAX_ADDRESS + " characters");
        }
        if (!phone.isEmpty() && !E164.matcher(phone).matches()) {
            errors.put("phone", "Not an international number: expected + and country code, e.g. +4915123456789");
        }
        return errors;
    }
}
