package org.humanchat.ui.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.core.di.extensions.EventTopic;
import org.eclipse.e4.ui.di.Focus;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.e4.ui.workbench.modeling.ESelectionService;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.window.Window;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Label;
import org.humanchat.api.event.ConversationEvents;
import org.humanchat.api.model.Agent;
import org.humanchat.api.model.Attachment;
import org.humanchat.api.model.Brain;
import org.humanchat.api.model.Channel;
import org.humanchat.api.model.Contact;
import org.humanchat.api.model.Conversation;
import org.humanchat.api.model.DeliveryState;
import org.humanchat.api.model.Environment;
import org.humanchat.api.model.Message;
import org.humanchat.api.model.QuickResponse;
import org.humanchat.api.service.ConversationOwnedException;
import org.humanchat.ui.DeskSession;
import org.osgi.service.event.Event;

import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;

/**
 * One conversation: its {@link ConversationHeader}; the {@link Transcript}, loaded from the newest message back (older
 * pages on request); the {@link Composer}; and the {@link ConversationFiles}. Sending takes the conversation from a
 * Brain; if another agent owns it, the desk asks before taking it over, and the text stays in the composer until it
 * is sent.
 */
public final class ConversationPart implements ConversationHeader.Actions {

    public static final String DESCRIPTOR = "org.humanchat.ui.partdescriptor.conversation";
    public static final String CONVERSATION_ID = "conversationId";
    public static final int PAGE = 50;

    private Display display;
    private MPart part;
    private ESelectionService selectionService;
    private ConversationHeader header;
    private Transcript transcript;
    private Composer composer;
    private ConversationFiles files;
    private Label feedback;

    private volatile DeskSession session;
    private long conversationId;
    private volatile Conversation conversation;
    private final List<Message> messages = new ArrayList<>();
    /** The last activity of the conversation when it was last marked read (UI thread only). */
    private Instant markedUpTo;
    private boolean olderAvailable;
    private boolean loadingOlder;
    private String contactName = "";
    private Map<String, String> names = Map.of();
    private final AtomicBoolean reloadScheduled = new AtomicBoolean();

    /** @param preferences the agent's preferences (how Enter sends); the workspace's when none is given */
    @PostConstruct
    public void create(Composite parent, @Optional MPart part, @Optional ESelectionService selectionService,
            @Optional DeskPreferences preferences) {
        this.display = parent.getDisplay();
        this.part = part;
        this.selectionService = selectionService;
        GridLayoutFactory.fillDefaults().margins(8, 8).spacing(6, 6).applyTo(parent);

        header = new ConversationHeader(parent, this);
        transcript = new Transcript(parent, this::loadOlder);

        composer = new Composer(parent, preferences != null ? preferences : new DeskPreferences(),
                () -> sendReply(false), this::chooseFiles, this::say);
        files = new ConversationFiles(composer.control(), () -> session, () -> conversationId, composer.files(),
                this::say);
        files.acceptDrops(composer.control());
        files.acceptDrops(transcript.control());
        transcript.onFileClicked(files::menu);

        feedback = WidgetKeys.name(new Label(parent, SWT.NONE), "conversation.feedback");
        GridDataFactory.fillDefaults().grab(true, false).applyTo(feedback);
        if (session != null) {
            composer.files().limit(session.attachments().maxBytes());
        }

        if (part != null) {
            String id = part.getPersistedState().get(CONVERSATION_ID);
            if (id != null) {
                conversationId = Long.parseLong(id);
            }
        }
        if (session != null && conversationId != 0) {
            reload(); // injection comes before @PostConstruct: the session may be here already
        }
    }

    private void say(String text) {
        if (!feedback.isDisposed()) {
            feedback.setText(text);
        }
    }

    @Inject
    @Optional
    public void sessionReady(DeskSession readySession) {
        this.session = readySession;
        if (composer != null) {
            composer.files().limit(readySession.attachments().maxBytes());
        }
        if (conversationId != 0 && header != null) {
            reload();
        }
    }

    /** Shows a conversation (the part's own when created from the model). */
    public void show(long id) {
        if (id != conversationId) {
            markedUpTo = null;
        }
        conversationId = id;
        if (part != null) {
            part.getPersistedState().put(CONVERSATION_ID, Long.toString(id));
        }
        reload();
    }

    public long conversationId() {
        return conversationId;
    }

