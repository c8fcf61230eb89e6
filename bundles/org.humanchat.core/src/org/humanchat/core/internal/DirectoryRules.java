package org.humanchat.core.internal;

import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Pattern;

import org.humanchat.api.event.DirectoryEvents;
import org.humanchat.api.model.Agent;
import org.humanchat.api.model.AgentRole;
import org.humanchat.api.model.Brain;
import org.humanchat.api.model.BusinessHours;
import org.humanchat.api.model.Channel;
import org.humanchat.api.model.ContactUpdate;
import org.humanchat.api.model.Environment;
import org.humanchat.api.model.Presence;
import org.humanchat.api.model.QuickResponse;
import org.humanchat.api.model.Tag;
import org.humanchat.api.service.AuditChange;
import org.humanchat.api.service.DirectoryService;
import org.humanchat.api.service.NotFoundException;
import org.humanchat.api.service.ValidationException;
import org.humanchat.core.spi.ConversationStore;
import org.humanchat.core.spi.StoredEvent;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.event.EventAdmin;

/**
 * Environments, channels, Brains, agents and quick responses; set-up changes need an admin. Each change is recorded
 * in the audit log in its own transaction (a refused or failed change records nothing).
 */
@Component(service = DirectoryService.class)
public final class DirectoryRules implements DirectoryService {

    static final String DEFAULT_FALLBACK = "Thanks for your message. Our team is not available in this chat right now.";
    private static final Pattern SHORTCUT = Pattern.compile("[a-z0-9][a-z0-9_-]{0,31}");

    /** The name of the API token the desk's Connectors view issues. */
    static final String ADMIN_API_TOKEN = "Admin API";

    private final ConversationStore store;
    private final ChangeRunner runner;
    private final AccountRules accounts;

    @Activate
    public DirectoryRules(@Reference ConversationStore store, @Reference EventAdmin eventAdmin) {
        this(store, eventAdmin, Clock.systemUTC());
    }

    public DirectoryRules(ConversationStore store, EventAdmin eventAdmin, Clock clock) {
        this.store = store;
        this.runner = new ChangeRunner(store, eventAdmin, clock);
        this.accounts = new AccountRules(store, eventAdmin, clock);
    }

    @Override
    public List<Environment> environments() {
        return store.read(r -> r.directory().environments());
    }

    @Override
    public Optional<Environment> environment(long environmentId) {
        return store.read(r -> r.directory().environment(environmentId));
    }

    @Override
    public Environment createEnvironment(String name, long actingAgentId) {
        String clean = name(name, "name");
        return changeEnvironment(actingAgentId, c -> {
            requireUniqueEnvironmentName(c, clean, 0);
            Environment created = c.directory().saveEnvironment(new Environment(0, clean, true, null, null,
                    DEFAULT_FALLBACK, BusinessHours.ALWAYS, Environment.DEFAULT_OUT_OF_HOURS_TEXT));
            c.audit(actingAgentId, AuditChange.of("environment.create", "environment", created.id(), clean, "",
                    clean));
            return created;
        });
    }

    @Override
    public Environment renameEnvironment(long environmentId, String name, long actingAgentId) {
        String clean = name(name, "name");
        return changeEnvironment(actingAgentId, c -> {
            Environment e = environmentOf(c, environmentId);
            requireUniqueEnvironmentName(c, clean, environmentId);
            c.audit(actingAgentId, AuditChange.of("environment.rename", "environment", e.id(), clean, e.name(),
                    clean));
            return c.directory().saveEnvironment(e.withName(clean));
        });
    }

    @Override
    public Environment setHumanChatEnabled(long environmentId, boolean enabled, long actingAgentId) {
        return changeEnvironment(actingAgentId, c -> {
            Environment e = environmentOf(c, environmentId);
            if (e.humanChatEnabled() == enabled) {
                return e;
            }
            Agent admin = c.directory().agent(actingAgentId).orElseThrow();
            c.audit(actingAgentId, AuditChange.of("environment.humanChat", "environment", e.id(), e.name(),
                    onOff(e.humanChatEnabled()), onOff(enabled)));
            return c.directory().saveEnvironment(e.withHumanChat(enabled, admin.name(), c.now));
        });
    }

