package org.humanchat.demo.internal;

import java.io.IOException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;

import org.humanchat.api.connector.ConnectorInstance;
import org.humanchat.api.model.Agent;
import org.humanchat.api.model.AgentRole;
import org.humanchat.api.model.Brain;
import org.humanchat.api.model.Channel;
import org.humanchat.api.model.Environment;
import org.humanchat.api.model.InboundMessage;
import org.humanchat.api.service.AccountService;
import org.humanchat.api.service.ConversationService;
import org.humanchat.api.service.DataFolder;
import org.humanchat.api.service.SignInSession;
import org.humanchat.api.service.DirectoryService;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * With the framework property {@code humanchat.demo=true}, fills an empty desk with a demo environment: agents, a
 * rules Brain, three channels and a dozen conversations in every state, written through the real services (the
 * Brain answers them as it would any message). Runs once: an environment named "Demo" means it ran.
 */
@Component(immediate = true)
public final class DemoData {

    static final String PROPERTY = "humanchat.demo";
    static final String ENVIRONMENT = "Demo";
    static final String ADMIN_EMAIL = "admin@localhost.localdomain";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Logger LOG = LoggerFactory.getLogger(DemoData.class);

    /**
     * Activated once the database is open (the services are registered only then); seeds on a thread of its own, so
     * that the activation, which runs on the thread that opened the database, ends at once.
     */
    @Activate
    public DemoData(BundleContext context, @Reference DirectoryService directory,
            @Reference ConversationService conversations, @Reference ConfigurationAdmin configAdmin,
            @Reference AccountService accounts) {
        if (!Boolean.parseBoolean(context.getProperty(PROPERTY))) {
            return;
        }
        Thread.ofPlatform().name("humanchat-demo-data").daemon().start(() -> {
            try {
                seed(directory, conversations, configAdmin, accounts);
            } catch (RuntimeException | IOException e) {
                LOG.error("Could not create the demo data", e);
            }
        });
    }

