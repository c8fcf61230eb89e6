package org.humanchat.core.tests;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;

import org.humanchat.api.model.Agent;
import org.humanchat.api.model.AgentRole;
import org.humanchat.api.model.Brain;
import org.humanchat.api.model.Channel;
import org.humanchat.api.model.Environment;
import org.humanchat.api.model.InboundMessage;
import org.humanchat.api.model.InboundResult;
import org.humanchat.core.internal.AccountRules;
import org.humanchat.core.internal.AuditRules;
import org.humanchat.core.internal.ContactRules;
import org.humanchat.core.internal.DeliveryRules;
import org.humanchat.core.internal.ConversationRules;
import org.humanchat.core.internal.DirectoryRules;
import org.humanchat.core.internal.InboxQueries;
import org.humanchat.core.spi.ConversationStore;
import org.humanchat.persistence.internal.DatabaseSettings;
import org.humanchat.persistence.internal.JpaConversationStore;

/**
 * Test fixture, also used by other test bundles: the real rules on a real store, with a small set-up: environment "production" with Human Chat on, admin Ana,
 * agent Bob, Brain "Rules", a web chat channel whose default Brain is "Rules" and a WhatsApp channel without one.
 */
public final class Desk implements AutoCloseable {

    public final DatabaseSettings settings;
    public final JpaConversationStore store;
    public final RecordingEventAdmin events = new RecordingEventAdmin();
    public final ConversationRules conversations;
    public final ContactRules contacts;
    public final InboxQueries inbox;
    public final DirectoryRules directory;
    public final DeliveryRules deliveries;
    public final AuditRules audit;
    public final AccountRules accounts;

    public final Agent ana;
    public final Agent bob;
    public final Environment production;
    public final Brain rules;
    public final Channel webchat;
    public final Channel whatsapp;

    private final AtomicLong messageIds = new AtomicLong();

    public Desk(DatabaseSettings settings) {
        this(settings, Clock.systemUTC(), UnaryOperator.identity());
    }

    /** With the conversation rules reading {@code clock}: business hours are judged, and messages stamped, by it. */
    public Desk(DatabaseSettings settings, Clock clock) {
        this(settings, clock, UnaryOperator.identity());
    }

    /**
     * @param around what the rules use instead of the real store, given it (e.g. {@link HeldCommits#around}); the
     *               real one stays in {@link #store}
     */
    public Desk(DatabaseSettings settings, UnaryOperator<ConversationStore> around) {
        this(settings, Clock.systemUTC(), around);
    }

    public Desk(DatabaseSettings settings, Clock clock, UnaryOperator<ConversationStore> around) {
        this.settings = settings;
        this.store = new JpaConversationStore(settings);
        ConversationStore used = around.apply(store);
        this.conversations = new ConversationRules(used, events, clock);
        this.contacts = new ContactRules(used, events);
        this.inbox = new InboxQueries(used);
        this.directory = new DirectoryRules(used, events, clock);
        this.deliveries = new DeliveryRules(used, events);
        this.audit = new AuditRules(used, events, clock);
        this.accounts = new AccountRules(used, events, clock);
        this.ana = directory.ensureFirstAdmin("Ana", "ana@example.com");
        this.bob = directory.createAgent("Bob", "bob@example.com", AgentRole.AGENT, ana.id());
        this.production = directory.createEnvironment("production", ana.id());
        this.rules = directory.createBrain(production.id(), "Rules", "rules", ana.id());
        Channel web = directory.createChannel(production.id(), "webchat", "Web chat", ana.id());
        this.webchat = directory.setDefaultBrain(web.id(), rules.id(), ana.id());
        this.whatsapp = directory.createChannel(production.id(), "whatsapp", "WhatsApp", ana.id());
        events.clear();
    }

    /** An end user writes; each call is a new platform message id. */
    public InboundResult userWrites(Channel channel, String sender, String text) {
        return conversations.receive(inbound(channel, sender, "m-" + messageIds.incrementAndGet(), text));
    }

    public static InboundMessage inbound(Channel channel, String sender, String externalId, String text) {
        return new InboundMessage(channel.id(), sender, null, externalId, text, List.of(), Instant.now());
    }

    @Override
    public void close() {
        conversations.close();
        store.close();
        Databases.dropPostgresSchema(settings);
    }
}