    @Override
    public Environment setFallbackText(long environmentId, String text, long actingAgentId) {
        if (text == null || text.isBlank() || text.length() > 2_000) {
            throw ValidationException.of("fallbackText", "The fallback text needs 1 to 2000 characters");
        }
        return changeEnvironment(actingAgentId, c -> {
            Environment e = environmentOf(c, environmentId);
            c.audit(actingAgentId, AuditChange.of("environment.fallbackText", "environment", e.id(), e.name(),
                    e.fallbackText(), text.strip()));
            return c.directory().saveEnvironment(e.withFallbackText(text.strip()));
        });
    }

    @Override
    public Environment setBusinessHours(long environmentId, String hours, String timeZone, String outOfHoursText,
            long actingAgentId) {
        BusinessHours parsed;
        try {
            parsed = BusinessHours.parse(hours, timeZone);
        } catch (IllegalArgumentException e) {
            throw ValidationException.of("businessHours", e.getMessage());
        }
        String text = outOfHoursText == null || outOfHoursText.isBlank() ? Environment.DEFAULT_OUT_OF_HOURS_TEXT
                : outOfHoursText.strip();
        if (text.length() > 2_000) {
            throw ValidationException.of("outOfHoursText", "The out-of-hours text has at most 2000 characters");
        }
        return changeEnvironment(actingAgentId, c -> {
            Environment e = environmentOf(c, environmentId);
            c.audit(actingAgentId, AuditChange.of("environment.businessHours", "environment", e.id(), e.name(),
                    hoursText(e.businessHours(), e.outOfHoursText()), hoursText(parsed, text)));
            return c.directory().saveEnvironment(e.withBusinessHours(parsed, text));
        });
    }

    private Environment changeEnvironment(long actingAgentId, Function<ChangeSet, Environment> work) {
        return runner.change(c -> {
            Permissions.requireAdmin(c, actingAgentId, "change an environment's settings");
            Environment saved = work.apply(c);
            c.publish(new StoredEvent(DirectoryEvents.ENVIRONMENT_CHANGED,
                    Map.of(DirectoryEvents.ENVIRONMENT_ID, saved.id())));
            return saved;
        });
    }

    private static String onOff(boolean on) {
        return on ? "on" : "off";
    }

    /** Business hours as an admin reads them, with the out-of-hours text. */
    private static String hoursText(BusinessHours hours, String outOfHoursText) {
        String when = hours.isAlwaysOpen() ? "always" : hours.text() + " (" + hours.zone().getId() + ")";
        return when + "; out of hours: " + outOfHoursText;
    }

    private static void requireUniqueEnvironmentName(ChangeSet c, String name, long exceptId) {
        boolean taken = c.directory().environments().stream()
                .anyMatch(e -> e.id() != exceptId && e.name().equalsIgnoreCase(name));
        if (taken) {
            throw ValidationException.of("name", "An environment named \"" + name + "\" exists already");
        }
    }

    @Override
    public List<Channel> channels() {
        return store.read(r -> r.directory().channels());
    }

    @Override
    public Optional<Channel> channel(long channelId) {
        return store.read(r -> r.directory().channel(channelId));
    }

    @Override
    public Channel createChannel(long environmentId, String type, String name, long actingAgentId) {
        String cleanType = name(type, "type").toLowerCase(Locale.ROOT);
        String cleanName = name(name, "name");
        return setup(actingAgentId, "create a channel", c -> {
            Environment e = environmentOf(c, environmentId);
            Channel created = c.directory().saveChannel(new Channel(0, environmentId, cleanType, cleanName, null));
            c.audit(actingAgentId, AuditChange.of("channel.create", "channel", created.id(), cleanName, "",
                    cleanType + " channel in " + e.name()));
            return created;
        });
    }

    @Override
    public Channel setDefaultBrain(long channelId, long brainId, long actingAgentId) {
        return setup(actingAgentId, "choose a channel's Brain", c -> {
            Channel channel = c.directory().channel(channelId)
                    .orElseThrow(() -> new NotFoundException("Channel", channelId));
            String after = "no Brain";
            if (brainId != 0) {
                Brain brain = c.directory().brain(brainId).orElseThrow(() -> new NotFoundException("Brain", brainId));
                if (brain.environmentId() != channel.environmentId()) {
                    throw ValidationException.of("brain", brain.name() + " belongs to another environment");
                }
                after = brain.name();
            }
            String before = channel.defaultBrain().flatMap(id -> c.directory().brain(id)).map(Brain::name)
                    .orElse("no Brain");
            c.audit(actingAgentId, AuditChange.of("channel.defaultBrain", "channel", channel.id(), channel.name(),
                    before, after));
            return c.directory().saveChannel(new Channel(channel.id(), channel.environmentId(), channel.type(),
                    channel.name(), brainId == 0 ? null : brainId));
        });
    }

