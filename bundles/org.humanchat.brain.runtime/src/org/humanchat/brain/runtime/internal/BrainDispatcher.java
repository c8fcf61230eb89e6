package org.humanchat.brain.runtime.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import org.humanchat.api.event.ConversationEvents;
import org.humanchat.api.model.Assignee;
import org.humanchat.api.model.Attachment;
import org.humanchat.api.model.AuthorKind;
import org.humanchat.api.model.Brain;
import org.humanchat.api.model.Contact;
import org.humanchat.api.model.Conversation;
import org.humanchat.api.model.Message;
import org.humanchat.api.service.AttachmentStore;
import org.humanchat.api.service.ContactService;
import org.humanchat.api.service.ConversationService;
import org.humanchat.api.service.DirectoryService;
import org.humanchat.api.service.HumanChatException;
import org.humanchat.brain.api.BrainAnswer;
import org.humanchat.brain.api.BrainContact;
import org.humanchat.brain.api.BrainConnector;
import org.humanchat.brain.api.BrainFile;
import org.humanchat.brain.api.BrainReply;
import org.humanchat.brain.api.BrainRequest;
import org.humanchat.brain.api.BrainUnavailableException;
import org.humanchat.brain.api.HistoryEntry;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows conversation events and talks to Brains: each end-user message of a conversation a Brain handles goes to
 * that Brain's connector; its replies and action are applied through the ConversationService. Work for one
 * conversation runs in order, one item at a time; different conversations run in parallel.
 * <p>
 * A Brain that is missing, fails, times out or answers nonsense never leaves the end user waiting: the conversation
 * is handed to humans with the reason "Brain unavailable" (or, with Human Chat off, the fallback text is sent).
 * <p>
 * Not immediate: EventAdmin activates it with the first conversation event, so the database is not opened on the
 * framework's start-up thread.
 */
@Component(configurationPid = "org.humanchat.brain.runtime",
        configurationPolicy = ConfigurationPolicy.OPTIONAL,
        property = { EventConstants.EVENT_TOPIC + "=" + ConversationEvents.MESSAGE_ADDED,
                EventConstants.EVENT_TOPIC + "=" + ConversationEvents.BRAIN_LEFT,
                EventConstants.EVENT_TOPIC + "=" + ConversationEvents.ASSIGNED })
@Designate(ocd = DispatcherConfig.class)
public final class BrainDispatcher implements EventHandler {

    private static final Logger LOG = LoggerFactory.getLogger(BrainDispatcher.class);

    private final ConversationService conversations;
    private final ContactService contacts;
    private final DirectoryService directory;
    private final AttachmentStore attachments;
    private final int historySize;
    private final long deadlineMillis;
    private final Map<Long, BrainConnector> connectors = new ConcurrentHashMap<>();
    private final Map<Long, CompletableFuture<Void>> queues = new ConcurrentHashMap<>();
    private final ExecutorService workers;
    private final ExecutorService calls;

