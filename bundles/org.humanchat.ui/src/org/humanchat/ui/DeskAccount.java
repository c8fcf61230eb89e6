package org.humanchat.ui;

import java.util.Objects;

import org.humanchat.api.service.AccountService;

/**
 * How this desk is signed in: the accounts service and the session token, for signing out and for the agent's own
 * account (name, password, sessions). Put into the application context with the {@link DeskSession}.
 *
 * @param kept whether the token is kept in the data folder for the next start ("keep me signed in")
 */
public record DeskAccount(AccountService accounts, String token, boolean kept) {

    public DeskAccount {
        Objects.requireNonNull(accounts, "accounts");
        Objects.requireNonNull(token, "token");
    }

    @Override
    public String toString() {
        return "DeskAccount[kept=" + kept + "]"; // never the token
    }
}