    @Override
    public List<Brain> brains() {
        return store.read(r -> r.directory().brains());
    }

    @Override
    public Optional<Brain> brain(long brainId) {
        return store.read(r -> r.directory().brain(brainId));
    }

    @Override
    public Brain createBrain(long environmentId, String name, String connectorType, long actingAgentId) {
        String cleanName = name(name, "name");
        String cleanType = name(connectorType, "connectorType");
        return setup(actingAgentId, "create a Brain", c -> {
            Environment e = environmentOf(c, environmentId);
            Brain created = c.directory().saveBrain(new Brain(0, environmentId, cleanName, cleanType));
            c.audit(actingAgentId, AuditChange.of("brain.create", "brain", created.id(), cleanName, "",
                    cleanType + " Brain in " + e.name()));
            return created;
        });
    }

    @Override
    public List<Agent> agents() {
        return store.read(r -> r.directory().agents());
    }

    @Override
    public Optional<Agent> agent(long agentId) {
        return store.read(r -> r.directory().agent(agentId));
    }

    @Override
    public Optional<Agent> agentByEmail(String email) {
        return store.read(r -> r.directory().agentByEmail(email.strip().toLowerCase(Locale.ROOT)));
    }

    @Override
    public Agent createAgent(String name, String email, AgentRole role, long actingAgentId) {
        String cleanName = name(name, "name");
        String cleanEmail = email(email);
        return setup(actingAgentId, "add an agent", c -> {
            if (c.directory().agentByEmail(cleanEmail).isPresent()) {
                throw ValidationException.of("email", "An agent with " + cleanEmail + " exists already");
            }
            Agent created = c.directory().saveAgent(new Agent(0, cleanName, cleanEmail, role));
            c.audit(actingAgentId, AuditChange.of("agent.create", "agent", created.id(), cleanName, "",
                    accountText(created)));
            return created;
        });
    }

    @Override
    public Agent setPresence(long agentId, Presence presence, long actingAgentId) {
        java.util.Objects.requireNonNull(presence, "presence");
        return runner.change(c -> {
            Agent agent = c.directory().agent(agentId).orElseThrow(() -> new NotFoundException("Agent", agentId));
            if (agentId != actingAgentId) {
                Permissions.requireAdmin(c, actingAgentId, "set " + agent.name() + "'s presence");
            }
            Agent saved = c.directory().saveAgent(agent.with(agent.name(), agent.role(), presence, agent.active()));
            c.publish(new StoredEvent(DirectoryEvents.PRESENCE_CHANGED, Map.of(DirectoryEvents.AGENT_ID, agentId)));
            return saved;
        });
    }

    @Override
    public String issueApiToken(long agentId, long actingAgentId) {
        return accounts.issueApiToken(agentId, ADMIN_API_TOKEN, actingAgentId);
    }

    @Override
    public Optional<Agent> agentByApiToken(String token) {
        return accounts.agentByToken(token);
    }

    @Override
    public Agent ensureFirstAdmin(String name, String email) {
        String cleanName = name(name, "name");
        String cleanEmail = email(email);
        return runner.change(c -> c.directory().agents().stream().filter(Agent::isAdmin).findFirst()
                .orElseGet(() -> {
                    Agent first = c.directory().saveAgent(new Agent(0, cleanName, cleanEmail, AgentRole.ADMIN));
                    c.audit(0, AuditChange.of("agent.create", "agent", first.id(), cleanName, "",
                            accountText(first) + " (the first admin)"));
                    return first;
                }));
    }

    @Override
    public int renameTag(String from, String to, long actingAgentId) {
        String old = Tag.normalize(from == null ? "" : from);
        String target = ConversationRules.tagName(to);
        if (old.isEmpty()) {
            throw ValidationException.of("tag", "Name the tag to rename");
        }
        if (old.equals(target)) {
            return 0;
        }
        return setup(actingAgentId, "rename a tag", c -> {
            int conversations = c.directory().renameTag(old, target);
            c.audit(actingAgentId, new AuditChange("tag.rename", "tag", old, old, old,
                    target + " (on " + conversations + " conversations)"));
            return conversations;
        });
    }

