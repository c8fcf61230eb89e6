package org.humanchat.core.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.humanchat.api.model.Agent;
import org.humanchat.api.model.AgentRole;
import org.humanchat.api.model.ContactUpdate;
import org.humanchat.api.model.Conversation;
import org.humanchat.api.model.Message;
import org.humanchat.api.model.Presence;
import org.humanchat.api.service.AccountService;
import org.humanchat.api.service.ContactService;
import org.humanchat.api.service.ConversationService;
import org.humanchat.api.service.DirectoryService;
import org.humanchat.api.service.PermissionDeniedException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The roles, enforced by the core services themselves: every state-changing method of the conversation, contact and
 * directory services is called by an admin, a supervisor and an agent, on each kind of conversation it applies to.
 * Allowed calls change what they should; refused ones throw {@link PermissionDeniedException} and change nothing,
 * whatever called the service (a desk's widgets are not what keeps an agent from the settings).
 */
abstract class RolesContract extends DeskContract {

    /** Whose conversation the call is about, as seen by the agent who acts. */
    enum Whose {
        OWN, UNASSIGNED, BRAIN, ANOTHER_AGENTS
    }

    /** A state-changing call, made by {@code actor}. */
    interface Call {
        void by(Agent actor, Fixture fixture);
    }

    /** A conversation call, made by {@code actor} on {@code conversationId}. */
    interface ConversationCall {
        void by(Agent actor, long conversationId);
    }

    /** What a call needs: the desk, and a conversation, contact or agent of its own where it changes one. */
    final class Fixture {
        final Desk desk = RolesContract.this.desk;
        final Agent carl = RolesContract.this.carl;
        final String unique = "n" + counter.incrementAndGet();
        /** What {@link Rule#prepare} made for the call, e.g. a quick response's id. */
        long prepared;
    }

    private final AtomicInteger counter = new AtomicInteger();
    private Agent sue;
    private Agent carl;

    /** Methods that change nothing an agent owns, or are called by channels and Brains, not by agents. */
    private static final Set<String> NOT_AN_AGENTS_CHANGE = Set.of(
            "receive", "receiveLater", "brainReply", "handOver", "brainResolve", "ensureFirstAdmin",
            // before anybody is signed in: the first admin, signing in and out, a password set with a code
            "createFirstAdmin", "signIn", "signInLocalAdmin", "signOut", "setPasswordWithCode",
            // the agent's own unread marker: the acting agent is the one whose marker it is
            "markSeen");
    private static final Set<String> READS = Set.of("find", "latestOf", "messages", "conversations",
            "environments", "environment", "channels", "channel", "brains", "brain", "agents", "agent",
            "agentByEmail", "agentByApiToken", "quickResponses", "needsFirstAdmin", "agentByToken",
            "passwordProblem", "tokens");

    private static final Set<AgentRole> EVERYONE = EnumSet.allOf(AgentRole.class);
    private static final Set<AgentRole> SUPERVISORS = EnumSet.of(AgentRole.SUPERVISOR, AgentRole.ADMIN);
    private static final Set<AgentRole> ADMINS = EnumSet.of(AgentRole.ADMIN);
    private static final Set<AgentRole> NOBODY = EnumSet.noneOf(AgentRole.class);

    @BeforeEach
    void moreAgents() {
        sue = desk.directory.createAgent("Sue", "sue@example.com", AgentRole.SUPERVISOR, desk.ana.id());
        carl = desk.directory.createAgent("Carl", "carl@example.com", AgentRole.AGENT, desk.ana.id());
    }

    private Agent actorIn(AgentRole role) {
        return switch (role) {
            case ADMIN -> desk.ana;
            case SUPERVISOR -> sue;
            case AGENT -> desk.bob;
        };
    }

    /**
     * A conversation call: {@code prepare} (as the admin, e.g. resolving before a reopen) then the call by the
     * actor. Allowed on one's own, unassigned and Brain conversations; on another agent's only for supervisors and
     * admins.
     */
    private record ConversationRule(java.util.function.LongConsumer prepare, ConversationCall call) {

        static ConversationRule of(ConversationCall call) {
            return new ConversationRule(id -> { }, call);
        }
    }

    private Map<String, ConversationRule> conversationCalls() {
        return Map.of(
                "reply", ConversationRule.of((actor, id) -> desk.conversations.reply(id, actor.id(), "On it",
                        List.of(), true)),
                "assignToAgent", ConversationRule.of((actor, id) -> desk.conversations.assignToAgent(id, sue.id(),
                        actor.id())),
                "assignToBrain", ConversationRule.of((actor, id) -> desk.conversations.assignToBrain(id,
                        desk.rules.id(), actor.id())),
                "unassign", ConversationRule.of((actor, id) -> desk.conversations.unassign(id, actor.id())),
                "resolve", ConversationRule.of((actor, id) -> desk.conversations.resolve(id, actor.id())),
                "reopen", new ConversationRule(id -> desk.conversations.resolve(id, desk.ana.id()),
                        (actor, id) -> desk.conversations.reopen(id, actor.id())),
                "tag", ConversationRule.of((actor, id) -> desk.conversations.tag(id, "vip", actor.id())),
                "untag", new ConversationRule(id -> desk.conversations.tag(id, "vip", desk.ana.id()),
                        (actor, id) -> desk.conversations.untag(id, "vip", actor.id())));
    }

    /**
     * The other calls, with the roles allowed to make them; {@code prepare} sets up (as the admin) what the call
     * changes, before the state a refused call must leave alone is taken.
     */
    private record Rule(Set<AgentRole> allowed, java.util.function.Consumer<Fixture> prepare, Call call) {

        Rule(Set<AgentRole> allowed, Call call) {
            this(allowed, f -> { }, call);
        }
    }

    private Map<String, Rule> otherCalls() {
        return Map.ofEntries(
                Map.entry("update", new Rule(EVERYONE, (actor, f) -> {
                    long contact = f.desk.userWrites(f.desk.whatsapp, f.unique, "Hi").conversationId();
                    long contactId = f.desk.conversations.find(contact).orElseThrow().contactId();
                    f.desk.contacts.update(contactId, new ContactUpdate("Kim " + f.unique, "", "", ""), actor.id());
                })),
                Map.entry("createEnvironment", new Rule(ADMINS,
                        (actor, f) -> f.desk.directory.createEnvironment("env " + f.unique, actor.id()))),
                Map.entry("renameEnvironment", new Rule(ADMINS, (actor, f) -> f.desk.directory
                        .renameEnvironment(f.desk.production.id(), "production " + f.unique, actor.id()))),
                Map.entry("setHumanChatEnabled", new Rule(ADMINS, (actor, f) -> f.desk.directory
                        .setHumanChatEnabled(f.desk.production.id(), false, actor.id()))),
                Map.entry("setFallbackText", new Rule(ADMINS, (actor, f) -> f.desk.directory
                        .setFallbackText(f.desk.production.id(), "Write to us " + f.unique, actor.id()))),
                Map.entry("setBusinessHours", new Rule(ADMINS, (actor, f) -> f.desk.directory.setBusinessHours(
                        f.desk.production.id(), "Mon-Fri 09:00-17:00", "UTC", "Closed " + f.unique, actor.id()))),
                Map.entry("createChannel", new Rule(ADMINS, (actor, f) -> f.desk.directory
                        .createChannel(f.desk.production.id(), "webhook", "Hook " + f.unique, actor.id()))),
                Map.entry("setDefaultBrain", new Rule(ADMINS, (actor, f) -> f.desk.directory
                        .setDefaultBrain(f.desk.whatsapp.id(), f.desk.rules.id(), actor.id()))),
                Map.entry("createBrain", new Rule(ADMINS, (actor, f) -> f.desk.directory
                        .createBrain(f.desk.production.id(), "Bot " + f.unique, "rules", actor.id()))),
                Map.entry("createAgent", new Rule(ADMINS, (actor, f) -> f.desk.directory
                        .createAgent("Dee " + f.unique, f.unique + "@example.com", AgentRole.AGENT, actor.id()))),
                Map.entry("setPresence", new Rule(ADMINS, (actor, f) -> f.desk.directory
                        .setPresence(f.carl.id(), Presence.AWAY, actor.id()))),
                Map.entry("issueApiToken", new Rule(ADMINS, (actor, f) -> f.desk.directory
                        .issueApiToken(f.carl.id(), actor.id()))),
                Map.entry("revoke", new Rule(ADMINS, f -> {
                    f.desk.accounts.issueApiToken(f.carl.id(), "script " + f.unique, f.desk.ana.id());
                    f.prepared = f.desk.accounts.tokens(f.carl.id(), f.desk.ana.id()).get(0).id();
                }, (actor, f) -> f.desk.accounts.revoke(f.prepared, actor.id()))),
                Map.entry("signOutEverywhere", new Rule(ADMINS, (actor, f) -> f.desk.accounts
                        .signOutEverywhere(f.carl.id(), actor.id()))),
                Map.entry("issueSetPasswordCode", new Rule(ADMINS, (actor, f) -> f.desk.accounts
                        .issueSetPasswordCode(f.carl.id(), actor.id()))),
                Map.entry("changePassword", new Rule(NOBODY, (actor, f) -> f.desk.accounts.changePassword(
                        f.carl.id(), "whatever it was".toCharArray(), "a new long passphrase".toCharArray(), "test",
                        actor.id()))),
                Map.entry("rename", new Rule(ADMINS, (actor, f) -> f.desk.accounts.rename(f.carl.id(),
                        "Carla " + f.unique, actor.id()))),
                Map.entry("setRole", new Rule(ADMINS, (actor, f) -> f.desk.accounts.setRole(f.carl.id(),
                        AgentRole.SUPERVISOR, actor.id()))),
                Map.entry("setActive", new Rule(ADMINS, (actor, f) -> f.desk.accounts.setActive(f.carl.id(), false,
                        actor.id()))),
                Map.entry("renameTag", new Rule(ADMINS, f -> tagSomething(f, "old " + f.unique),
                        (actor, f) -> f.desk.directory.renameTag("old " + f.unique, "new " + f.unique, actor.id()))),
                Map.entry("deleteTag", new Rule(ADMINS, f -> tagSomething(f, "gone " + f.unique),
                        (actor, f) -> f.desk.directory.deleteTag("gone " + f.unique, actor.id()))),
                Map.entry("saveQuickResponse", new Rule(SUPERVISORS, (actor, f) -> f.desk.directory
                        .saveQuickResponse(f.desk.production.id(), f.unique, "Thanks, {contact}!", actor.id()))),
                Map.entry("deleteQuickResponse", new Rule(SUPERVISORS,
                        f -> f.prepared = f.desk.directory.saveQuickResponse(f.desk.production.id(), f.unique, "Bye",
                                f.desk.ana.id()).id(),
                        (actor, f) -> f.desk.directory.deleteQuickResponse(f.prepared, actor.id()))));
    }

    private static void tagSomething(Fixture f, String tag) {
        long id = f.desk.userWrites(f.desk.whatsapp, f.unique, "Hi").conversationId();
        f.desk.conversations.tag(id, tag, f.desk.ana.id());
    }

    @Test
    void everyStateChangingMethodOfTheServicesHasARule() {
        Set<String> changing = new TreeSet<>();
        for (Class<?> service : List.of(ConversationService.class, ContactService.class, DirectoryService.class,
                AccountService.class)) {
            Arrays.stream(service.getMethods()).map(Method::getName)
                    .filter(name -> !READS.contains(name) && !NOT_AN_AGENTS_CHANGE.contains(name))
                    .forEach(changing::add);
        }
        Set<String> ruled = new TreeSet<>(conversationCalls().keySet());
        ruled.addAll(otherCalls().keySet());
        assertEquals(changing, ruled, "a new state-changing method needs its row in this contract");
    }

    @TestFactory
    Stream<DynamicTest> conversationCallsOnEachKindOfConversationByEachRole() {
        List<DynamicTest> tests = new ArrayList<>();
        conversationCalls().forEach((method, rule) -> {
            for (AgentRole role : AgentRole.values()) {
                for (Whose whose : Whose.values()) {
                    boolean allowed = whose != Whose.ANOTHER_AGENTS || role.supervises();
                    tests.add(dynamicTest(method + " by " + role + " on " + whose + (allowed ? "" : ": refused"),
                            () -> {
                                Agent actor = actorIn(role);
                                long id = conversation(whose, actor);
                                rule.prepare().accept(id);
                                if (allowed) {
                                    rule.call().by(actor, id);
                                } else {
                                    assertRefusedChangingNothing(id, () -> rule.call().by(actor, id));
                                }
                            }));
                }
            }
        });
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> setUpCallsByEachRole() {
        List<DynamicTest> tests = new ArrayList<>();
        otherCalls().forEach((method, rule) -> {
            for (AgentRole role : AgentRole.values()) {
                boolean allowed = rule.allowed().contains(role);
                tests.add(dynamicTest(method + " by " + role + (allowed ? "" : ": refused"), () -> {
                    Agent actor = actorIn(role);
                    Fixture fixture = new Fixture();
                    rule.prepare().accept(fixture);
                    if (allowed) {
                        rule.call().by(actor, fixture);
                    } else {
                        String before = setUpNow();
                        PermissionDeniedException refused = assertThrows(PermissionDeniedException.class,
                                () -> rule.call().by(actor, fixture));
                        assertTrue(refused.getMessage().contains(actor.name()), refused.getMessage());
                        assertEquals(before, setUpNow(), "a refused call changes nothing");
                    }
                }));
            }
        });
        return tests.stream();
    }

    @Test
    void anAgentSetsTheirOwnPresenceAndTokenAndAnyoneReadsTheSetUp() {
        assertEquals(Presence.AWAY, desk.directory.setPresence(desk.bob.id(), Presence.AWAY, desk.bob.id())
                .presence());
        assertTrue(desk.directory.agentByApiToken(desk.directory.issueApiToken(desk.bob.id(), desk.bob.id()))
                .isPresent());
        assertEquals(desk.production.id(), desk.directory.environment(desk.production.id()).orElseThrow().id());
    }

    @Test
    void anAgentIsToldWhoHandlesTheConversationTheyMayNotTakeOver() {
        long id = conversation(Whose.ANOTHER_AGENTS, desk.bob);

        PermissionDeniedException refused = assertThrows(PermissionDeniedException.class,
                () -> desk.conversations.reply(id, desk.bob.id(), "Mine now", List.of(), true));
        assertEquals("Carl is handling this conversation: only a supervisor or an admin can take it over or change"
                + " it.", refused.getMessage());
    }

    /** A conversation of the kind {@code whose}, as seen by {@code actor}. */
    private long conversation(Whose whose, Agent actor) {
        String sender = "+49151" + (10_000_000 + counter.incrementAndGet());
        return switch (whose) {
            case BRAIN -> desk.userWrites(desk.webchat, sender, "Hello bot").conversationId();
            case UNASSIGNED -> desk.userWrites(desk.whatsapp, sender, "Hello?").conversationId();
            case OWN, ANOTHER_AGENTS -> {
                long id = desk.userWrites(desk.whatsapp, sender, "Hello?").conversationId();
                desk.conversations.assignToAgent(id, whose == Whose.OWN ? actor.id() : carl.id(), desk.ana.id());
                yield id;
            }
        };
    }

    private void assertRefusedChangingNothing(long id, Runnable call) {
        Conversation before = desk.conversations.find(id).orElseThrow();
        List<Message> transcript = desk.conversations.messages(id, 0, 1000);
        assertThrows(PermissionDeniedException.class, call::run);
        assertEquals(before, desk.conversations.find(id).orElseThrow(), "a refused call changes nothing");
        assertEquals(transcript, desk.conversations.messages(id, 0, 1000), "nor the transcript");
    }

    /** What the set-up calls could change, as text to compare. */
    private String setUpNow() {
        return desk.directory.environments() + "|" + desk.directory.channels() + "|" + desk.directory.brains() + "|"
                + desk.directory.agents() + "|" + desk.inbox.tags() + "|"
                + desk.directory.quickResponses(desk.production.id()) + "|"
                + desk.accounts.tokens(carl.id(), desk.ana.id());
    }
}
