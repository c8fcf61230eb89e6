package org.humanchat.ui.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.eclipse.jface.fieldassist.IContentProposal;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Text;
import org.humanchat.api.model.Assignee;
import org.humanchat.api.model.AuthorKind;
import org.humanchat.api.model.ConversationStatus;
import org.humanchat.api.model.InboxTab;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The conversation editor as an agent uses it: reading, replying, quick responses, resolve, assign, tags. */
class ConversationPartTest {

    @TempDir
    Path folder;
    DeskUi ui;
    ConversationPage editor;
    InboxPage inbox;

    @BeforeEach
    void open() {
        ui = new DeskUi(folder);
        editor = new ConversationPage(ui);
        inbox = new InboxPage(ui, null);
        ui.desk.events.deliverTo(event -> {
            editor.deliver(event);
            inbox.deliver(event);
        });
        editor.signIn(ui.desk.ana);
        inbox.signIn(ui.desk.ana);
    }

    @AfterEach
    void close() {
        ui.close();
    }

    private long openConversation(long id) {
        return editor.open(id);
    }

    private void typeAndPressEnter(String text) {
        editor.typeAndPressEnter(text);
    }

    @Test
    void replyingToABrainConversationMovesItToMeAndTheBrainLeaves() {
        var desk = ui.desk;
        long id = openConversation(desk.userWrites(desk.webchat, "visitor-1", "Hello?").conversationId());
        ui.waitUntil("it is in the Brain tab", () -> inbox.tabLabel(InboxTab.BRAIN).equals("Brain  1"));

        typeAndPressEnter("Hi, this is Ana.");

        ui.waitUntil("the reply is shown", () -> editor.transcriptText().contains("Hi, this is Ana."));
        assertTrue(editor.transcriptText().contains("Rules left"), editor.transcriptText());
        assertEquals("", editor.composer().getText());
        ui.waitUntil("the inbox moved it to Me", () -> inbox.tabLabel(InboxTab.ME).equals("Me  1")
                && inbox.tabLabel(InboxTab.BRAIN).equals("Brain  0"));
        assertEquals(Assignee.agent(desk.ana.id()), desk.conversations.find(id).orElseThrow().assignee());
    }

    @Test
    void shiftEnterStartsANewLineInsteadOfSending() {
        long id = openConversation(ui.desk.userWrites(ui.desk.whatsapp, "+4915100000001", "Hi").conversationId());
        editor.composer().setText("line one");

        editor.pressEnterOnTheKeyboard(SWT.SHIFT);

        ui.waitUntil("Shift+Enter put a new line in the composer", () -> editor.composer().getText()
                .equals("line one" + Text.DELIMITER));
        assertEquals(1, ui.desk.conversations.messages(id, 0, 10).size(), "nothing was sent");

        editor.composer().append("line two");
        editor.pressEnterOnTheKeyboard(0);
        ui.waitUntil("Enter sent both lines as one reply", () -> ui.desk.conversations.messages(id, 0, 10).stream()
                .anyMatch(m -> m.authorKind() == AuthorKind.AGENT && m.text().equals("line one\nline two")));
        assertEquals("", editor.composer().getText());
    }

    @Test
    void quickResponsesCompleteAfterASlashWithVariablesFilledIn() {
        var desk = ui.desk;
        desk.directory.saveQuickResponse(desk.production.id(), "hello", "Hi {contact}, {agent} here.", desk.ana.id());
        desk.directory.saveQuickResponse(desk.production.id(), "refund", "Refunds take 5 days.", desk.ana.id());
        long id = desk.conversations.receive(new org.humanchat.api.model.InboundMessage(desk.whatsapp.id(),
                "+4915100000002", "Maria Lopez", "x1", "Hi", List.of(), java.time.Instant.now())).conversationId();
        openConversation(id);

        List<IContentProposal> proposals = editor.quickResponsesFor("Thanks! /he");

        assertEquals(List.of("Hi Maria, Ana here."), proposals.stream().map(IContentProposal::getContent).toList());
        assertEquals(2, editor.quickResponsesFor("/").size());
        assertEquals(0, editor.quickResponsesFor("a/b").size(), "only a slash that starts a word");
    }

    @Test
    void replyingToAnotherAgentsConversationAsksFirstAndKeepsTheTextWhenDeclined() {
        var desk = ui.desk;
        long id = desk.userWrites(desk.whatsapp, "+4915100000003", "Hello").conversationId();
        desk.conversations.reply(id, desk.bob.id(), "Bob here", List.of(), false);
        openConversation(id);

        editor.whenAskedToTakeOver(false);
        typeAndPressEnter("Ana here");
        ui.waitUntil("the question was answered", () -> editor.composer().getText().equals("Ana here")
                && editor.feedbackText().isEmpty());
        assertEquals(1, desk.conversations.messages(id, 0, 50).stream()
                .filter(m -> m.authorKind() == AuthorKind.AGENT).count());

        editor.whenAskedToTakeOver(true);
        typeAndPressEnter("Ana here");
        ui.waitUntil("the reply went out after the take-over", () -> editor.transcriptText().contains("Ana here")
                && editor.composer().getText().isEmpty());
        assertEquals(Assignee.agent(desk.ana.id()), desk.conversations.find(id).orElseThrow().assignee());
        assertTrue(editor.transcriptText().contains("Ana took over from Bob"));
    }

