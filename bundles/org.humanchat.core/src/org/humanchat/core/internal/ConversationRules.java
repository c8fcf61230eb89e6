package org.humanchat.core.internal;

import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.TreeSet;
import java.util.function.Predicate;

import org.humanchat.api.event.ConversationEvents;
import org.humanchat.api.model.Agent;
import org.humanchat.api.model.Assignee;
import org.humanchat.api.model.Attachment;
import org.humanchat.api.model.AuthorKind;
import org.humanchat.api.model.Brain;
import org.humanchat.api.model.Channel;
import org.humanchat.api.model.Conversation;
import org.humanchat.api.model.ConversationStatus;
import org.humanchat.api.model.DeliveryState;
import org.humanchat.api.model.Direction;
import org.humanchat.api.model.Environment;
import org.humanchat.api.model.HandoverResult;
import org.humanchat.api.model.InboundMessage;
import org.humanchat.api.model.InboundResult;
import org.humanchat.api.model.Message;
import org.humanchat.api.model.Tag;
import org.humanchat.api.service.ConversationOwnedException;
import org.humanchat.api.service.ConversationService;
import org.humanchat.api.service.HumanChatException;
import org.humanchat.api.service.NotFoundException;
import org.humanchat.api.service.ValidationException;
import org.humanchat.core.spi.ConversationStore;
import org.humanchat.core.spi.StoredEvent;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.event.EventAdmin;

/** The rules of a conversation's life: who handles it, who may answer, and what the timeline records. */
@Component(service = ConversationService.class)
public final class ConversationRules implements ConversationService {

    static final int MAX_TEXT_LENGTH = 20_000;
    private static final int MAX_PAGE = 1_000;

    private final ConversationStore store;
    private final ChangeRunner runner;
    /**
     * Inbound messages waiting for the writer at most: about half a second of its work at full speed; a flood beyond
     * it is refused (503 to the platform, which delivers again) rather than queued without end.
     */
    static final int MAX_QUEUED = 5_000;
    private final GroupCommit<InboundMessage, InboundResult> ingest = new GroupCommit<>("hc-ingest", 200, MAX_QUEUED,
            this::receiveAll);

    @Activate
    public ConversationRules(@Reference ConversationStore store, @Reference EventAdmin eventAdmin) {
        this(store, eventAdmin, Clock.systemUTC());
    }

    public ConversationRules(ConversationStore store, EventAdmin eventAdmin, Clock clock) {
        this.store = store;
        this.runner = new ChangeRunner(store, eventAdmin, clock);
    }

    /** Inbound messages still queued are written before this returns (up to 10 s); later ones are refused. */
    @Deactivate
    public void close() {
        ingest.close();
    }

    @Override
    public InboundResult receive(InboundMessage message) {
        InboundMessage inbound = storable(message);
        checkText(inbound.text(), inbound.attachments());
        return ingest.submit(inbound);
    }

