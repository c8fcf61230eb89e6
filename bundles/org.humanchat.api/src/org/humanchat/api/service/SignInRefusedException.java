package org.humanchat.api.service;

/**
 * A sign-in that did not succeed: a wrong email or password (said the same way for both, so that the answer does
 * not tell which accounts exist), a deactivated account, or an account without a password yet. HTTP: 401.
 */
public class SignInRefusedException extends HumanChatException {

    private static final long serialVersionUID = 1L;

    public SignInRefusedException(String message) {
        super(message);
    }
}