    @Activate
    public BrainDispatcher(@Reference ConversationService conversations, @Reference ContactService contacts,
            @Reference DirectoryService directory, @Reference AttachmentStore attachments, DispatcherConfig config) {
        this.attachments = attachments;
        this.conversations = conversations;
        this.contacts = contacts;
        this.directory = directory;
        this.historySize = config.historySize();
        this.deadlineMillis = config.deadlineMillis();
        AtomicInteger n = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(config.threads(),
                r -> daemon(r, "humanchat-brain-" + n.incrementAndGet()));
        this.calls = Executors.newCachedThreadPool(r -> daemon(r, "humanchat-brain-call-" + n.incrementAndGet()));
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    @Deactivate
    public void stop() {
        workers.shutdownNow();
        calls.shutdownNow();
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    public void addConnector(BrainConnector connector, Map<String, Object> properties) {
        brainId(properties).ifPresent(id -> {
            connectors.put(id, connector);
            LOG.info("Brain {} is running", id);
        });
    }

    public void removeConnector(BrainConnector connector, Map<String, Object> properties) {
        brainId(properties).ifPresent(id -> {
            connectors.remove(id, connector);
            LOG.info("Brain {} stopped", id);
        });
    }

    private static Optional<Long> brainId(Map<String, Object> properties) {
        Object id = properties.get(BrainConnector.BRAIN_ID);
        if (id instanceof Number number) {
            return Optional.of(number.longValue());
        }
        if (id instanceof String text && !text.isBlank()) {
            try {
                return Optional.of(Long.parseLong(text.strip()));
            } catch (NumberFormatException e) {
                LOG.warn("A Brain connector has a {} that is not a number: {}", BrainConnector.BRAIN_ID, text);
                return Optional.empty();
            }
        }
        LOG.warn("A Brain connector without {} is ignored", BrainConnector.BRAIN_ID);
        return Optional.empty();
    }

    @Override
    public void handleEvent(Event event) {
        if (Boolean.TRUE.equals(event.getProperty(ConversationEvents.REMOTE))) {
            return; // the runtime that made the change calls the Brain; one call, not one per runtime
        }
        long conversationId = longProperty(event, ConversationEvents.CONVERSATION_ID);
        String topic = event.getTopic();
        if (ConversationEvents.MESSAGE_ADDED.equals(topic)
                && AuthorKind.END_USER.name().equals(event.getProperty(ConversationEvents.AUTHOR_KIND))
                && Assignee.Kind.BRAIN.name().equals(event.getProperty(ConversationEvents.ASSIGNEE_KIND))) {
            long brainId = longProperty(event, ConversationEvents.ASSIGNEE_ID);
            long messageId = longProperty(event, ConversationEvents.MESSAGE_ID);
            enqueue(conversationId, () -> answer(conversationId, brainId, messageId));
        } else if (ConversationEvents.BRAIN_LEFT.equals(topic)) {
            long brainId = longProperty(event, ConversationEvents.BRAIN_ID);
            enqueue(conversationId, () -> tellLeft(conversationId, brainId));
        } else if (ConversationEvents.ASSIGNED.equals(topic)
                && Assignee.Kind.BRAIN.name().equals(event.getProperty(ConversationEvents.ASSIGNEE_KIND))
                && !Assignee.Kind.BRAIN.name().equals(event.getProperty(ConversationEvents.PREVIOUS_ASSIGNEE_KIND))) {
            long brainId = longProperty(event, ConversationEvents.ASSIGNEE_ID);
            enqueue(conversationId, () -> answer(conversationId, brainId, RESUMED));
        }
    }

    private static long longProperty(Event event, String key) {
        Object value = event.getProperty(key);
        return value instanceof Number number ? number.longValue() : 0L;
    }

    /** Chains work per conversation, so that a conversation's messages are answered in order. */
    private void enqueue(long conversationId, Runnable work) {
        CompletableFuture<Void> next = queues.compute(conversationId, (id, tail) -> {
            CompletableFuture<Void> previous = tail == null ? CompletableFuture.completedFuture(null) : tail;
            return previous.thenRunAsync(() -> {
                try {
                    work.run();
                } catch (RuntimeException e) {
                    LOG.error("Brain work for conversation {} failed", conversationId, e);
                }
            }, workers);
        });
        // Outside compute(): work that already finished must still find its entry to remove it.
        next.whenComplete((ignored, failure) -> queues.remove(conversationId, next));
    }

    /** Returns when all queued Brain work has finished; for tests and orderly shutdown. */
    public boolean awaitIdle(long timeout, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        while (!queues.isEmpty()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            CompletableFuture<?>[] pending = queues.values().toArray(CompletableFuture<?>[]::new);
            try {
                CompletableFuture.allOf(pending).get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (ExecutionException | TimeoutException e) {
                // Failures are logged by the work itself; time is checked by the loop.
            }
        }
        return true;
    }

    /** In place of a message id: the conversation was handed back; the Brain gets the whole recent history. */
    private static final long RESUMED = 0;

    /**
     * Asks the Brain to answer the end-user message {@code messageId}: the history it gets ends with that message,
     * even when the end user has written more since (those are answered in turn, in order).
     */
    private void answer(long conversationId, long brainId, long messageId) {
        boolean resumed = messageId == RESUMED;
        Conversation conversation = conversations.find(conversationId).orElse(null);
        if (conversation == null || !conversation.isHandledByBrain() || conversation.assignee().id() != brainId) {
            return; // an agent took it meanwhile: the Brain hears nothing more
        }
        String brainName = directory.brain(brainId).map(Brain::name).orElse("Brain " + brainId);
        BrainConnector connector = connectors.get(brainId);
        BrainAnswer answer;
        if (connector == null) {
            LOG.warn("Conversation {}: {} is not running, handing over to humans", conversationId, brainName);
            answer = BrainAnswer.handOver("Brain unavailable: " + brainName + " is not running");
        } else {
            BrainRequest request = request(conversation, brainId, messageId);
            answer = call(conversationId, brainName, () -> resumed ? connector.resumed(request) : connector.answer(request));
        }
        apply(conversationId, brainId, answer);
    }

    private interface BrainCall {
        BrainAnswer call() throws BrainUnavailableException;
    }

    private BrainAnswer call(long conversationId, String brainName, BrainCall brainCall) {
        Future<BrainAnswer> future = calls.submit(brainCall::call);
        try {
            BrainAnswer answer = future.get(deadlineMillis, TimeUnit.MILLISECONDS);
            if (answer == null) {
                return BrainAnswer.handOver("Brain unavailable: " + brainName + " gave no answer");
            }
            return answer;
        } catch (TimeoutException e) {
            future.cancel(true);
            LOG.warn("Conversation {}: {} did not answer within {} ms", conversationId, brainName, deadlineMillis);
            return BrainAnswer.handOver("Brain unavailable: " + brainName + " did not answer in time");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            LOG.warn("Conversation {}: {} failed: {}", conversationId, brainName, cause.toString());
            String why = cause instanceof BrainUnavailableException ? cause.getMessage() : "it failed";
            return BrainAnswer.handOver("Brain unavailable: " + brainName + ": " + why);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            future.cancel(true);
            return BrainAnswer.handOver("Brain unavailable: the desk is shutting down");
        }
    }

    /** The request with the history up to and including {@code lastMessageId} (all of it when 0). */
    private BrainRequest request(Conversation conversation, long brainId, long lastMessageId) {
        BrainContact contact = contacts.find(conversation.contactId()).map(BrainDispatcher::brainContact)
                .orElse(new BrainContact(conversation.contactId(), "", "", ""));
        String channelType = directory.channel(conversation.channelId()).map(c -> c.type()).orElse("");
        List<HistoryEntry> history = conversations.messages(conversation.id(),
                lastMessageId == 0 ? 0 : lastMessageId + 1, historySize).stream().map(BrainDispatcher::historyEntry)
                .toList();
        return new BrainRequest(brainId, conversation.id(), conversation.environmentId(), channelType, contact,
                history);
    }

    /** The Brain API has its own contact type, so that Brains do not depend on the domain model. */
    private static BrainContact brainContact(Contact contact) {
        return new BrainContact(contact.id(), contact.name(), contact.email(), contact.phone());
    }

    private static HistoryEntry historyEntry(Message message) {
        HistoryEntry.Author author = switch (message.authorKind()) {
            case END_USER -> HistoryEntry.Author.END_USER;
            case BRAIN -> HistoryEntry.Author.BRAIN;
            case AGENT -> HistoryEntry.Author.AGENT;
            case SYSTEM -> HistoryEntry.Author.SYSTEM;
        };
        return new HistoryEntry(message.id(), author, message.text(), message.createdAt());
    }

    private void apply(long conversationId, long brainId, BrainAnswer answer) {
        try {
            for (BrainReply reply : answer.replies()) {
                List<Attachment> files = new ArrayList<>();
                StringBuilder text = new StringBuilder(reply.textWithButtons());
                for (BrainFile file : reply.files()) {
                    try {
                        files.add(attachments.store(file.name(), file.mediaType(),
                                new ByteArrayInputStream(file.content())));
                    } catch (HumanChatException | IOException refused) {
                        // the reply goes out without the file, and the agents can read why in the transcript
                        LOG.warn("Conversation {}: a file of Brain {} was not kept: {}", conversationId, brainId,
                                refused.getMessage());
                        text.append(text.isEmpty() ? "" : "\n").append("(").append(file.name())
                                .append(" could not be sent)");
                    }
                }
                if (!text.toString().isBlank() || !files.isEmpty()) {
                    conversations.brainReply(conversationId, brainId, text.toString(), files);
                }
            }
            switch (answer.action()) {
                case HAND_OVER -> conversations.handOver(conversationId, brainId, answer.reason());
                case RESOLVE -> conversations.brainResolve(conversationId, brainId);
                case KEEP -> {
                    // the Brain goes on
                }
            }
        } catch (HumanChatException refused) {
            // An agent took the conversation while the Brain was thinking: its answer is dropped, as it should be.
            LOG.info("Conversation {}: answer of Brain {} dropped: {}", conversationId, brainId, refused.getMessage());
        }
    }

    private void tellLeft(long conversationId, long brainId) {
        BrainConnector connector = connectors.get(brainId);
        Conversation conversation = conversations.find(conversationId).orElse(null);
        if (connector == null || conversation == null) {
            return;
        }
        try {
            connector.left(request(conversation, brainId, 0));
        } catch (RuntimeException e) {
            LOG.warn("Conversation {}: Brain {} failed to take note that it left: {}", conversationId, brainId,
                    e.toString());
        }
    }
}