    @Test
    void anUndeliveredReplyShowsWhyAndIsSentAgainFromTheHeader() {
        long id = openConversation(ui.desk.userWrites(ui.desk.whatsapp, "+4915100000005", "Hi").conversationId());
        org.eclipse.swt.widgets.Button again = editor.button("Send again");
        assertTrue(!again.isEnabled(), "nothing to send again yet");
        var reply = ui.desk.conversations.reply(id, ui.desk.ana.id(), "Hello there", java.util.List.of(), false);
        ui.desk.deliveries.retryLater(reply.id(), "WhatsApp answered HTTP 503", java.time.Instant.now().plusSeconds(60));
        ui.waitUntil("the retry is shown with its reason", () -> editor.transcriptText()
                .contains("queued, retrying: WhatsApp answered HTTP 503"));
        ui.desk.deliveries.failed(reply.id(), "WhatsApp answered HTTP 400: invalid recipient");
        ui.waitUntil("the failure is shown with its reason", () -> editor.transcriptText()
                .contains("not delivered: WhatsApp answered HTTP 400: invalid recipient") && again.isEnabled());

        Widgets.click(again);
        ui.waitUntil("it is queued again", () -> ui.desk.conversations.messages(id, 0, 50).stream()
                .anyMatch(m -> m.id() == reply.id() && m.deliveryState() == org.humanchat.api.model.DeliveryState.PENDING)
                && !editor.transcriptText().contains("not delivered") && !again.isEnabled());
    }

    @Test
    void resolveAndReopenFromTheHeader() {
        long id = openConversation(ui.desk.userWrites(ui.desk.whatsapp, "+4915100000004", "Hi").conversationId());
        editor.click("Resolve");
        ui.waitUntil("it is resolved", () -> Widgets.all(ui.shell, org.eclipse.swt.widgets.Button.class).stream()
                .anyMatch(b -> b.getText().equals("Reopen")));
        assertEquals(ConversationStatus.RESOLVED, ui.desk.conversations.find(id).orElseThrow().status());
        assertTrue(editor.transcriptText().contains("Resolved by Ana"));
        ui.waitUntil("the inbox counts it as closed", () -> inbox.tabLabel(InboxTab.CLOSED).equals("Closed  1"));

        editor.click("Reopen");
        ui.waitUntil("it is open again", () -> ui.desk.conversations.find(id).orElseThrow().isOpen());
    }

    @Test
    void assignToAColleagueThroughTheDialog() {
        long id = openConversation(ui.desk.userWrites(ui.desk.whatsapp, "+4915100000005", "Hi").conversationId());
        ui.whenDialogOpens("Assign conversation", dialog -> {
            org.eclipse.swt.widgets.List list = Widgets.all(dialog, org.eclipse.swt.widgets.List.class).get(0);
            list.setSelection(Arrays.asList(list.getItems()).indexOf("Bob  (agent, available)"));
            Widgets.click(Widgets.button(dialog, "Assign"));
        });
        editor.click("Assign\u2026");
        ui.waitUntil("Bob has it", () -> ui.desk.conversations.find(id).orElseThrow().assignee()
                .equals(Assignee.agent(ui.desk.bob.id())));
        ui.waitUntil("the editor says so", () -> editor.headerText().contains("with Bob"));
    }

    @Test
    void handBackToTheBrainThroughTheDialog() {
        long id = openConversation(ui.desk.userWrites(ui.desk.whatsapp, "+4915100000006", "Hi").conversationId());
        ui.whenDialogOpens("Assign conversation", dialog -> {
            org.eclipse.swt.widgets.List list = Widgets.all(dialog, org.eclipse.swt.widgets.List.class).get(0);
            list.setSelection(Arrays.asList(list.getItems()).indexOf("Rules  (Brain)"));
            Widgets.click(Widgets.button(dialog, "Assign"));
        });
        editor.click("Assign\u2026");
        ui.waitUntil("the Brain has it", () -> ui.desk.conversations.find(id).orElseThrow().isHandledByBrain());
        ui.waitUntil("the inbox shows it in Brain", () -> inbox.tabLabel(InboxTab.BRAIN).equals("Brain  1"));
    }

    @Test
    void tagsAreAddedWithTheDialog() {
        long id = openConversation(ui.desk.userWrites(ui.desk.whatsapp, "+4915100000007", "Hi").conversationId());
        ui.whenDialogOpens("Tags", dialog -> {
            Text input = Widgets.all(dialog, Text.class).get(0);
            input.setText("VIP");
            Widgets.click(Widgets.button(dialog, "Add"));
            Widgets.click(Widgets.button(dialog, "OK"));
        });
        editor.click("Tags\u2026");
        ui.waitUntil("the tag is stored", () -> ui.desk.conversations.find(id).orElseThrow().tags().contains("vip"));
        ui.waitUntil("the header shows it", () -> editor.headerText().contains("tags: vip"));
    }

