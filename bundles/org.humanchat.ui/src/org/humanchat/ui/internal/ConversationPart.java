package org.humanchat.ui.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.core.di.extensions.EventTopic;
import org.eclipse.e4.ui.di.Focus;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.e4.ui.workbench.modeling.ESelectionService;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.fieldassist.ContentProposal;
import org.eclipse.jface.fieldassist.ContentProposalAdapter;
import org.eclipse.jface.fieldassist.IContentProposal;
import org.eclipse.jface.fieldassist.TextContentAdapter;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.dnd.DND;
import org.eclipse.swt.dnd.DropTarget;
import org.eclipse.swt.dnd.DropTargetAdapter;
import org.eclipse.swt.dnd.DropTargetEvent;
import org.eclipse.swt.dnd.FileTransfer;
import org.eclipse.swt.program.Program;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Link;
import org.eclipse.swt.widgets.Menu;
import org.eclipse.swt.widgets.MenuItem;
import org.eclipse.swt.widgets.Text;
import org.humanchat.api.event.ConversationEvents;
import org.humanchat.api.model.Agent;
import org.humanchat.api.model.Attachment;
import org.humanchat.api.model.Brain;
import org.humanchat.api.model.Channel;
import org.humanchat.api.model.Contact;
import org.humanchat.api.model.Conversation;
import org.humanchat.api.model.DeliveryState;
import org.humanchat.api.model.Message;
import org.humanchat.api.model.QuickResponse;
import org.humanchat.api.service.ConversationOwnedException;
import org.humanchat.api.service.HumanChatException;
import org.humanchat.ui.DeskSession;
import org.osgi.service.event.Event;

import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;

/**
 * One conversation: header with its contact, channel, status and assignee; the transcript, loaded from the newest
 * message back (older pages on request); the composer, where Enter sends, Shift+Enter starts a new line and "/"
 * offers the environment's quick responses. Sending takes the conversation from a Brain; if another agent owns it,
 * the desk asks before taking it over, and the text stays in the composer until it is sent.
 */
public final class ConversationPart {

    public static final String DESCRIPTOR = "org.humanchat.ui.partdescriptor.conversation";
    public static final String CONVERSATION_ID = "conversationId";
    public static final int PAGE = 50;

    private Display display;
    private DeskPreferences preferences = new DeskPreferences();
    private MPart part;
    private ESelectionService selectionService;
    private Label title;
    private Label details;
    private Link olderLink;
    private Transcript transcript;
    private Text composer;
    private Button send;
    private PendingFiles pending;
    private Button resolve;
    private Label feedback;

    private volatile DeskSession session;
    private long conversationId;
    private volatile Conversation conversation;
    private final List<Message> messages = new ArrayList<>();
    private Button retry;
    /** The last activity of the conversation when it was last marked read (UI thread only). */
    private Instant markedUpTo;
    private boolean olderAvailable;
    private boolean loadingOlder;
    private String contactName = "";
    private Map<String, String> names = Map.of();
    private List<QuickResponse> quickResponses = List.of();
    private final AtomicBoolean reloadScheduled = new AtomicBoolean();

