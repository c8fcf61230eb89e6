package org.humanchat.core.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.humanchat.api.event.DirectoryEvents;
import org.humanchat.api.model.Agent;
import org.humanchat.api.model.AgentRole;
import org.humanchat.api.model.Assignee;
import org.humanchat.api.model.Conversation;
import org.humanchat.api.model.InboxQuery;
import org.humanchat.api.model.InboxRow;
import org.humanchat.api.model.InboxTab;
import org.humanchat.api.service.AccountService;
import org.humanchat.api.service.AccountToken;
import org.humanchat.api.service.AuditChange;
import org.humanchat.api.service.NotFoundException;
import org.humanchat.api.service.PermissionDeniedException;
import org.humanchat.api.service.SignInRefusedException;
import org.humanchat.api.service.SignInSession;
import org.humanchat.api.service.TooManyAttemptsException;
import org.humanchat.api.service.ValidationException;
import org.humanchat.core.spi.AccountReads.Failures;
import org.humanchat.core.spi.AccountReads.SetPasswordCode;
import org.humanchat.core.spi.ConversationStore;
import org.humanchat.core.spi.StoreReader;
import org.humanchat.core.spi.StoredEvent;
import org.humanchat.core.spi.StoredToken;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.event.EventAdmin;

/**
 * Accounts: passwords, sessions and API tokens, set-password codes, roles and deactivation (see
 * {@link AccountService}). Password hashes are computed and compared outside any transaction: they take tens of
 * milliseconds on purpose.
 */
@Component(service = AccountService.class)
public final class AccountRules implements AccountService {

    static final String WRONG = "Wrong email or password.";
    static final String BAD_CODE = "This set-password code is not valid (any more): ask an admin for a new one.";
    /** The longest wait between attempts once they are slowed down. */
    static final Duration MAX_DELAY = Duration.ofMinutes(10);
    /** How long a named API token lives. */
    static final Duration API_TOKEN_LIFETIME = SESSION_LIFETIME.multipliedBy(12);
    /** A token's last use is written at most this often, so that each request does not write. */
    private static final Duration TOUCH_EVERY = Duration.ofMinutes(1);

    private final ConversationStore store;
    private final ChangeRunner runner;
    private final Clock clock;

    @Activate
    public AccountRules(@Reference ConversationStore store, @Reference EventAdmin eventAdmin) {
        this(store, eventAdmin, Clock.systemUTC());
    }

    public AccountRules(ConversationStore store, EventAdmin eventAdmin, Clock clock) {
        this.store = store;
        this.clock = clock;
        this.runner = new ChangeRunner(store, eventAdmin, clock);
    }

    @Override
    public boolean needsFirstAdmin() {
        return store.read(r -> r.directory().agents().isEmpty());
    }

    @Override
    public SignInSession createFirstAdmin(String name, String email, char[] password, String client) {
        String cleanName = DirectoryRules.name(name, "name");
        String cleanEmail = DirectoryRules.email(email);
        requireGoodPassword(password, cleanEmail, cleanName);
        String hash = Passwords.hash(password);
        return runner.change(c -> {
            if (!c.directory().agents().isEmpty()) {
                throw new PermissionDeniedException("The first admin has been created already: sign in instead.");
            }
            Agent first = c.directory().saveAgent(new Agent(0, cleanName, cleanEmail, AgentRole.ADMIN));
            c.accounts().setPasswordHash(first.id(), hash);
            c.audit(first.id(), AuditChange.of("agent.create", "agent", first.id(), cleanName, "",
                    DirectoryRules.accountText(first) + " (the first admin)"));
            setupChanged(c);
            return newSession(c, first, client, "after creating the account");
        });
    }

    @Override
    public SignInSession signIn(String email, char[] password, String sourceAddress, String client) {
        String typed = typedEmail(email);
        String source = source(sourceAddress);
        requireNotThrottled(typed, source);
        record Account(Agent agent, String hash) {
        }
        Optional<Account> account = store.read(r -> r.directory().agentByEmail(typed)
                .map(a -> new Account(a, r.accounts().passwordHash(a.id()).orElse(null))));
        boolean matches = account.isPresent() && account.get().hash() != null
                ? Passwords.matches(account.get().hash(), password)
                : wasted(password);
        if (matches && account.get().agent().active()) {
            Agent agent = account.get().agent();
            return runner.change(c -> {
                c.accounts().clearFailures(accountKey(typed));
                return newSession(c, agent, client, "from " + source);
            });
        }
        String why = matches ? "the account is deactivated" : "wrong email or password";
        runner.change(c -> {
            fail(c, typed, source);
            // by nobody known: whoever typed the email may not be its owner
            c.audit(0, new AuditChange("account.signInFailed", "account", typed, typed, "", why + ", from " + source
                    + " (" + clientText(client) + ")"));
            return null;
        });
        throw new SignInRefusedException(matches
                ? "This account is deactivated: an admin can activate it again."
                : WRONG);
    }