    @Override
    public int deleteTag(String tag, long actingAgentId) {
        String name = Tag.normalize(tag == null ? "" : tag);
        if (name.isEmpty()) {
            throw ValidationException.of("tag", "Name the tag to delete");
        }
        return setup(actingAgentId, "delete a tag", c -> {
            int conversations = c.directory().deleteTag(name);
            c.audit(actingAgentId, new AuditChange("tag.delete", "tag", name, name,
                    name + " (on " + conversations + " conversations)", ""));
            return conversations;
        });
    }

    @Override
    public List<QuickResponse> quickResponses(long environmentId) {
        return store.read(r -> r.directory().quickResponses(environmentId));
    }

    @Override
    public QuickResponse saveQuickResponse(long environmentId, String shortcut, String text, long actingAgentId) {
        String cleanShortcut = shortcut == null ? "" : shortcut.strip().replaceFirst("^/", "").toLowerCase(Locale.ROOT);
        if (!SHORTCUT.matcher(cleanShortcut).matches()) {
            throw ValidationException.of("shortcut", "A shortcut is 1 to 32 letters, digits, '-' or '_'");
        }
        if (text == null || text.isBlank() || text.length() > ConversationRules.MAX_TEXT_LENGTH) {
            throw ValidationException.of("text", "A quick response needs a text");
        }
        return setup(c -> Permissions.requireSupervisor(c, actingAgentId, "change the quick responses"), c -> {
            environmentOf(c, environmentId);
            Optional<QuickResponse> existing = c.directory().quickResponses(environmentId).stream()
                    .filter(q -> q.shortcut().equals(cleanShortcut)).findFirst();
            QuickResponse saved = c.directory().saveQuickResponse(new QuickResponse(
                    existing.map(QuickResponse::id).orElse(0L), environmentId, cleanShortcut, text.strip()));
            c.audit(actingAgentId, AuditChange.of(existing.isPresent() ? "quickResponse.update" : "quickResponse.create",
                    "quickResponse", saved.id(), "/" + cleanShortcut, existing.map(QuickResponse::text).orElse(""),
                    saved.text()));
            return saved;
        });
    }

    @Override
    public void deleteQuickResponse(long quickResponseId, long actingAgentId) {
        setup(c -> Permissions.requireSupervisor(c, actingAgentId, "delete a quick response"), c -> {
            QuickResponse gone = c.directory().quickResponse(quickResponseId)
                    .orElseThrow(() -> new NotFoundException("Quick response", quickResponseId));
            c.directory().deleteQuickResponse(quickResponseId);
            c.audit(actingAgentId, AuditChange.of("quickResponse.delete", "quickResponse", gone.id(),
                    "/" + gone.shortcut(), gone.text(), ""));
            return null;
        });
    }

    /** A change of the set-up only admins make ({@code what} names it for the refusal). */
    private <T> T setup(long actingAgentId, String what, Function<ChangeSet, T> work) {
        return setup(c -> Permissions.requireAdmin(c, actingAgentId, what), work);
    }

    private <T> T setup(Consumer<ChangeSet> check, Function<ChangeSet, T> work) {
        return runner.change(c -> {
            check.accept(c);
            T result = work.apply(c);
            c.publish(new StoredEvent(DirectoryEvents.SETUP_CHANGED, Map.of()));
            return result;
        });
    }

    static String accountText(Agent agent) {
        return agent.name() + " <" + agent.email() + ">, " + agent.role().name().toLowerCase(Locale.ROOT);
    }

    private static Environment environmentOf(ChangeSet c, long environmentId) {
        return c.directory().environment(environmentId)
                .orElseThrow(() -> new NotFoundException("Environment", environmentId));
    }

    static String name(String value, String field) {
        if (value == null || value.isBlank() || value.strip().length() > 100) {
            throw ValidationException.of(field, "Needs 1 to 100 characters");
        }
        return value.strip();
    }

    static String email(String value) {
        String clean = value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
        if (!ContactUpdate.EMAIL.matcher(clean).matches()) {
            throw ValidationException.of("email", "Not an email address: expected name@example.com");
        }
        return clean;
    }
}
