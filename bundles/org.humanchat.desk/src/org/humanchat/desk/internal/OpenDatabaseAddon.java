package org.humanchat.desk.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.core.di.extensions.Service;
import org.eclipse.e4.ui.di.UISynchronize;
import org.eclipse.e4.ui.model.application.MApplication;
import org.eclipse.e4.ui.workbench.IWorkbench;
import org.eclipse.e4.ui.workbench.modeling.EModelService;
import org.eclipse.e4.ui.workbench.modeling.EPartService;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.window.Window;
import org.humanchat.api.model.Agent;
import org.humanchat.api.model.Environment;
import org.humanchat.api.service.AccountService;
import org.humanchat.api.service.AttachmentStore;
import org.humanchat.api.service.ContactService;
import org.humanchat.api.service.ConversationService;
import org.humanchat.api.service.DatabaseStatus;
import org.humanchat.api.service.DeliveryService;
import org.humanchat.api.service.DirectoryService;
import org.humanchat.api.service.InboxService;
import org.humanchat.ui.ConversationOpener;
import org.humanchat.ui.DeskAccount;
import org.humanchat.ui.DeskProblem;
import org.humanchat.ui.DeskSession;
import org.humanchat.ui.internal.ConversationEditors;
import org.humanchat.ui.internal.SignInDialog;

import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;

/**
 * Signs the agent in once the database is open, and hands the parts their {@link DeskSession}. In order: the session
 * kept on this computer ("keep me signed in"); with the demo data, the demo admin's session it keeps; the one admin
 * of this computer's own embedded database while they have no password (the single-user desk); else the sign-in
 * dialog, or on an empty database the first admin's. The persistence bundle opens the database on a thread of its
 * own and the domain services are registered only once it is open, so this add-on waits for nothing: injection calls
 * {@link #servicesReady} when they are all there, and {@link #database} when the database could not be opened.
 */
public final class OpenDatabaseAddon {

    static final String DEMO_PROPERTY = "humanchat.demo";

    private record Signed(Agent agent, String token) {
    }

    private final AtomicBoolean signingIn = new AtomicBoolean();
    private final AtomicBoolean problemShown = new AtomicBoolean();
    private final KeptSession kept = KeptSession.inDataFolder();

    @Inject
    MApplication application;
    @Inject
    UISynchronize sync;

    @PostConstruct
    void start(EPartService parts, EModelService models) {
        application.getContext().set(ConversationOpener.class, new ConversationEditors(parts, models, application));
    }

    /** Injected when every service the desk works with is registered (the database is open), once. */
    @Inject
    @Optional
    void servicesReady(@Service DirectoryService directory, @Service ConversationService conversations,
            @Service InboxService inbox, @Service ContactService contacts, @Service DeliveryService deliveries,
            @Service AttachmentStore attachments, @Service AccountService accounts) {
        if (!signingIn.compareAndSet(false, true)) {
            return;
        }
        Job job = Job.create("Signing in to Human Chat", monitor -> {
            try {
                String client = "Desk on " + hostName();
                java.util.Optional<Signed> signed = kept.token()
                        .flatMap(token -> accounts.agentByToken(token).map(agent -> new Signed(agent, token)));
                boolean keep = signed.isPresent();
                if (signed.isEmpty() && Boolean.getBoolean(DEMO_PROPERTY)) {
                    signed = demoSession(accounts, directory);
                    keep = signed.isPresent();
                }
                if (signed.isEmpty()) {
                    signed = accounts.signInLocalAdmin(client).map(s -> new Signed(s.agent(), s.token()));
                    keep = signed.isPresent();
                }
                if (signed.isEmpty()) {
                    AtomicReference<SignInDialog> asked = new AtomicReference<>();
                    SignInDialog.Mode mode = accounts.needsFirstAdmin() ? SignInDialog.Mode.FIRST_ADMIN
                            : SignInDialog.Mode.SIGN_IN;
                    sync.syncExec(() -> {
                        SignInDialog dialog = new SignInDialog(null, accounts, mode, client, systemFullName());
                        if (dialog.open() == Window.OK) {
                            asked.set(dialog);
                        }
                    });
                    if (asked.get() == null) {
                        sync.asyncExec(this::quit);
                        return Status.OK_STATUS;
                    }
                    signed = java.util.Optional.of(new Signed(asked.get().session().agent(),
                            asked.get().session().token()));
                    keep = asked.get().keepSignedIn();
                }
                Signed me = signed.get();
                if (keep) {
                    kept.keep(me.token());
                } else {
                    kept.forget();
                }
                DeskSession session = new DeskSession(me.agent(), conversations, inbox, contacts, directory,
                        deliveries, attachments);
                DeskAccount account = new DeskAccount(accounts, me.token(), keep);
                sync.asyncExec(() -> {
                    application.getContext().set(DeskAccount.class, account);
                    application.getContext().set(DeskSession.class, session);
                });
                return Status.OK_STATUS;
            } catch (RuntimeException e) {
                showProblem(e.getMessage());
                return Status.error(e.getMessage(), e);
            }
        });
        job.setPriority(Job.SHORT);
        job.schedule();
    }