    @Inject
    @Optional
    public void conversationChanged(@EventTopic(ConversationEvents.ALL) Event event) {
        if (ConversationEvents.SEEN.equals(event.getTopic())) {
            return; // our own reading: reloading for it would read it again, and again
        }
        Object id = event.getProperty(ConversationEvents.CONVERSATION_ID);
        boolean concerned = id instanceof Long changed && changed == conversationId
                || ConversationEvents.REFRESH.equals(event.getTopic()); // changes elsewhere may have been missed
        if (concerned && reloadScheduled.compareAndSet(false, true)) {
            DeskJobs.asyncIfAlive(display, composer.control(), () -> {
                reloadScheduled.set(false);
                reload();
            });
        }
    }

    @Focus
    public void focus() {
        composer.control().setFocus();
        Conversation shown = conversation;
        DeskSession current = session;
        // Opening an editor loads (and marks) it and focuses it: mark again only what arrived since.
        if (current != null && shown != null
                && (markedUpTo == null || shown.lastMessageAt().isAfter(markedUpTo))) {
            markSeen(current, shown.id(), shown.lastMessageAt());
        }
        if (selectionService != null && shown != null) {
            selectionService.setSelection(shown); // the contact part follows the active editor
        }
    }

    private record Loaded(Conversation conversation, Contact contact, List<Message> messages, Map<String, String> names,
            String channel, String environment, List<QuickResponse> quickResponses) {
    }

    /** Loads the conversation and its newest page of messages in a Job, then shows them. */
    void reload() {
        DeskSession current = session;
        long id = conversationId;
        if (current == null || id == 0) {
            return;
        }
        // Only what the agent can see counts as read: not an editor behind another one.
        boolean seen = composer.control().isVisible();
        DeskJobs.run("Loading conversation " + id, composer.control(), () -> {
            Conversation c = current.conversations().find(id).orElseThrow(
                    () -> new IllegalStateException("Conversation " + id + " does not exist"));
            Contact contact = current.contacts().find(c.contactId()).orElseThrow();
            Map<String, String> who = new HashMap<>();
            current.directory().agents().forEach(a -> who.put("AGENT:" + a.id(), a.name()));
            current.directory().brains().forEach(b -> who.put("BRAIN:" + b.id(), b.name()));
            String channel = current.directory().channel(c.channelId()).map(Channel::name).orElse("");
            String environment = current.directory().environment(c.environmentId()).map(Environment::name)
                    .orElse("");
            return new Loaded(c, contact, current.conversations().messages(id, 0, PAGE), who, channel, environment,
                    current.directory().quickResponses(c.environmentId()));
        }, loaded -> {
            if (seen) {
                // after the paint: the agent sees the messages first
                markSeen(current, id, loaded.conversation().lastMessageAt());
            }
            conversation = loaded.conversation();
            contactName = loaded.contact().displayName();
            names = loaded.names();
            composer.offer(new QuickResponses(loaded.quickResponses(), contactName, current.agent().name()));
            messages.clear();
            messages.addAll(loaded.messages());
            olderAvailable = loaded.messages().size() == PAGE;
            header.show(loaded.conversation(), contactName, loaded.channel(), loaded.environment(), names);
            if (part != null) {
                part.setLabel(contactName);
                part.setTooltip(contactName + " \u2014 " + loaded.channel());
            }
            showMessages();
        }, failure -> say(failure.getMessage()));
    }

    private void showMessages() {
        transcript.show(messages, contactName, names, olderAvailable);
        header.undelivered(messages.stream().anyMatch(m -> m.deliveryState() == DeliveryState.FAILED));
    }

    /** Loads the page of messages before the first shown (asked for by the link or by scrolling to the top). */
    private void loadOlder() {
        DeskSession current = session;
        if (current == null || messages.isEmpty() || loadingOlder) {
            return;
        }
        long oldest = messages.get(0).id();
        loadingOlder = true;
        DeskJobs.run("Loading earlier messages", composer.control(), () -> current.conversations().messages(
                conversationId, oldest, PAGE), older -> {
                    loadingOlder = false;
                    messages.addAll(0, older);
                    olderAvailable = older.size() == PAGE;
                    transcript.showWithOlder(messages, contactName, names, olderAvailable);
                    header.undelivered(messages.stream().anyMatch(m -> m.deliveryState() == DeliveryState.FAILED));
                }, failure -> {
                    loadingOlder = false;
                    say(failure.getMessage());
                });
    }