    @PostConstruct
    public void create(Composite parent, @Optional MPart part, @Optional ESelectionService selectionService) {
        this.display = parent.getDisplay();
        this.part = part;
        this.selectionService = selectionService;
        GridLayoutFactory.fillDefaults().margins(8, 8).spacing(6, 6).applyTo(parent);

        Composite header = new Composite(parent, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(5).applyTo(header);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(header);
        Composite names = new Composite(header, SWT.NONE);
        GridLayoutFactory.fillDefaults().spacing(0, 2).applyTo(names);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(names);
        title = new Label(names, SWT.NONE);
        title.setFont(org.eclipse.jface.resource.JFaceResources.getHeaderFont());
        GridDataFactory.fillDefaults().grab(true, false).applyTo(title);
        details = new Label(names, SWT.WRAP);
        GridDataFactory.fillDefaults().grab(true, false).hint(200, SWT.DEFAULT).applyTo(details);
        resolve = button(header, "Resolve", e -> toggleResolved());
        button(header, "Assign\u2026", e -> assign());
        button(header, "Tags\u2026", e -> editTags());
        retry = button(header, "Send again", e -> retryFailed());
        retry.setToolTipText("Send the messages that could not be delivered again");
        retry.setEnabled(false);

        olderLink = new Link(parent, SWT.NONE);
        olderLink.setText("<a>Load earlier messages</a>");
        olderLink.addListener(SWT.Selection, e -> loadOlder());
        GridDataFactory.fillDefaults().exclude(true).applyTo(olderLink);
        olderLink.setVisible(false);

        transcript = new Transcript(parent);
        GridDataFactory.fillDefaults().grab(true, true).hint(400, 300).applyTo(transcript.control());
        // Scrolling to the top of the transcript brings the earlier messages, a page at a time.
        transcript.control().getVerticalBar().addListener(SWT.Selection, e -> {
            if (olderAvailable && !loadingOlder && transcript.control().getTopIndex() == 0) {
                loadOlder();
            }
        });

        Composite compose = new Composite(parent, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(2).applyTo(compose);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(compose);
        composer = new Text(compose, SWT.MULTI | SWT.WRAP | SWT.V_SCROLL | SWT.BORDER);
        composer.setMessage("Write a reply. Enter sends, Shift+Enter for a new line, / for quick responses");
        GridDataFactory.fillDefaults().grab(true, false).hint(SWT.DEFAULT, 60).applyTo(composer);
        composer.addListener(SWT.Traverse, e -> {
            if (e.detail != SWT.TRAVERSE_RETURN || proposalsOpen()) {
                return;
            }
            boolean send = preferences.enterSends() ? (e.stateMask & SWT.SHIFT) == 0 : (e.stateMask & SWT.MOD1) != 0;
            if (send) {
                e.doit = false;
                e.detail = SWT.TRAVERSE_NONE;
                sendReply(false);
            }
        });
        Composite actions = new Composite(compose, SWT.NONE);
        GridLayoutFactory.fillDefaults().spacing(0, 4).applyTo(actions);
        GridDataFactory.fillDefaults().align(SWT.FILL, SWT.FILL).applyTo(actions);
        send = new Button(actions, SWT.PUSH);
        send.setText("Send");
        send.addListener(SWT.Selection, e -> sendReply(false));
        GridDataFactory.fillDefaults().grab(false, true).applyTo(send);
        Button attach = new Button(actions, SWT.PUSH);
        attach.setText("Attach\u2026");
        attach.setToolTipText("Attach files to the reply (Ctrl+Shift+F)");
        attach.addListener(SWT.Selection, e -> chooseFiles());
        GridDataFactory.fillDefaults().applyTo(attach);
        installQuickResponses();
        pending = new PendingFiles(compose, text -> {
            if (!feedback.isDisposed()) {
                feedback.setText(text);
            }
        });
        acceptDroppedFiles(composer);
        acceptDroppedFiles(transcript.control());
        transcript.onFileClicked(this::fileMenu);

        feedback = new Label(parent, SWT.NONE);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(feedback);
        if (session != null) {
            pending.limit(session.attachments().maxBytes());
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

    private ContentProposalAdapter proposals;

    private boolean proposalsOpen() {
        return proposals != null && proposals.isProposalPopupOpen();
    }

    /** Typing "/" lists the environment's quick responses; choosing one puts its text, variables filled in. */
    private void installQuickResponses() {
        proposals = new ContentProposalAdapter(composer, new TextContentAdapter(), this::quickResponseProposals, null,
                new char[] { '/' });
        proposals.setProposalAcceptanceStyle(ContentProposalAdapter.PROPOSAL_IGNORE);
        proposals.addContentProposalListener(proposal -> {
            String contents = composer.getText();
            int position = composer.getCaretPosition();
            int slash = contents.lastIndexOf('/', Math.max(0, position - 1));
            String before = slash < 0 ? contents : contents.substring(0, slash);
            composer.setText(before + proposal.getContent() + contents.substring(position));
            composer.setSelection(before.length() + proposal.getContent().length());
        });
    }

    /** The quick responses whose shortcut starts with what follows the "/" before the caret. */
    IContentProposal[] quickResponseProposals(String contents, int position) {
        int slash = contents.lastIndexOf('/', position - 1);
        if (slash < 0 || (slash > 0 && !Character.isWhitespace(contents.charAt(slash - 1)))) {
            return new IContentProposal[0];
        }
        String typed = contents.substring(slash + 1, position).toLowerCase(java.util.Locale.ROOT);
        return quickResponses.stream().filter(q -> q.shortcut().startsWith(typed))
                .map(q -> new ContentProposal(fill(q.text()), "/" + q.shortcut() + "  " + q.text(), q.text()))
                .toArray(IContentProposal[]::new);
    }

    /** Fills {contact} and {agent} in a quick response. */
    String fill(String template) {
        DeskSession current = session;
        return template.replace("{contact}", contactName.isBlank() ? "there" : contactName.split(" ")[0])
                .replace("{agent}", current == null ? "" : current.agent().name());
    }

    private static Button button(Composite parent, String text, org.eclipse.swt.widgets.Listener listener) {
        Button button = new Button(parent, SWT.PUSH);
        button.setText(text);
        button.addListener(SWT.Selection, listener);
        return button;
    }

    @Inject
    @Optional
    public void sessionReady(DeskSession readySession) {
        this.session = readySession;
        if (pending != null) {
            pending.limit(readySession.attachments().maxBytes());
        }
        if (conversationId != 0 && title != null) {
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
            DeskJobs.asyncIfAlive(display, composer, () -> {
                reloadScheduled.set(false);
                reload();
            });
        }
    }

    @Focus
    public void focus() {
        composer.setFocus();
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
        boolean seen = composer.isVisible();
        DeskJobs.run("Loading conversation " + id, composer, () -> {
            Conversation c = current.conversations().find(id).orElseThrow(
                    () -> new IllegalStateException("Conversation " + id + " does not exist"));
            Contact contact = current.contacts().find(c.contactId()).orElseThrow();
            Map<String, String> who = new HashMap<>();
            current.directory().agents().forEach(a -> who.put("AGENT:" + a.id(), a.name()));
            current.directory().brains().forEach(b -> who.put("BRAIN:" + b.id(), b.name()));
            String channel = current.directory().channel(c.channelId()).map(Channel::name).orElse("");
            String environment = current.directory().environment(c.environmentId()).map(e -> e.name()).orElse("");
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
            quickResponses = loaded.quickResponses();
            messages.clear();
            messages.addAll(loaded.messages());
            olderAvailable = loaded.messages().size() == PAGE;
            title.setText(contactName);
            details.setText(loaded.channel() + "  \u00b7  " + loaded.environment() + "  \u00b7  "
                    + describe(loaded.conversation(), loaded.names()));
            resolve.setText(loaded.conversation().isOpen() ? "Resolve" : "Reopen");
            // name and details changed size: lay them out again up to the part (the details may wrap)
            title.getParent().getParent().getParent().layout(new org.eclipse.swt.widgets.Control[] { title, details });
            if (part != null) {
                part.setLabel(contactName);
                part.setTooltip(contactName + " \u2014 " + loaded.channel());
            }
            showMessages();
        }, failure -> feedback.setText(failure.getMessage()));
    }

    private void showMessages() {
        transcript.show(messages, contactName, names);
        retry.setEnabled(messages.stream().anyMatch(m -> m.deliveryState() == DeliveryState.FAILED));
        if (olderLink.getVisible() != olderAvailable) {
            olderLink.setVisible(olderAvailable);
            ((org.eclipse.swt.layout.GridData) olderLink.getLayoutData()).exclude = !olderAvailable;
            olderLink.getParent().layout(new org.eclipse.swt.widgets.Control[] { olderLink });
        }
    }

    private static String describe(Conversation c, Map<String, String> names) {
        String who = switch (c.assignee()) {
            case org.humanchat.api.model.Assignee.Nobody n -> "waiting for a human";
            case org.humanchat.api.model.Assignee.ToAgent a -> "with " + names.getOrDefault("AGENT:" + a.agentId(), "an agent");
            case org.humanchat.api.model.Assignee.ToBrain b -> "with " + names.getOrDefault("BRAIN:" + b.brainId(), "a Brain");
        };
        return (c.isOpen() ? "Open, " + who : "Resolved")
                + (c.tags().isEmpty() ? "" : "  \u00b7  tags: " + String.join(", ", c.tags().stream().sorted().toList()));
    }

    private void loadOlder() {
        DeskSession current = session;
        if (current == null || messages.isEmpty()) {
            return;
        }
        long oldest = messages.get(0).id();
        loadingOlder = true;
        DeskJobs.run("Loading earlier messages", composer, () -> current.conversations().messages(conversationId,
                oldest, PAGE), older -> {
                    loadingOlder = false;
                    int linesBefore = transcript.control().getLineCount();
                    messages.addAll(0, older);
                    olderAvailable = older.size() == PAGE;
                    showMessages();
                    // keep the message the agent was reading in view
                    transcript.control().setTopIndex(transcript.control().getLineCount() - linesBefore);
                }, failure -> {
                    loadingOlder = false;
                    feedback.setText(failure.getMessage());
                });
    }

    /** Sends the composer's text; the text is cleared only once the reply is stored. */
    public void sendReply(boolean takeOver) {
        DeskSession current = session;
        String text = composer.getText().strip();
        List<Attachment> files = pending.files();
        if (current == null || conversationId == 0 || text.isEmpty() && files.isEmpty()) {
            return;
        }
        if (pending.uploading()) {
            feedback.setText("Wait until the files are attached");
            return;
        }
        send.setEnabled(false);
        feedback.setText("Sending\u2026");
        DeskJobs.run("Sending a reply", composer, () -> current.conversations().reply(conversationId,
                current.agent().id(), text, files, takeOver), sent -> {
                    send.setEnabled(true);
                    feedback.setText("");
                    if (composer.getText().strip().equals(text)) {
                        composer.setText("");
                    }
                    if (pending.files().equals(files)) {
                        pending.clear();
                    }
                    reload();
                }, failure -> {
                    send.setEnabled(true);
                    feedback.setText("");
                    if (failure instanceof ConversationOwnedException owned) {
                        if (confirm("Take over?", owned.ownerName()
                                + " is handling this conversation. Take it over and send your reply?")) {
                            sendReply(true);
                        }
                    } else {
                        feedback.setText("Not sent: " + failure.getMessage());
                    }
                });
    }

    /** Records that the agent saw the conversation, with its messages up to {@code upTo}. */
    private void markSeen(DeskSession current, long id, Instant upTo) {
        markedUpTo = upTo;
        DeskJobs.run("Marking conversation " + id + " read", composer, () -> {
            current.conversations().markSeen(id, current.agent().id());
            return id;
        }, done -> { }, failure -> feedback.setText(failure.getMessage()));
    }

    /** Lets the agent pick files to attach (Attach..., Ctrl+Shift+F). */
    public void chooseFiles() {
        FileDialog dialog = new FileDialog(composer.getShell(), SWT.OPEN | SWT.MULTI);
        dialog.setText("Attach files");
        if (dialog.open() != null) {
            List<Path> paths = new ArrayList<>();
            for (String name : dialog.getFileNames()) {
                paths.add(Path.of(dialog.getFilterPath(), name));
            }
            addFiles(paths);
        }
    }

    /** Attaches files to the reply being written: stored at once, sent with the reply. */
    void addFiles(List<Path> paths) {
        DeskSession current = session;
        if (current != null && conversationId != 0) {
            pending.add(paths, current.attachments());
        }
    }

    private void acceptDroppedFiles(org.eclipse.swt.widgets.Control target) {
        DropTarget drop = new DropTarget(target, DND.DROP_COPY | DND.DROP_DEFAULT);
        drop.setTransfer(FileTransfer.getInstance());
        drop.addDropListener(new DropTargetAdapter() {
            @Override
            public void dragEnter(DropTargetEvent event) {
                event.detail = DND.DROP_COPY;
            }

            @Override
            public void drop(DropTargetEvent event) {
                if (event.data instanceof String[] names) {
                    addFiles(java.util.Arrays.stream(names).map(Path::of).toList()); // checked in the Job
                }
            }
        });
    }

    private void fileMenu(Attachment file, org.eclipse.swt.graphics.Point at) {
        Menu menu = new Menu(composer.getShell(), SWT.POP_UP);
        MenuItem open = new MenuItem(menu, SWT.PUSH);
        open.setText("Open " + file.name());
        open.addListener(SWT.Selection, e -> openFile(file));
        MenuItem save = new MenuItem(menu, SWT.PUSH);
        save.setText("Save As\u2026");
        save.addListener(SWT.Selection, e -> {
            FileDialog dialog = new FileDialog(composer.getShell(), SWT.SAVE);
            dialog.setFileName(file.name());
            dialog.setOverwrite(true);
            String target = dialog.open();
            if (target != null) {
                saveFile(file, Path.of(target));
            }
        });
        menu.setLocation(at);
        // Disposed once closed, after its item ran: one menu per click must not pile up in the shell.
        menu.addListener(SWT.Hide, e -> menu.getDisplay().asyncExec(menu::dispose));
        menu.setVisible(true);
    }

    /** Copies a file of the conversation to {@code target}, in the background. */
    Job saveFile(Attachment file, Path target) {
        DeskSession current = session;
        feedback.setText("Saving " + file.name() + "\u2026");
        return DeskJobs.run("Saving " + file.name(), composer, () -> {
            copy(current, file, target);
            return target;
        }, saved -> feedback.setText("Saved " + saved), failure -> feedback.setText(failure.getMessage()));
    }

    /** Opens a file of the conversation with the desktop's program for it, from a private temporary copy. */
    void openFile(Attachment file) {
        DeskSession current = session;
        DeskJobs.run("Opening " + file.name(), composer, () -> {
            try {
                Path folder = Files.createTempDirectory("humanchat-file");
                // The name comes from the sender: only its last part, without anything a shell or path would read.
                String safe = Path.of(file.name().replaceAll("[\\\\/:]", "_")).getFileName().toString()
                        .replaceAll("^\\.+", "_");
                Path copy = folder.resolve(safe.isBlank() ? "file" : safe);
                copy(current, file, copy);
                copy.toFile().deleteOnExit();
                folder.toFile().deleteOnExit();
                return copy;
            } catch (java.io.IOException e) {
                throw new HumanChatException(file.name() + " cannot be opened: " + e.getMessage(), e);
            }
        }, copy -> {
            if (!Program.launch(copy.toString())) {
                feedback.setText("No program opens " + file.name() + "; use Save As");
            }
        }, failure -> feedback.setText(failure.getMessage()));
    }

    private static void copy(DeskSession current, Attachment file, Path target) {
        try {
            java.util.Optional<java.io.InputStream> content = current.attachments().open(file.contentHash());
            if (content.isEmpty()) {
                throw new HumanChatException(file.name() + " is no longer stored");
            }
            try (java.io.InputStream in = content.get()) {
                Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (java.io.IOException e) {
            throw new HumanChatException(file.name() + " cannot be saved: " + e.getMessage(), e);
        }
    }

    /** Asks the agent; tests replace the question with a fixed answer. */
    boolean confirm(String heading, String question) {
        return confirmation != null ? confirmation.getAsBoolean()
                : MessageDialog.openQuestion(composer.getShell(), heading, question);
    }

    private java.util.function.BooleanSupplier confirmation;

    void answerConfirmationsWith(java.util.function.BooleanSupplier answer) {
        this.confirmation = answer;
    }

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

    public void assign() {
        DeskSession current = session;
        Conversation c = conversation;
        if (current == null || c == null) {
            return;
        }
        DeskJobs.run("Loading agents and Brains", composer, () -> new AssignDialog.Choices(current.directory().agents(),
                current.directory().brains().stream().filter(b -> b.environmentId() == c.environmentId()).toList()),
                choices -> {
                    AssignDialog dialog = new AssignDialog(composer.getShell(), choices);
                    if (dialog.open() != org.eclipse.jface.window.Window.OK) {
                        return;
                    }
                    Object target = dialog.choice();
                    act("Assigning", () -> switch (target) {
                        case Agent a -> current.conversations().assignToAgent(c.id(), a.id(), current.agent().id());
                        case Brain b -> current.conversations().assignToBrain(c.id(), b.id(), current.agent().id());
                        default -> current.conversations().unassign(c.id(), current.agent().id());
                    });
                }, failure -> feedback.setText(failure.getMessage()));
    }

    public void editTags() {
        DeskSession current = session;
        Conversation c = conversation;
        if (current == null || c == null) {
            return;
        }
        DeskJobs.run("Loading tags", composer, () -> current.inbox().tags(), known -> {
            TagsDialog dialog = new TagsDialog(composer.getShell(), c.tags(), known);
            if (dialog.open() != org.eclipse.jface.window.Window.OK) {
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
        }, failure -> feedback.setText(failure.getMessage()));
    }

    /** Sends the shown messages that failed to be delivered again; they go back to the outbox. */
    public void retryFailed() {
        DeskSession current = session;
        List<Long> failed = messages.stream().filter(m -> m.deliveryState() == DeliveryState.FAILED)
                .map(Message::id).toList();
        if (current == null || failed.isEmpty()) {
            return;
        }
        feedback.setText("Sending again\u2026");
        DeskJobs.run("Sending again", composer, () -> {
            failed.forEach(id -> current.deliveries().retry(id, current.agent().id()));
            return failed.size();
        }, count -> {
            feedback.setText("");
            reload();
        }, failure -> feedback.setText(failure.getMessage()));
    }

    /** Runs a change in a Job; the conversation reloads on success, the reason shows on failure. */
    private Job act(String what, java.util.function.Supplier<Conversation> change) {
        feedback.setText(what + "\u2026");
        return DeskJobs.run(what, composer, change, done -> {
            feedback.setText("");
            reload();
        }, failure -> feedback.setText(failure.getMessage()));
    }

    void usePreferences(DeskPreferences replacement) {
        this.preferences = replacement;
    }

    /** For tests and screenshots: what the transcript shows. */
    public String transcriptText() {
        return transcript.plainText();
    }

    List<Attachment> pendingFiles() {
        return pending.files();
    }

    List<Attachment> transcriptFiles() {
        return transcript.files();
    }

    Text composer() {
        return composer;
    }

    String headerText() {
        return title.getText() + "\n" + details.getText();
    }

    String feedbackText() {
        return feedback.getText();
    }
}