    /**
     * With the demo data on a new data folder, its admin's session, which the demo keeps in the data folder once it
     * created the admin (before the demo environment): waited for until the environment is there.
     */
    private java.util.Optional<Signed> demoSession(AccountService accounts, DirectoryService directory) {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < deadline) {
            java.util.Optional<Signed> signed = kept.token()
                    .flatMap(token -> accounts.agentByToken(token).map(agent -> new Signed(agent, token)));
            if (signed.isPresent() || directory.environments().stream().map(Environment::name)
                    .anyMatch("Demo"::equals)) {
                return signed;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return java.util.Optional.empty();
    }

    /** A new session of the same agent (after a password change): kept in its place if the one before was. */
    @Inject
    @Optional
    void accountChanged(DeskAccount account) {
        if (account != null && account.kept() && !kept.token().orElse("").equals(account.token())) {
            kept.keep(account.token());
        }
    }

    private void quit() {
        IWorkbench workbench = application.getContext().get(IWorkbench.class);
        if (workbench != null) {
            workbench.close();
        } else {
            System.exit(0);
        }
    }

    /** Injected with each state of the database: opening, open, or failed (then said, once). */
    @Inject
    @Optional
    void database(@Service DatabaseStatus status) {
        if (status != null && status.state() == DatabaseStatus.State.FAILED) {
            showProblem(status.problem().orElse("The database " + status.database() + " cannot be opened"));
        }
    }

    private void showProblem(String message) {
        if (!problemShown.compareAndSet(false, true)) {
            return;
        }
        sync.asyncExec(() -> {
            application.getContext().set(DeskProblem.class,
                    new DeskProblem("The database could not be opened: no conversations (see the message)"));
            MessageDialog.openError(null, "Human Chat cannot open its database", message
                    + ".\n\nThe database's own words are in the desk's log (the terminal it was started from)."
                    + " Check the database settings (HUMANCHAT_VMARGS, -Dhumanchat.db.url) and that no other"
                    + " desk uses the same data folder, then start the desk again.");
        });
    }

    static String hostName() {
        String name = System.getenv("HOSTNAME");
        if (name == null || name.isBlank()) {
            try {
                name = Files.readString(Path.of("/etc/hostname")).strip();
            } catch (IOException e) {
                name = "";
            }
        }
        return name.isBlank() ? "this computer" : name;
    }

    /** The system account's full name (the GECOS field of /etc/passwd), else its login name. */
    static String systemFullName() {
        String login = System.getProperty("user.name", "");
        try {
            for (String line : Files.readAllLines(Path.of("/etc/passwd"))) {
                String[] fields = line.split(":", -1);
                if (fields.length > 4 && fields[0].equals(login)) {
                    String full = fields[4].split(",", -1)[0].strip();
                    if (!full.isEmpty()) {
                        return full;
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            // no passwd file: the login name
        }
        return login;
    }
}
