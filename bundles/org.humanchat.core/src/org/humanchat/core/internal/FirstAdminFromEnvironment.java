package org.humanchat.core.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

import org.humanchat.api.service.AccountService;
import org.humanchat.api.service.HumanChatException;
import org.humanchat.api.service.SignInSession;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * On the first start of an empty database, creates the first admin from {@code HUMANCHAT_ADMIN_EMAIL} and
 * {@code HUMANCHAT_ADMIN_PASSWORD} (or {@code HUMANCHAT_ADMIN_PASSWORD_FILE}, a file holding it), with the name
 * {@code HUMANCHAT_ADMIN_NAME} (else the email's local part), so that a headless server is set up without a desk.
 * Never with a default password: without them, it says how. Once any agent exists it does nothing.
 */
@Component(immediate = true)
public final class FirstAdminFromEnvironment {

    static final String EMAIL = "HUMANCHAT_ADMIN_EMAIL";
    static final String PASSWORD = "HUMANCHAT_ADMIN_PASSWORD";
    static final String PASSWORD_FILE = "HUMANCHAT_ADMIN_PASSWORD_FILE";
    static final String NAME = "HUMANCHAT_ADMIN_NAME";
    private static final Logger LOG = LoggerFactory.getLogger(FirstAdminFromEnvironment.class);

    @Activate
    public FirstAdminFromEnvironment(@Reference AccountService accounts) {
        this(accounts, System.getenv());
    }

    /** Creates the admin (or says why not); returns the session it signed in with, if any. */
    FirstAdminFromEnvironment(AccountService accounts, Map<String, String> environment) {
        create(accounts, environment);
    }

    public static Optional<SignInSession> create(AccountService accounts, Map<String, String> environment) {
        String email = environment.getOrDefault(EMAIL, "").strip();
        if (!accounts.needsFirstAdmin()) {
            if (!email.isEmpty()) {
                LOG.info("{} is set, but this database has agents already: nothing to create", EMAIL);
            }
            return Optional.empty();
        }
        if (email.isEmpty()) {
            LOG.info("No agent yet. A desk asks for the first admin; a server creates it on its first start from {}"
                    + " and {} (or {}).", EMAIL, PASSWORD_FILE, PASSWORD);
            return Optional.empty();
        }
        char[] password;
        try {
            password = password(environment);
        } catch (IOException e) {
            LOG.error("The first admin was not created: {} cannot be read ({})", PASSWORD_FILE, e.getMessage());
            return Optional.empty();
        }
        if (password.length == 0) {
            LOG.error("The first admin was not created: {} is set, but neither {} nor {} is", EMAIL, PASSWORD,
                    PASSWORD_FILE);
            return Optional.empty();
        }
        String name = environment.getOrDefault(NAME, "").strip();
        if (name.isEmpty()) {
            name = email.contains("@") ? email.substring(0, email.indexOf('@')) : email;
        }
        try {
            SignInSession session = accounts.createFirstAdmin(name, email, password, "First start");
            accounts.signOut(session.token());
            LOG.info("First admin {} <{}> created from {}: sign in with that email and password", name,
                    session.agent().email(), EMAIL);
            return Optional.of(session);
        } catch (HumanChatException e) {
            LOG.error("The first admin was not created from {}: {}", EMAIL, e.getMessage()); // never the password
            return Optional.empty();
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    private static char[] password(Map<String, String> environment) throws IOException {
        String file = environment.getOrDefault(PASSWORD_FILE, "").strip();
        if (!file.isEmpty()) {
            String content = Files.readString(Path.of(file), StandardCharsets.UTF_8);
            return content.replaceFirst("\\r?\\n\\z", "").toCharArray(); // without the file's last newline
        }
        return environment.getOrDefault(PASSWORD, "").toCharArray();
    }
}