    @Override
    public Optional<SignInSession> signInLocalAdmin(String client) {
        if (store.shared()) {
            return Optional.empty();
        }
        return runner.change(c -> {
            List<Agent> agents = c.directory().agents();
            if (agents.size() != 1 || !agents.get(0).isAdmin()
                    || c.accounts().passwordHash(agents.get(0).id()).isPresent()) {
                return Optional.empty();
            }
            return Optional.of(newSession(c, agents.get(0), client,
                    "on this computer without a password: the embedded database's only agent"));
        });
    }

    @Override
    public Optional<Agent> agentByToken(String token) {
        if (!Tokens.plausible(token)) {
            return Optional.empty();
        }
        String hash = Tokens.hash(token);
        Instant now = clock.instant();
        record Found(StoredToken token, Agent agent) {
        }
        Optional<Found> found = store.read(r -> r.accounts().tokenByHash(hash)
                .filter(t -> current(t, now))
                .flatMap(t -> r.directory().agent(t.agentId()).filter(Agent::active).map(a -> new Found(t, a))));
        found.filter(f -> f.token().lastUsedAt().plus(TOUCH_EVERY).isBefore(now))
                .ifPresent(f -> store.write(tx -> {
                    tx.accounts().touchToken(f.token().id(), now);
                    return null;
                }));
        return found.map(Found::agent);
    }

    static boolean current(StoredToken token, Instant now) {
        return token.expiresAt().isAfter(now)
                && (token.apiToken() || token.lastUsedAt().plus(IDLE_TIMEOUT).isAfter(now));
    }

    @Override
    public void signOut(String token) {
        if (!Tokens.plausible(token)) {
            return;
        }
        String hash = Tokens.hash(token);
        store.write(tx -> tx.accounts().tokenByHash(hash).map(t -> tx.accounts().deleteToken(t.id())));
    }

    @Override
    public List<AccountToken> tokens(long agentId, long actingAgentId) {
        Instant now = clock.instant();
        return store.read(r -> {
            Agent agent = agent(r, agentId);
            ownOrAdmin(r, agent, actingAgentId, "see " + agent.name() + "'s sessions");
            return r.accounts().tokens(agentId).stream().filter(t -> current(t, now))
                    .map(t -> new AccountToken(t.id(), t.agentId(), t.label(), t.apiToken(), t.createdAt(),
                            t.lastUsedAt(), t.expiresAt()))
                    .toList();
        });
    }

    @Override
    public void revoke(long tokenId, long actingAgentId) {
        runner.change(c -> {
            StoredToken token = c.accounts().token(tokenId)
                    .orElseThrow(() -> new NotFoundException("Session", tokenId));
            Agent agent = agent(c, token.agentId());
            ownOrAdmin(c, agent, actingAgentId, "end " + agent.name() + "'s sessions");
            c.accounts().deleteToken(tokenId);
            c.audit(actingAgentId, AuditChange.of("account.revoke", "agent", agent.id(), agent.name(),
                    (token.apiToken() ? "API token " : "session ") + token.label(), "ended"));
            return null;
        });
    }

    @Override
    public int signOutEverywhere(long agentId, long actingAgentId) {
        return runner.change(c -> {
            Agent agent = agent(c, agentId);
            ownOrAdmin(c, agent, actingAgentId, "sign " + agent.name() + " out");
            int ended = c.accounts().deleteTokens(agentId, true);
            c.audit(actingAgentId, AuditChange.of("account.signOutEverywhere", "agent", agent.id(), agent.name(),
                    "", ended + (ended == 1 ? " session" : " sessions") + " ended"));
            return ended;
        });
    }