    @Override
    public CompletionStage<InboundResult> receiveLater(InboundMessage message) {
        InboundMessage inbound;
        try {
            inbound = storable(message);
            checkText(inbound.text(), inbound.attachments());
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        return ingest.submitLater(inbound);
    }

    /**
     * The message as the database can keep it, whatever a platform sent: U+0000 (which PostgreSQL refuses in text,
     * so that the message would be answered 503 and redelivered for days) becomes U+FFFD, a sender's name is cut
     * to what a contact's name holds, a file's name to 255 characters (keeping its extension), and a media type
     * that is no media type becomes application/octet-stream. Checked before the database sees it, so that one
     * such message never costs its group-commit batch a retry.
     */
    static InboundMessage storable(InboundMessage m) {
        List<Attachment> files = m.attachments().stream().map(a -> new Attachment(fileName(a.name()),
                mediaType(a.mediaType()), a.size(), a.contentHash())).toList();
        String name = m.senderNameHint() == null ? null : cut(Texts.storable(m.senderNameHint()), MAX_NAME_LENGTH);
        return new InboundMessage(m.channelId(), Texts.storable(m.senderExternalId()), name,
                Texts.storable(m.externalMessageId()), Texts.storable(m.text()), files, m.receivedAt());
    }

    static final int MAX_NAME_LENGTH = 200;

    private static String fileName(String name) {
        String clean = Texts.storable(name);
        if (clean.length() <= 255) {
            return clean;
        }
        int dot = clean.lastIndexOf('.');
        String extension = dot > 0 && clean.length() - dot <= 16 ? clean.substring(dot) : "";
        return clean.substring(0, 255 - extension.length()) + extension;
    }

    private static String mediaType(String type) {
        return type != null && type.length() <= 255 && type.matches("[\\w.+-]+/[\\w.+-]+(;.*)?") && !type.contains("\0")
                ? type : "application/octet-stream";
    }

    private static String cut(String text, int length) {
        return text.length() <= length ? text : text.substring(0, length);
    }

    /** How the group commit of inbound messages did so far (for benchmarks and diagnostics). */
    public GroupCommit.Statistics ingestStatistics() {
        return ingest.statistics();
    }

    /** Stores a batch of inbound messages in one transaction: one commit for all of them (group commit). */
    private List<InboundResult> receiveAll(List<InboundMessage> batch) {
        return runner.change(c -> {
            List<InboundResult> results = new java.util.ArrayList<>(batch.size());
            for (InboundMessage inbound : batch) {
                results.add(receiveIn(c, inbound));
                c.checkpoint(); // each message's rows are written; the next starts with nothing loaded
            }
            return results;
        });
    }

    private InboundResult receiveIn(ChangeSet c, InboundMessage inbound) {
        Channel channel = c.directory().channel(inbound.channelId())
                .orElseThrow(() -> new NotFoundException("Channel", inbound.channelId()));
        long contactId = c.contacts().forIdentity(channel.id(), inbound.senderExternalId(), inbound.senderNameHint());
        // The conversation's lock orders concurrent messages of one sender, redeliveries included: the duplicate
        // check after it sees whatever an earlier delivery committed. Lock order everywhere: contact, conversation,
        // counters (this path locks no contact row).
        Optional<Conversation> latest = c.conversations().lockLatest(contactId, channel.id());
        Optional<Message> earlier = c.conversations().byExternalId(channel.id(), inbound.externalMessageId());
        if (earlier.isPresent()) {
            return new InboundResult(earlier.get().conversationId(), earlier.get().id(), true);
        }
        Environment environment = environmentOf(c, channel.environmentId());
        Conversation conversation;
        String opened;
        if (latest.isEmpty()) {
            conversation = c.conversations().save(new Conversation(0, channel.environmentId(), channel.id(),
                    contactId, ConversationStatus.OPEN, firstHandler(c, channel), Set.of(), c.now, c.now, null,
                    null, null));
            opened = ConversationEvents.CREATED;
        } else if (!latest.get().isOpen()) {
            Conversation resolved = latest.get();
            conversation = c.conversations().save(resolved.withStatus(ConversationStatus.OPEN, c.now)
                    .withAssignee(firstHandler(c, channel)).withLastMessageAt(c.now));
            c.timeline(conversation, "Reopened by a new message");
            opened = ConversationEvents.REOPENED;
        } else {
            conversation = c.conversations().save(latest.get().withLastMessageAt(c.now));
            opened = null;
        }
        Message message = c.message(conversation, new Message(0, conversation.id(), Direction.INBOUND,
                AuthorKind.END_USER, 0, inbound.text(), inbound.attachments(), inbound.externalMessageId(),
                DeliveryState.RECEIVED, null, inbound.receivedAt()));
        if (opened != null) {
            c.publish(opened, conversation, Map.of(ConversationEvents.MESSAGE_ID, message.id()));
        }
        if (conversation.isWaitingForHuman() && !environment.humanChatEnabled()) {
            conversation = closeWithFallback(c, conversation, environment);
        } else if (conversation.isWaitingForHuman() && opened != null) {
            tellIfOutOfHours(c, conversation, environment);
        }
        return new InboundResult(conversation.id(), message.id(), false);
    }

    /** The channel's default Brain if it has one (and it still exists), else nobody: a human will take it. */
    private static Assignee firstHandler(ChangeSet c, Channel channel) {
        return channel.defaultBrain().flatMap(c.directory()::brain).map(b -> Assignee.brain(b.id()))
                .orElse(Assignee.NOBODY);
    }

    /**
     * No Brain to talk to and Human Chat off: nobody will answer, so the end user gets the fallback text at once and
     * the conversation is closed (the message stays readable in Closed, and the next message reopens it).
     */
    private Conversation closeWithFallback(ChangeSet c, Conversation conversation, Environment environment) {
        c.reply(conversation, new Message(0, conversation.id(), Direction.OUTBOUND, AuthorKind.SYSTEM, 0,
                environment.fallbackText(), List.of(), null, DeliveryState.PENDING, null, c.now));
        c.timeline(conversation, "Human Chat is off in " + environment.name() + ": fallback text sent");
        Conversation closed = c.conversations().save(conversation.withStatus(ConversationStatus.RESOLVED, c.now));
        c.publish(ConversationEvents.RESOLVED, closed, Map.of());
        return closed;
    }

    /** A conversation reaches humans outside business hours: it waits for them, and the end user is told so. */
    private static void tellIfOutOfHours(ChangeSet c, Conversation conversation, Environment environment) {
        if (environment.businessHours().isOpen(c.now)) {
            return;
        }
        c.reply(conversation, new Message(0, conversation.id(), Direction.OUTBOUND, AuthorKind.SYSTEM, 0,
                environment.outOfHoursText(), List.of(), null, DeliveryState.PENDING, null, c.now));
        c.timeline(conversation, "Outside business hours (" + environment.businessHours().text() + ", "
                + environment.businessHours().zone() + "): out-of-hours text sent");
    }

    @Override
    public Message reply(long conversationId, long agentId, String typed, List<Attachment> attachments,
            boolean takeOver) {
        String text = Texts.storable(typed);
        checkText(text, attachments);
        return runner.change(c -> {
            Conversation conversation = lock(c, conversationId);
            Agent agent = Permissions.requireMayWork(c, conversation, agentId);
            if (conversation.assignee() instanceof Assignee.ToAgent owner && owner.agentId() != agentId) {
                if (!takeOver) {
                    throw new ConversationOwnedException(conversationId, owner.agentId(),
                            c.directory().agent(owner.agentId()).map(Agent::name).orElse("Another agent"));
                }
            }
            if (!conversation.isOpen()) {
                conversation = c.conversations().save(conversation.withStatus(ConversationStatus.OPEN, c.now));
                c.timeline(conversation, "Reopened by " + agent.name());
                c.publish(ConversationEvents.REOPENED, conversation, actor(agentId));
            }
            conversation = moveTo(c, conversation, Assignee.agent(agentId), agent, takeOverText(c, conversation, agent));
            Conversation answered = conversation.firstHumanReplyAt() == null
                    ? conversation.withFirstHumanReplyAt(c.now)
                    : conversation;
            answered = c.conversations().save(answered.withLastMessageAt(c.now));
            return c.reply(answered, new Message(0, conversationId, Direction.OUTBOUND, AuthorKind.AGENT, agentId,
                    text, attachments, null, DeliveryState.PENDING, null, c.now));
        });
    }

    private static String takeOverText(ChangeSet c, Conversation conversation, Agent agent) {
        if (conversation.assignee() instanceof Assignee.ToAgent previous) {
            String previousName = c.directory().agent(previous.agentId()).map(Agent::name).orElse("another agent");
            return agent.name() + " took over from " + previousName;
        }
        return "Assigned to " + agent.name();
    }

    @Override
    public Message brainReply(long conversationId, long brainId, String text, List<Attachment> attachments) {
        checkText(text, attachments);
        return runner.change(c -> {
            Conversation conversation = lock(c, conversationId);
            requireHandledBy(c, conversation, brainId);
            Conversation updated = c.conversations().save(conversation.withLastMessageAt(c.now));
            return c.reply(updated, new Message(0, conversationId, Direction.OUTBOUND, AuthorKind.BRAIN, brainId,
                    text, attachments, null, DeliveryState.PENDING, null, c.now));
        });
    }

    private static void requireHandledBy(ChangeSet c, Conversation conversation, long brainId) {
        if (!(conversation.isHandledByBrain() && conversation.assignee().id() == brainId)) {
            String name = c.directory().brain(brainId).map(Brain::name).orElse("Brain " + brainId);
            throw new HumanChatException(name + " no longer handles conversation " + conversation.id());
        }
    }

    @Override
    public HandoverResult handOver(long conversationId, long brainId, String reason) {
        String why = reason == null || reason.isBlank() ? "no reason given" : reason.strip();
        return runner.change(c -> {
            Conversation conversation = lock(c, conversationId);
            requireHandledBy(c, conversation, brainId);
            Brain brain = brainOf(c, brainId);
            Environment environment = environmentOf(c, conversation.environmentId());
            if (!environment.humanChatEnabled()) {
                c.timeline(conversation, brain.name() + " asked for a human (" + why + "), but Human Chat is off in "
                        + environment.name() + ": fallback text sent");
                Conversation updated = c.conversations().save(conversation.withLastMessageAt(c.now));
                c.reply(updated, new Message(0, conversationId, Direction.OUTBOUND, AuthorKind.BRAIN, brainId,
                        environment.fallbackText(), List.of(), null, DeliveryState.PENDING, null, c.now));
                return HandoverResult.REFUSED_HUMAN_CHAT_DISABLED;
            }
            Conversation handedOver = c.conversations().save(
                    conversation.withAssignee(Assignee.NOBODY).withHandedOverAt(c.now));
            c.timeline(handedOver, brain.name() + " handed over to humans: " + why);
            c.publish(ConversationEvents.HANDED_OVER, handedOver,
                    Map.of(ConversationEvents.BRAIN_ID, brainId, ConversationEvents.REASON, why));
            c.publish(ConversationEvents.ASSIGNED, handedOver, previous(conversation.assignee(), 0));
            tellIfOutOfHours(c, handedOver, environment);
            return HandoverResult.HANDED_OVER;
        });
    }

    @Override
    public Conversation brainResolve(long conversationId, long brainId) {
        return runner.change(c -> {
            Conversation conversation = lock(c, conversationId);
            requireHandledBy(c, conversation, brainId);
            Conversation resolved = c.conversations().save(conversation.withStatus(ConversationStatus.RESOLVED, c.now));
            c.timeline(resolved, "Resolved by " + brainOf(c, brainId).name());
            c.publish(ConversationEvents.RESOLVED, resolved, Map.of(ConversationEvents.BRAIN_ID, brainId));
            return resolved;
        });
    }

    @Override
    public Conversation assignToAgent(long conversationId, long agentId, long actingAgentId) {
        return runner.change(c -> {
            Conversation conversation = lock(c, conversationId);
            Agent actor = Permissions.requireMayWork(c, conversation, actingAgentId);
            Agent agent = agentOf(c, agentId);
            String text = agentId == actingAgentId ? agent.name() + " took the conversation"
                    : "Assigned to " + agent.name() + " by " + actor.name();
            return moveTo(c, conversation, Assignee.agent(agentId), actor, text);
        });
    }

    @Override
    public Conversation assignToBrain(long conversationId, long brainId, long actingAgentId) {
        return runner.change(c -> {
            Conversation conversation = lock(c, conversationId);
            Agent actor = Permissions.requireMayWork(c, conversation, actingAgentId);
            Brain brain = brainOf(c, brainId);
            if (brain.environmentId() != conversation.environmentId()) {
                throw ValidationException.of("brain", brain.name() + " belongs to another environment");
            }
            Conversation moved = moveTo(c, conversation, Assignee.brain(brainId), actor,
                    "Handed back to " + brain.name() + " by " + actor.name());
            if (!moved.isOpen()) {
                moved = c.conversations().save(moved.withStatus(ConversationStatus.OPEN, c.now));
                c.publish(ConversationEvents.REOPENED, moved, actor(actingAgentId));
            }
            return moved;
        });
    }

    @Override
    public Conversation unassign(long conversationId, long actingAgentId) {
        return runner.change(c -> {
            Conversation conversation = lock(c, conversationId);
            Agent actor = Permissions.requireMayWork(c, conversation, actingAgentId);
            return moveTo(c, conversation, Assignee.NOBODY, actor, "Unassigned by " + actor.name());
        });
    }

    /**
     * Gives the conversation to a new assignee, recording it on the timeline; a Brain that was handling it leaves
     * (and is told so through {@link ConversationEvents#BRAIN_LEFT}). No change when the assignee is the same.
     */
    static Conversation moveTo(ChangeSet c, Conversation conversation, Assignee to, Agent actor,
            String timelineText) {
        Assignee from = conversation.assignee();
        if (from.equals(to)) {
            return conversation;
        }
        Conversation moved = c.conversations().save(conversation.withAssignee(to));
        if (from instanceof Assignee.ToBrain brain) {
            String name = c.directory().brain(brain.brainId()).map(Brain::name).orElse("The Brain");
            c.timeline(moved, name + " left");
            c.publish(ConversationEvents.BRAIN_LEFT, moved, Map.of(ConversationEvents.BRAIN_ID, brain.brainId(),
                    ConversationEvents.ACTING_AGENT_ID, actor.id()));
        }
        c.timeline(moved, timelineText);
        c.publish(ConversationEvents.ASSIGNED, moved, previous(from, actor.id()));
        return moved;
    }

    @Override
    public Conversation resolve(long conversationId, long actingAgentId) {
        return changeStatus(conversationId, actingAgentId, ConversationStatus.RESOLVED);
    }

    @Override
    public Conversation reopen(long conversationId, long actingAgentId) {
        return changeStatus(conversationId, actingAgentId, ConversationStatus.OPEN);
    }

    /** An agent resolves or reopens; no change (and no timeline entry) when it is in that status already. */
    private Conversation changeStatus(long conversationId, long actingAgentId, ConversationStatus target) {
        return runner.change(c -> {
            Conversation conversation = lock(c, conversationId);
            Agent actor = Permissions.requireMayWork(c, conversation, actingAgentId);
            if (conversation.status() == target) {
                return conversation;
            }
            Conversation changed = c.conversations().save(conversation.withStatus(target, c.now));
            boolean resolved = target == ConversationStatus.RESOLVED;
            c.timeline(changed, (resolved ? "Resolved by " : "Reopened by ") + actor.name());
            c.publish(resolved ? ConversationEvents.RESOLVED : ConversationEvents.REOPENED, changed,
                    actor(actingAgentId));
            return changed;
        });
    }

    @Override
    public Conversation tag(long conversationId, String tag, long actingAgentId) {
        String name = tagName(tag);
        return retag(conversationId, actingAgentId, tags -> tags.add(name), "Tagged \"" + name + "\"");
    }

    @Override
    public Conversation untag(long conversationId, String tag, long actingAgentId) {
        String name = tagName(tag);
        return retag(conversationId, actingAgentId, tags -> tags.remove(name), "Tag \"" + name + "\" removed");
    }

    /** A tag's name as kept: normalized and checked (also for renaming tags in the directory). */
    static String tagName(String tag) {
        if (tag == null || Tag.normalize(tag).isEmpty()) {
            throw ValidationException.of("tag", "A tag needs a name");
        }
        String name = Tag.normalize(tag);
        if (name.length() > 50 || name.contains(",") || name.contains("|")) {
            throw ValidationException.of("tag", "A tag has at most 50 characters and no ',' or '|'");
        }
        return name;
    }

    private Conversation retag(long conversationId, long actingAgentId, Predicate<Set<String>> edit,
            String what) {
        return runner.change(c -> {
            Conversation conversation = lock(c, conversationId);
            Agent actor = Permissions.requireMayWork(c, conversation, actingAgentId);
            Set<String> tags = new HashSet<>(conversation.tags());
            if (!edit.test(tags)) {
                return conversation;
            }
            tags.forEach(c.directory()::rememberTag);
            Conversation tagged = c.conversations().save(conversation.withTags(tags));
            c.timeline(tagged, what + " by " + actor.name());
            c.publish(ConversationEvents.TAGGED, tagged, Map.of(ConversationEvents.TAGS,
                    String.join(",", new TreeSet<>(tags)), ConversationEvents.ACTING_AGENT_ID, actingAgentId));
            return tagged;
        });
    }

    @Override
    public Optional<Conversation> find(long conversationId) {
        return store.read(r -> r.conversations().find(conversationId));
    }

    @Override
    public void markSeen(long conversationId, long agentId) {
        runner.change(c -> {
            Conversation conversation = c.conversations().find(conversationId)
                    .orElseThrow(() -> new NotFoundException("Conversation", conversationId));
            // Read up to the latest message, on the clock that stamped it (the process that stored the messages
            // may not be this desk's): a desk whose clock runs ahead must not hide the next message.
            long seenAt = conversation.lastMessageAt().toEpochMilli();
            c.inbox().markSeen(agentId, conversationId, seenAt);
            c.publish(new StoredEvent(ConversationEvents.SEEN, Map.of(ConversationEvents.CONVERSATION_ID,
                    conversationId, ConversationEvents.AGENT_ID, agentId)));
            return null;
        });
    }

    @Override
    public Optional<Conversation> latestOf(long channelId, String senderExternalId) {
        return store.read(r -> r.contacts().byIdentity(channelId, senderExternalId)
                .flatMap(contactId -> r.conversations().latest(contactId, channelId)));
    }

    @Override
    public List<Message> messages(long conversationId, long beforeMessageId, int limit) {
        if (limit < 1 || limit > MAX_PAGE) {
            throw new IllegalArgumentException("limit must be in 1.." + MAX_PAGE);
        }
        return store.read(r -> r.conversations().transcriptPage(conversationId, beforeMessageId, limit));
    }

    private static void checkText(String text, List<Attachment> attachments) {
        if (text == null || (text.isBlank() && attachments.isEmpty())) {
            throw ValidationException.of("text", "Write a message or attach a file");
        }
        if (text.length() > MAX_TEXT_LENGTH) {
            throw ValidationException.of("text", "A message has at most " + MAX_TEXT_LENGTH + " characters");
        }
    }

    private static Conversation lock(ChangeSet c, long conversationId) {
        return c.conversations().lock(conversationId)
                .orElseThrow(() -> new NotFoundException("Conversation", conversationId));
    }

    private static Agent agentOf(ChangeSet c, long agentId) {
        return c.directory().agent(agentId).orElseThrow(() -> new NotFoundException("Agent", agentId));
    }

    private static Brain brainOf(ChangeSet c, long brainId) {
        return c.directory().brain(brainId).orElseThrow(() -> new NotFoundException("Brain", brainId));
    }

    private static Environment environmentOf(ChangeSet c, long environmentId) {
        return c.directory().environment(environmentId)
                .orElseThrow(() -> new NotFoundException("Environment", environmentId));
    }

    private static Map<String, Object> actor(long agentId) {
        return Map.of(ConversationEvents.ACTING_AGENT_ID, agentId);
    }

    private static Map<String, Object> previous(Assignee from, long actingAgentId) {
        return Map.of(ConversationEvents.PREVIOUS_ASSIGNEE_KIND, from.kind().name(),
                ConversationEvents.PREVIOUS_ASSIGNEE_ID, from.id(), ConversationEvents.ACTING_AGENT_ID, actingAgentId);
    }
}