    /** Sends the composer's text; the text is cleared only once the reply is stored. */
    public void sendReply(boolean takeOver) {
        DeskSession current = session;
        String text = composer.reply();
        List<Attachment> attached = composer.files().files();
        if (current == null || conversationId == 0 || text.isEmpty() && attached.isEmpty()) {
            return;
        }
        if (composer.files().uploading()) {
            say("Wait until the files are attached");
            return;
        }
        composer.sending(true);
        say("Sending\u2026");
        DeskJobs.run("Sending a reply", composer.control(), () -> current.conversations().reply(conversationId,
                current.agent().id(), text, attached, takeOver), sent -> {
                    composer.sending(false);
                    say("");
                    composer.sent(text, attached);
                    reload();
                }, failure -> {
                    composer.sending(false);
                    say("");
                    if (failure instanceof ConversationOwnedException owned) {
                        if (MessageDialog.openQuestion(composer.control().getShell(), "Take over?", owned.ownerName()
                                + " is handling this conversation. Take it over and send your reply?")) {
                            sendReply(true);
                        }
                    } else {
                        say("Not sent: " + failure.getMessage());
                    }
                });
    }

    /** Records that the agent saw the conversation, with its messages up to {@code upTo}. */
    private void markSeen(DeskSession current, long id, Instant upTo) {
        markedUpTo = upTo;
        DeskJobs.run("Marking conversation " + id + " read", composer.control(), () -> {
            current.conversations().markSeen(id, current.agent().id());
            return id;
        }, done -> { }, failure -> say(failure.getMessage()));
    }

    /** Lets the agent pick files to attach (Attach..., Ctrl+Shift+F). */
    public void chooseFiles() {
        files.choose();
    }

    @Override
    public void toggleResolved() {
        DeskSession current = session;
        Conversation c = conversation;
        if (current == null || c == null) {
            return;
        }
        act(c.isOpen() ? "Resolving" : "Reopening", () -> c.isOpen()
                ? current.conversations().resolve(c.id(), current.agent().id())
                : current.conversations().reopen(c.id(), current.agent().id()));
    }

    @Override
    public void assign() {
        DeskSession current = session;
        Conversation c = conversation;
        if (current == null || c == null) {
            return;
        }
        DeskJobs.run("Loading agents and Brains", composer.control(), () -> new AssignDialog.Choices(
                current.directory().agents(),
                current.directory().brains().stream().filter(b -> b.environmentId() == c.environmentId()).toList()),
                choices -> {
                    AssignDialog dialog = new AssignDialog(composer.control().getShell(), choices);
                    if (dialog.open() != Window.OK) {
                        return;
                    }
                    Object target = dialog.choice();
                    act("Assigning", () -> switch (target) {
                        case Agent a -> current.conversations().assignToAgent(c.id(), a.id(), current.agent().id());
                        case Brain b -> current.conversations().assignToBrain(c.id(), b.id(), current.agent().id());
                        default -> current.conversations().unassign(c.id(), current.agent().id());
                    });
                }, failure -> say(failure.getMessage()));
    }

    @Override
    public void editTags() {
        DeskSession current = session;
        Conversation c = conversation;
        if (current == null || c == null) {
            return;
        }
        DeskJobs.run("Loading tags", composer.control(), () -> current.inbox().tags(), known -> {
            TagsDialog dialog = new TagsDialog(composer.control().getShell(), c.tags(), known);
            if (dialog.open() != Window.OK) {
                return;
            }
            act("Saving tags", () -> {
                Conversation result = c;
                for (String added : dialog.added()) {
                    result = current.conversations().tag(c.id(), added, current.agent().id());
                }
                for (String removed : dialog.removed()) {
                    result = current.conversations().untag(c.id(), removed, current.agent().id());
                }
                return result;
            });
        }, failure -> say(failure.getMessage()));
    }

    /** Sends the shown messages that failed to be delivered again; they go back to the outbox. */
    @Override
    public void retryFailed() {
        DeskSession current = session;
        List<Long> failed = messages.stream().filter(m -> m.deliveryState() == DeliveryState.FAILED)
                .map(Message::id).toList();
        if (current == null || failed.isEmpty()) {
            return;
        }
        say("Sending again\u2026");
        DeskJobs.run("Sending again", composer.control(), () -> {
            failed.forEach(id -> current.deliveries().retry(id, current.agent().id()));
            return failed.size();
        }, count -> {
            say("");
            reload();
        }, failure -> say(failure.getMessage()));
    }

    /** Runs a change in a Job; the conversation reloads on success, the reason shows on failure. */
    private Job act(String what, Supplier<Conversation> change) {
        say(what + "\u2026");
        return DeskJobs.run(what, composer.control(), change, done -> {
            say("");
            reload();
        }, failure -> say(failure.getMessage()));
    }
}