    @Override
    public String issueApiToken(long agentId, String name, long actingAgentId) {
        String label = name == null || name.isBlank() ? "API token" : DirectoryRules.name(name, "name");
        String token = Tokens.api();
        runner.change(c -> {
            Agent agent = agent(c, agentId);
            ownOrAdmin(c, agent, actingAgentId, "issue an API token to " + agent.name());
            int replaced = c.accounts().deleteApiTokens(agentId, label);
            c.accounts().insertToken(new StoredToken(0, agentId, Tokens.hash(token), label, true, c.now, c.now,
                    c.now.plus(API_TOKEN_LIFETIME)));
            // never the token, nor its hash: only that one was issued
            c.audit(actingAgentId, AuditChange.of("agent.apiToken", "agent", agent.id(), agent.name(), "",
                    "new API token \"" + label + "\" issued"
                            + (replaced > 0 ? "; the one before of that name no longer works" : "")));
            return null;
        });
        return token;
    }

    @Override
    public String issueSetPasswordCode(long agentId, long actingAgentId) {
        String code = Tokens.code();
        runner.change(c -> {
            Agent agent = agent(c, agentId);
            Permissions.requireAdmin(c, actingAgentId, "issue a set-password code");
            c.accounts().setSetPasswordCode(agentId, new SetPasswordCode(Tokens.hash(Tokens.normalizedCode(code)),
                    c.now.plus(SET_PASSWORD_CODE_LIFETIME)));
            c.audit(actingAgentId, AuditChange.of("agent.setPasswordCode", "agent", agent.id(), agent.name(), "",
                    "set-password code issued, valid 24 hours"));
            return null;
        });
        return code;
    }

    @Override
    public SignInSession setPasswordWithCode(String email, String code, char[] password, String sourceAddress,
            String client) {
        String typed = typedEmail(email);
        String source = source(sourceAddress);
        requireNotThrottled(typed, source);
        Agent named = store.read(r -> r.directory().agentByEmail(typed)).orElse(null);
        requireGoodPassword(password, typed, named == null ? "" : named.name());
        String codeHash = Tokens.hash(Tokens.normalizedCode(code));
        String hash = Passwords.hash(password);
        Optional<SignInSession> session = runner.change(c -> {
            Optional<Agent> agent = c.directory().agentByEmail(typed).filter(Agent::active);
            Optional<SetPasswordCode> pending = agent.flatMap(a -> c.accounts().setPasswordCode(a.id()));
            if (pending.isEmpty() || !pending.get().expiresAt().isAfter(c.now)
                    || !Tokens.same(pending.get().codeHash(), codeHash)) {
                return Optional.<SignInSession>empty();
            }
            Agent a = agent.get();
            c.accounts().setPasswordHash(a.id(), hash);
            c.accounts().deleteTokens(a.id(), true);
            c.accounts().clearFailures(accountKey(typed));
            c.audit(a.id(), AuditChange.of("account.passwordSet", "agent", a.id(), a.name(), "",
                    "password set with a code from an admin; earlier sessions ended"));
            return Optional.of(newSession(c, a, client, "from " + source + ", after setting the password"));
        });
        if (session.isPresent()) {
            return session.get();
        }
        runner.change(c -> {
            fail(c, typed, source);
            c.audit(0, new AuditChange("account.signInFailed", "account", typed, typed, "",
                    "set-password code not valid, from " + source + " (" + clientText(client) + ")"));
            return null;
        });
        throw new SignInRefusedException(BAD_CODE);
    }

    @Override
    public SignInSession changePassword(long agentId, char[] currentPassword, char[] newPassword, String client,
            long actingAgentId) {
        if (agentId != actingAgentId) {
            String actor = store.read(r -> agent(r, actingAgentId)).name();
            throw new PermissionDeniedException(actor + " can change only their own password; to help a colleague,"
                    + " an admin issues them a set-password code.");
        }
        record Own(Agent agent, String passwordHash) {
        }
        Own own = store.read(r -> new Own(agent(r, agentId), r.accounts().passwordHash(agentId).orElse(null)));
        Agent agent = own.agent();
        String key = accountKey(agent.email());
        requireNotThrottled(agent.email(), null); // signed in already: only the account's own failures count
        String current = own.passwordHash();
        if (current == null ? !wasted(currentPassword) : !Passwords.matches(current, currentPassword)) {
            runner.change(c -> {
                c.accounts().addFailure(key, c.now, c.now.minus(FAILURE_WINDOW));
                c.audit(agentId, new AuditChange("account.signInFailed", "account", agent.email(), agent.email(),
                        "", "wrong current password when changing it (" + clientText(client) + ")"));
                return null;
            });
            throw ValidationException.of("currentPassword", "The current password is not right.");
        }
        requireGoodPassword(newPassword, agent.email(), agent.name());
        String hash = Passwords.hash(newPassword);
        return runner.change(c -> {
            Agent a = agent(c, agentId);
            c.accounts().setPasswordHash(agentId, hash);
            int ended = c.accounts().deleteTokens(agentId, true);
            c.accounts().clearFailures(key);
            c.audit(agentId, AuditChange.of("account.passwordChanged", "agent", a.id(), a.name(), "",
                    "password changed; " + ended + (ended == 1 ? " session" : " sessions") + " ended"));
            return newSession(c, a, client, "after changing the password");
        });
    }