    @Test
    void aLongTranscriptShowsItsNewestPageAndLoadsEarlierOnRequest() {
        var desk = ui.desk;
        long id = desk.userWrites(desk.whatsapp, "+4915100000008", "message 0").conversationId();
        int total = ConversationPart.PAGE + ConversationPart.PAGE / 2; // one "load earlier" brings the rest
        for (int i = 1; i < total; i++) {
            desk.userWrites(desk.whatsapp, "+4915100000008", "message " + i);
        }
        openConversation(id);
        assertTrue(editor.transcriptText().contains("message " + (total - 1)));
        assertTrue(!editor.transcriptText().contains("message 0\n"), "only the newest page is loaded");
        org.eclipse.swt.widgets.Link older = editor.olderLink();
        assertTrue(older.isVisible());
        older.notifyListeners(SWT.Selection, new Event());
        ui.waitUntil("earlier messages are loaded", () -> editor.transcriptText().contains("message 0\n"));
    }

    @Test
    void withEnterSendsOffEnterBreaksTheLineAndCtrlEnterSends() {
        var preferences = new DeskPreferences(org.eclipse.core.runtime.preferences.InstanceScope.INSTANCE.getNode("org.humanchat.ui.test." + System.nanoTime()));
        preferences.save(true, false, false, DeskPreferences.Theme.SYSTEM);
        editor = new ConversationPage(ui, preferences).signIn(ui.desk.ana);
        long id = openConversation(ui.desk.userWrites(ui.desk.whatsapp, "+4915100000010", "Hi").conversationId());

        editor.composer().setText("first line");
        editor.pressEnterOnTheKeyboard(0);
        ui.waitUntil("Enter put a new line in the composer", () -> editor.composer().getText()
                .equals("first line" + Text.DELIMITER));
        assertEquals(1, ui.desk.conversations.messages(id, 0, 10).size(), "nothing was sent");

        editor.pressEnterOnTheKeyboard(SWT.CTRL);
        ui.waitUntil("Ctrl+Enter sent it", () -> ui.desk.conversations.messages(id, 0, 10).stream()
                .anyMatch(m -> m.authorKind() == AuthorKind.AGENT && m.text().equals("first line")));
    }

    @Test
    void aFileIsAttachedSentWithTheReplyAndSavedBack() throws Exception {
        var desk = ui.desk;
        long id = openConversation(desk.userWrites(desk.webchat, "visitor-9", "Can you send the invoice?")
                .conversationId());
        byte[] content = "Invoice 2026-117: 49.00 EUR\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        Path invoice = java.nio.file.Files.write(folder.resolve("invoice.txt"), content);

        editor.attach(invoice);
        ui.waitUntil("the file is attached", () -> editor.pendingFiles().size() == 1);
        typeAndPressEnter("Here it is.");

        ui.waitUntil("the reply with the file is shown", () -> editor.transcriptText().contains("invoice.txt (28 B)"));
        assertTrue(editor.pendingFiles().isEmpty(), "the file went with the reply");
        var sent = desk.conversations.messages(id, 0, 50).stream().filter(m -> m.text().equals("Here it is."))
                .findFirst().orElseThrow();
        assertEquals("invoice.txt", sent.attachments().get(0).name());
        assertEquals(List.of(sent.attachments().get(0)), editor.transcriptFiles());

        Path saved = folder.resolve("saved-invoice.txt");
        editor.save(editor.transcriptFiles().get(0), saved);
        ui.waitUntil("the file is saved", () -> java.nio.file.Files.exists(saved));
        assertTrue(Arrays.equals(content, java.nio.file.Files.readAllBytes(saved)));
    }

    @Test
    void aFileOverTheLimitIsRefusedBeforeUploadAndOnlyFilesCanBeSent() throws Exception {
        var desk = ui.desk;
        long id = openConversation(desk.userWrites(desk.webchat, "visitor-10", "Logs?").conversationId());
        Path big = java.nio.file.Files.write(folder.resolve("big.log"), new byte[100 * 1024]);
        Path fake = java.nio.file.Files.write(folder.resolve("photo.png"), "not a picture".getBytes());

        editor.attach(big);
        ui.waitUntil("the large file is refused", () -> editor.feedbackText()
                .equals("big.log is 100 KB; files up to 64 KB can be sent"));
        editor.attach(fake);
        ui.waitUntil("the fake picture is refused", () -> editor.feedbackText()
                .startsWith("Not attached: photo.png is not"));
        assertTrue(editor.pendingFiles().isEmpty());

        Path small = java.nio.file.Files.write(folder.resolve("notes.txt"), "a few notes".getBytes());
        editor.attach(small);
        ui.waitUntil("the small file is attached", () -> editor.pendingFiles().size() == 1);
        editor.send();
        ui.waitUntil("the reply with only a file is stored", () -> desk.conversations.messages(id, 0, 50).stream()
                .anyMatch(m -> m.attachments().size() == 1 && m.text().isEmpty()));
    }
}