    private static void seed(DirectoryService directory, ConversationService conversations,
            ConfigurationAdmin configAdmin, AccountService accounts) throws IOException {
        if (directory.environments().stream().anyMatch(e -> e.name().equals(ENVIRONMENT))) {
            return;
        }
        StringBuilder passwords = new StringBuilder();
        Agent admin;
        if (accounts.needsFirstAdmin()) {
            String password = password();
            SignInSession session = accounts.createFirstAdmin("Demo Admin", ADMIN_EMAIL, password.toCharArray(),
                    "Demo data");
            admin = session.agent();
            keepForTheDesk(session.token());
            passwords.append("\n  ").append(ADMIN_EMAIL).append("  ").append(password).append("  (admin)");
        } else {
            admin = directory.agents().stream().filter(Agent::isAdmin).findFirst().orElseThrow();
        }
        Agent ana = directory.createAgent("Ana Lima", "ana@example.com", AgentRole.AGENT, admin.id());
        Agent ben = directory.createAgent("Ben Okafor", "ben@example.com", AgentRole.SUPERVISOR, admin.id());
        for (Agent agent : List.of(ana, ben)) {
            String password = password();
            accounts.setPasswordWithCode(agent.email(), accounts.issueSetPasswordCode(agent.id(), admin.id()),
                    password.toCharArray(), "demo", "Demo data");
            passwords.append("\n  ").append(agent.email()).append("  ").append(password).append("  (")
                    .append(agent.role().label().toLowerCase(java.util.Locale.ROOT)).append(')');
        }
        accounts.signOutEverywhere(ana.id(), admin.id());
        accounts.signOutEverywhere(ben.id(), admin.id());
        LOG.info("Demo accounts, with passwords shown only now (each can change theirs in File > Account):{}",
                passwords);
        Environment demo = directory.createEnvironment(ENVIRONMENT, admin.id());
        Brain assistant = directory.createBrain(demo.id(), "Assistant", "rules", admin.id());
        Configuration rules = configAdmin.createFactoryConfiguration("org.humanchat.brain.rules", "?");
        Dictionary<String, Object> settings = new Hashtable<>();
        settings.put(ConnectorInstance.BRAIN_LINK, assistant.id());
        rules.update(settings);
        Channel web = directory.setDefaultBrain(
                directory.createChannel(demo.id(), "webchat", "Web chat", admin.id()).id(), assistant.id(), admin.id());
        Configuration widget = configAdmin.createFactoryConfiguration("org.humanchat.channel.webchat", "?");
        Dictionary<String, Object> widgetSettings = new Hashtable<>();
        widgetSettings.put(ConnectorInstance.CHANNEL_LINK, web.id());
        byte[] secret = new byte[24];
        new java.security.SecureRandom().nextBytes(secret);
        widgetSettings.put("sessionSecret", java.util.HexFormat.of().formatHex(secret));
        widget.update(widgetSettings);
        LOG.info("Demo web chat: open http://127.0.0.1:8737/channels/{}/demo (with the endpoint's default address)",
                web.id());
        Channel whatsapp = directory.createChannel(demo.id(), "whatsapp", "WhatsApp +49 30 1234567", admin.id());
        Channel telegram = directory.setDefaultBrain(
                directory.createChannel(demo.id(), "telegram", "Telegram @shop_bot", admin.id()).id(), assistant.id(),
                admin.id());
        directory.saveQuickResponse(demo.id(), "hello", "Hi {contact}, this is {agent}. How can I help you today?",
                admin.id());
        directory.saveQuickResponse(demo.id(), "refund", "Refunds reach your account within 5 working days.",
                admin.id());

        int n = 0;
        write(conversations, web, "visitor-" + ++n, "Maria Lopez", "Hello! What are your opening hours?");
        write(conversations, web, "visitor-" + ++n, "Tom Becker", "How much does the premium plan cost?");
        long waiting = write(conversations, whatsapp, "+4915112345678", "Jonas Weber",
                "My parcel 4711 did not arrive. Can someone help?");
        write(conversations, whatsapp, "+4917623456789", "Aiko Tanaka", "I was charged twice for order 8812");
        write(conversations, telegram, "tg-" + ++n, "Lea Fischer", "I want to talk to a human please");
        long mine = write(conversations, whatsapp, "+4916034567890", "Omar Haddad", "Can I change my delivery address?");
        conversations.reply(mine, admin.id(), "Hi Omar, sure. What is the new address?", List.of(), false);
        write(conversations, whatsapp, "+4916034567890", "Omar Haddad", "Lindenstrasse 5, 10969 Berlin");
        conversations.tag(mine, "delivery", admin.id());
        long anas = write(conversations, whatsapp, "+4915745678901", "Sofia Rossi", "Do you ship to Italy?");
        conversations.reply(anas, ana.id(), "Yes, we ship to Italy within 3 to 5 days.", List.of(), false);
        conversations.tag(anas, "shipping", ana.id());
        long done = write(conversations, whatsapp, "+4915256789012", "Lukas Meyer", "Thanks, the refund arrived!");
        conversations.reply(done, ana.id(), "Great to hear, Lukas. Have a nice day!", List.of(), false);
        conversations.resolve(done, ana.id());
        conversations.tag(waiting, "vip", admin.id());
        LOG.info("Demo data created: environment {}, {} agents", ENVIRONMENT, directory.agents().size());
    }

    /** A random password the demo prints once: 16 letters and digits in groups of four. */
    private static String password() {
        String letters = "abcdefghijkmnpqrstuvwxyz23456789";
        StringBuilder password = new StringBuilder();
        for (int i = 0; i < 16; i++) {
            if (i > 0 && i % 4 == 0) {
                password.append('-');
            }
            password.append(letters.charAt(RANDOM.nextInt(letters.length())));
        }
        return password.toString();
    }

    /**
     * The demo admin stays signed in on this computer: the desk started with the demo finds the session where it
     * keeps its own ("keep me signed in"), readable by the owner only, and opens without a prompt.
     */
    private static void keepForTheDesk(String token) throws IOException {
        DataFolder.writeOwnerOnly(DataFolder.path().resolve(DataFolder.DESK_SESSION_FILE), token);
    }

    private static long write(ConversationService conversations, Channel channel, String sender, String name,
            String text) {
        return conversations.receive(new InboundMessage(channel.id(), sender, name,
                "demo-" + System.nanoTime(), text, List.of(), Instant.now())).conversationId();
    }
}