    @Override
    public Optional<String> passwordProblem(char[] password, String email, String name) {
        return Passwords.problem(password, email, name);
    }

    @Override
    public Agent rename(long agentId, String name, long actingAgentId) {
        String clean = DirectoryRules.name(name, "name");
        return runner.change(c -> {
            Agent agent = agent(c, agentId);
            ownOrAdmin(c, agent, actingAgentId, "rename " + agent.name());
            if (agent.name().equals(clean)) {
                return agent;
            }
            Agent saved = c.directory().saveAgent(agent.with(clean, agent.role(), agent.presence(), agent.active()));
            c.audit(actingAgentId, AuditChange.of("agent.rename", "agent", agent.id(), clean, agent.name(), clean));
            setupChanged(c);
            return saved;
        });
    }

    @Override
    public Agent setRole(long agentId, AgentRole role, long actingAgentId) {
        java.util.Objects.requireNonNull(role, "role");
        return runner.change(c -> {
            Permissions.requireAdmin(c, actingAgentId, "change roles");
            Agent agent = agent(c, agentId);
            if (agent.role() == role) {
                return agent;
            }
            if (agent.isAdmin() && lastAdmin(c, agent)) {
                throw ValidationException.of("role", agent.name() + " is the only admin: make another agent an"
                        + " admin first.");
            }
            Agent saved = c.directory().saveAgent(agent.with(agent.name(), role, agent.presence(), agent.active()));
            c.audit(actingAgentId, AuditChange.of("agent.role", "agent", agent.id(), agent.name(),
                    agent.role().label(), role.label()));
            setupChanged(c);
            return saved;
        });
    }

    @Override
    public Agent setActive(long agentId, boolean active, long actingAgentId) {
        return runner.change(c -> {
            Agent admin = Permissions.requireAdmin(c, actingAgentId, (active ? "activate" : "deactivate")
                    + " an agent");
            Agent agent = agent(c, agentId);
            if (agent.active() == active) {
                return agent;
            }
            if (!active && agent.id() == admin.id()) {
                throw ValidationException.of("active", "You cannot deactivate yourself; another admin can.");
            }
            if (!active && agent.isAdmin() && lastAdmin(c, agent)) {
                throw ValidationException.of("active", agent.name() + " is the only admin: make another agent an"
                        + " admin first.");
            }
            Agent saved = c.directory().saveAgent(agent.with(agent.name(), agent.role(), agent.presence(), active));
            String after;
            if (active) {
                after = "active";
            } else {
                int tokens = c.accounts().deleteTokens(agentId, false);
                int moved = giveBackConversations(c, saved, admin);
                after = "deactivated; " + moved + (moved == 1 ? " open conversation" : " open conversations")
                        + " back to Unassigned, " + tokens + (tokens == 1 ? " session ended" : " sessions ended");
            }
            c.audit(actingAgentId, AuditChange.of(active ? "agent.activate" : "agent.deactivate", "agent",
                    agent.id(), agent.name(), agent.active() ? "active" : "deactivated", after));
            setupChanged(c);
            c.publish(new StoredEvent(DirectoryEvents.PRESENCE_CHANGED, Map.of(DirectoryEvents.AGENT_ID, agentId)));
            return saved;
        });
    }

    /** The deactivated agent's open conversations wait in Unassigned again, each saying why on its timeline. */
    private static int giveBackConversations(ChangeSet c, Agent gone, Agent admin) {
        int moved = 0;
        while (true) {
            List<InboxRow> page = c.inbox().page(InboxQuery.firstPage(InboxTab.ME, gone.id(), 200));
            if (page.isEmpty()) {
                return moved;
            }
            for (InboxRow row : page) {
                Conversation conversation = c.conversations().lock(row.conversation().id()).orElse(null);
                if (conversation != null && conversation.assignee() instanceof Assignee.ToAgent owner
                        && owner.agentId() == gone.id()) {
                    ConversationRules.moveTo(c, conversation, Assignee.NOBODY, admin,
                            gone.name() + " was deactivated by " + admin.name() + ": back to Unassigned");
                    moved++;
                }
            }
            c.checkpoint();
        }
    }

    private static boolean lastAdmin(ChangeSet c, Agent agent) {
        return c.directory().agents().stream().filter(Agent::isAdmin).allMatch(a -> a.id() == agent.id());
    }

    private SignInSession newSession(ChangeSet c, Agent agent, String client, String how) {
        String token = Tokens.session();
        Instant expires = c.now.plus(SESSION_LIFETIME);
        c.accounts().insertToken(new StoredToken(0, agent.id(), Tokens.hash(token), clientText(client), false, c.now,
                c.now, expires));
        c.accounts().deleteExpiredTokens(c.now);
        c.audit(agent.id(), AuditChange.of("account.signIn", "agent", agent.id(), agent.name(), "",
                "signed in " + how + " (" + clientText(client) + ")"));
        return new SignInSession(token, agent, expires);
    }

    /** Refuses at once while the account's or the address's (if any) failures ask to wait. */
    private void requireNotThrottled(String typedEmail, String source) {
        Instant now = clock.instant();
        Duration wait = store.read(r -> max(wait(r, accountKey(typedEmail), now),
                source == null ? Duration.ZERO : wait(r, addressKey(source), now)));
        if (!wait.isZero()) {
            throw new TooManyAttemptsException(wait);
        }
    }

    private static Duration wait(StoreReader r, String key, Instant now) {
        return r.accounts().failures(key).map(f -> wait(f, now)).orElse(Duration.ZERO);
    }

    /** After {@link #FREE_FAILURES} failures, 1 s, then twice as long after each further one, at most 10 minutes. */
    static Duration wait(Failures failures, Instant now) {
        if (failures.count() < FREE_FAILURES || failures.lastAt().plus(FAILURE_WINDOW).isBefore(now)) {
            return Duration.ZERO;
        }
        int doublings = Math.min(20, failures.count() - FREE_FAILURES);
        Duration delay = Duration.ofSeconds(1L << doublings);
        if (delay.compareTo(MAX_DELAY) > 0) {
            delay = MAX_DELAY;
        }
        Duration left = Duration.between(now, failures.lastAt().plus(delay));
        return left.isNegative() ? Duration.ZERO : left;
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private static void fail(ChangeSet c, String typedEmail, String source) {
        Instant since = c.now.minus(FAILURE_WINDOW);
        c.accounts().addFailure(accountKey(typedEmail), c.now, since);
        c.accounts().addFailure(addressKey(source), c.now, since);
    }

    static String accountKey(String email) {
        return "account:" + email;
    }

    public static String addressKey(String source) {
        return "address:" + source;
    }

    private static boolean wasted(char[] password) {
        Passwords.waste(password == null ? new char[0] : password);
        return false;
    }

    private static String typedEmail(String email) {
        String typed = email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
        return typed.length() > 200 ? typed.substring(0, 200) : typed;
    }

    private static String source(String address) {
        String clean = address == null || address.isBlank() ? "unknown" : address.strip();
        return clean.length() > 100 ? clean.substring(0, 100) : clean;
    }

    private static String clientText(String client) {
        String clean = client == null || client.isBlank() ? "unnamed client" : client.strip();
        return clean.length() > 100 ? clean.substring(0, 100) : clean;
    }

    private static void requireGoodPassword(char[] password, String email, String name) {
        Passwords.problem(password, email, name).ifPresent(problem -> {
            throw ValidationException.of("password", problem);
        });
    }

    private static Agent agent(ChangeSet c, long agentId) {
        return c.directory().agent(agentId).orElseThrow(() -> new NotFoundException("Agent", agentId));
    }

    private static Agent agent(StoreReader r, long agentId) {
        return r.directory().agent(agentId).orElseThrow(() -> new NotFoundException("Agent", agentId));
    }

    private static void ownOrAdmin(ChangeSet c, Agent agent, long actingAgentId, String what) {
        if (agent.id() != actingAgentId || !agent.active()) {
            Permissions.requireAdmin(c, actingAgentId, what);
        }
    }

    private static void ownOrAdmin(StoreReader r, Agent agent, long actingAgentId, String what) {
        if (agent.id() != actingAgentId || !agent.active()) {
            Agent actor = agent(r, actingAgentId);
            Permissions.requireAdmin(actor, what);
        }
    }

    private static void setupChanged(ChangeSet c) {
        c.publish(new StoredEvent(DirectoryEvents.SETUP_CHANGED, Map.of()));
    }
}
