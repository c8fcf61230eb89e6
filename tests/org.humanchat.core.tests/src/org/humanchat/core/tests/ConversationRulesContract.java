package org.humanchat.core.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.humanchat.api.event.ConversationEvents;
import org.humanchat.api.model.Assignee;
import org.humanchat.api.model.AuthorKind;
import org.humanchat.api.model.Contact;
import org.humanchat.api.model.ContactUpdate;
import org.humanchat.api.model.Conversation;
import org.humanchat.api.model.ConversationStatus;
import org.humanchat.api.model.DeliveryState;
import org.humanchat.api.model.Direction;
import org.humanchat.api.model.HandoverResult;
import org.humanchat.api.model.InboundMessage;
import org.humanchat.api.model.InboundResult;
import org.humanchat.api.model.InboxQuery;
import org.humanchat.api.model.InboxRow;
import org.humanchat.api.model.InboxTab;
import org.humanchat.api.model.Message;
import org.humanchat.api.service.ConversationOwnedException;
import org.humanchat.api.service.HumanChatException;
import org.humanchat.api.service.NotFoundException;
import org.humanchat.api.service.ValidationException;
import org.humanchat.core.internal.ConversationRules;
import org.junit.jupiter.api.Test;

/** Every rule of a conversation's life, against a real database; subclasses choose which. */
abstract class ConversationRulesContract extends DeskContract {

    private Conversation conversation(long id) {
        return desk.conversations.find(id).orElseThrow();
    }

    private List<String> timeline(long conversationId) {
        return desk.conversations.messages(conversationId, 0, 1000).stream()
                .filter(m -> m.authorKind() == AuthorKind.SYSTEM && m.direction() == Direction.INTERNAL)
                .map(Message::text).toList();
    }

    private List<Long> tab(InboxTab tab, long agentId) {
        return desk.inbox.page(InboxQuery.firstPage(tab, agentId, 500)).stream()
                .map(r -> r.conversation().id()).toList();
    }

    /** The maintained counts must equal what a full COUNT over the rows says, for every tab. */
    private void assertCountsMatchRows(long agentId) {
        var counts = desk.inbox.counts(agentId);
        for (InboxTab tab : InboxTab.values()) {
            long counted = desk.store.read(r -> r.inbox().count(InboxQuery.firstPage(tab, agentId, 1)));
            assertEquals(counted, counts.of(tab), "count of tab " + tab);
        }
    }

    @Test
    void inboundMessageOpensConversationHandledByChannelsDefaultBrain() {
        InboundResult result = desk.userWrites(desk.webchat, "visitor-1", "Hello");

        Conversation c = conversation(result.conversationId());
        assertEquals(ConversationStatus.OPEN, c.status());
        assertEquals(Assignee.brain(desk.rules.id()), c.assignee());
        assertFalse(result.duplicate());
        assertEquals(List.of(result.conversationId()), tab(InboxTab.BRAIN, desk.ana.id()));
        assertEquals(List.of(), tab(InboxTab.UNASSIGNED, desk.ana.id()));
        assertTrue(desk.events.topics().containsAll(List.of("MESSAGE_ADDED", "CREATED")));
        assertCountsMatchRows(desk.ana.id());
    }

    /**
     * What a channel's 2xx relies on: the stage {@code receiveLater} answers completes once the message is committed,
     * never before. The commit is held; meanwhile the stage is not complete and nobody else sees the message.
     */
    @Test
    void whatADatabaseCannotKeepIsMadeStorableBeforeItIsWritten() throws Exception {
        String longName = "a".repeat(300) + ".pdf";
        InboundMessage odd = new InboundMessage(desk.whatsapp.id(), "+49151\u00000001", "Kim\u0000 " + "K".repeat(250),
                "wamid.\u0000odd", "Hello\u0000there", List.of(new org.humanchat.api.model.Attachment(longName,
                        "x".repeat(300), 12, "c".repeat(64))), java.time.Instant.now());

        InboundResult now = desk.conversations.receive(odd);
        InboundResult later = desk.conversations.receiveLater(new InboundMessage(desk.whatsapp.id(), "+4915100000002",
                null, "wamid.later", "Again\u0000", List.of(), java.time.Instant.now())).toCompletableFuture()
                .get(10, java.util.concurrent.TimeUnit.SECONDS);

        var stored = desk.conversations.messages(now.conversationId(), 0, 10).stream()
                .filter(m -> m.id() == now.messageId()).findFirst().orElseThrow();
        assertEquals("Hello\uFFFDthere", stored.text());
        assertEquals(255, stored.attachments().get(0).name().length());
        assertTrue(stored.attachments().get(0).name().endsWith(".pdf"));
        assertEquals("application/octet-stream", stored.attachments().get(0).mediaType());
        var contact = desk.contacts.find(desk.conversations.find(now.conversationId()).orElseThrow().contactId())
                .orElseThrow();
        assertEquals(200, contact.name().length());
        assertEquals("Again\uFFFD", desk.conversations.messages(later.conversationId(), 0, 10).stream()
                .filter(m -> m.id() == later.messageId()).findFirst().orElseThrow().text());
        assertTrue(desk.conversations.receive(odd).duplicate(), "a redelivery is still known as one");
        var reply = desk.conversations.reply(now.conversationId(), desk.ana.id(), "Fine\u0000", List.of(), true);
        assertEquals("Fine\uFFFD", reply.text());
    }

    @Test
    void aMessageReceivedLaterIsReportedStoredOnlyOnceItIsCommitted() throws Exception {
        String sender = "+4915100000042";
        try (HeldCommits.Hold hold = commits.holdNextWrite()) {
            CompletableFuture<InboundResult> stored = desk.conversations
                    .receiveLater(Desk.inbound(desk.whatsapp, sender, "held-1", "Is it stored?")).toCompletableFuture();
            CompletableFuture.anyOf(hold.held(), stored).get(10, TimeUnit.SECONDS);
            assertTrue(hold.held().isDone(), () -> "reported stored before anything was written: " + stored.join());
            // There is no event for "not reported": the stage has a fair moment to complete, and must not.
            assertThrows(TimeoutException.class, () -> stored.get(300, TimeUnit.MILLISECONDS),
                    "reported stored while its commit is held");
            assertTrue(desk.conversations.latestOf(desk.whatsapp.id(), sender).isEmpty(),
                    "others see the message before it is committed");

            hold.release();
            InboundResult result = stored.get(10, TimeUnit.SECONDS);
            assertEquals(List.of("Is it stored?"), desk.conversations.messages(result.conversationId(), 0, 10)
                    .stream().filter(m -> m.direction() == Direction.INBOUND).map(Message::text).toList());
        }
    }

    @Test
    void inboundMessageWithoutBrainWaitsForAHuman() {
        InboundResult result = desk.userWrites(desk.whatsapp, "+4915100000001", "Hi, I need help");

        assertTrue(conversation(result.conversationId()).isWaitingForHuman());
        assertEquals(List.of(result.conversationId()), tab(InboxTab.UNASSIGNED, desk.bob.id()));
        assertEquals(List.of(result.conversationId()), tab(InboxTab.OPEN, desk.bob.id()));
        assertCountsMatchRows(desk.bob.id());
    }

    @Test
    void redeliveryOfAMessageStoresNothingNew() {
        InboundResult first = desk.conversations.receive(Desk.inbound(desk.whatsapp, "+4915100000002", "wamid.1", "Hi"));
        desk.events.clear();

        InboundResult again = desk.conversations.receive(Desk.inbound(desk.whatsapp, "+4915100000002", "wamid.1", "Hi"));

        assertTrue(again.duplicate());
        assertEquals(first.messageId(), again.messageId());
        assertEquals(1, desk.conversations.messages(first.conversationId(), 0, 100).size());
        assertEquals(List.of(), desk.events.topics());
    }

    @Test
    void laterMessagesOfAContactJoinTheOpenConversation() {
        InboundResult first = desk.userWrites(desk.whatsapp, "+4915100000003", "one");
        InboundResult second = desk.userWrites(desk.whatsapp, "+4915100000003", "two");

        assertEquals(first.conversationId(), second.conversationId());
        assertEquals(List.of("one", "two"), desk.conversations.messages(first.conversationId(), 0, 10).stream()
                .map(Message::text).toList());
    }

    @Test
    void brainHandoverPutsConversationInUnassigned() {
        long id = desk.userWrites(desk.webchat, "visitor-2", "I want a human").conversationId();

        assertEquals(HandoverResult.HANDED_OVER, desk.conversations.handOver(id, desk.rules.id(), "asked for a human"));

        Conversation c = conversation(id);
        assertTrue(c.isWaitingForHuman());
        assertTrue(c.handedOverAt() != null);
        assertEquals(List.of(id), tab(InboxTab.UNASSIGNED, desk.ana.id()));
        assertEquals(List.of(), tab(InboxTab.BRAIN, desk.ana.id()));
        assertTrue(timeline(id).contains("Rules handed over to humans: asked for a human"));
        assertTrue(desk.events.topics().contains("HANDED_OVER"));
        assertCountsMatchRows(desk.ana.id());
    }

    @Test
    void handoverWithHumanChatOffKeepsBrainAndSendsFallback() {
        desk.directory.setHumanChatEnabled(desk.production.id(), false, desk.ana.id());
        long id = desk.userWrites(desk.webchat, "visitor-3", "agent please").conversationId();

        assertEquals(HandoverResult.REFUSED_HUMAN_CHAT_DISABLED,
                desk.conversations.handOver(id, desk.rules.id(), "asked for a human"));

        assertEquals(Assignee.brain(desk.rules.id()), conversation(id).assignee());
        Message last = desk.conversations.messages(id, 0, 1).get(0);
        assertEquals(desk.production.fallbackText(), last.text());
        assertEquals(Direction.OUTBOUND, last.direction());
        assertEquals(DeliveryState.PENDING, last.deliveryState());
        assertEquals(List.of(), tab(InboxTab.UNASSIGNED, desk.ana.id()));
    }

    @Test
    void humanChatToggleIsRecordedWithWhoAndWhen() {
        var off = desk.directory.setHumanChatEnabled(desk.production.id(), false, desk.ana.id());

        assertFalse(off.humanChatEnabled());
        assertEquals("Ana", off.humanChatChangedBy());
        assertTrue(off.humanChatChangedAt() != null);
        assertThrows(HumanChatException.class,
                () -> desk.directory.setHumanChatEnabled(desk.production.id(), true, desk.bob.id()));
    }

    @Test
    void aConversationIsUnreadForEachAgentUntilTheyLookAndAgainWhenTheUserWrites() {
        long id = desk.userWrites(desk.whatsapp, "+4915100000077", "hello?").conversationId();
        assertTrue(unread(id, desk.ana.id()));
        assertTrue(unread(id, desk.bob.id()));

        desk.events.clear();
        desk.conversations.markSeen(id, desk.ana.id());

        assertFalse(unread(id, desk.ana.id()));
        assertTrue(unread(id, desk.bob.id()), "Bob has not looked");
        assertEquals(List.of("CONVERSATION"), desk.events.topics());
        desk.conversations.reply(id, desk.ana.id(), "Hi!", List.of(), false);
        assertFalse(unread(id, desk.ana.id()), "our own reply is no news");
        long seen = System.currentTimeMillis();
        while (System.currentTimeMillis() <= seen) {
            Thread.onSpinWait(); // the next message must come a clock tick later
        }
        desk.userWrites(desk.whatsapp, "+4915100000077", "still there?");
        assertTrue(unread(id, desk.ana.id()));
    }

    private boolean unread(long conversationId, long agentId) {
        return desk.inbox.page(InboxQuery.firstPage(InboxTab.OPEN, agentId, 50)).stream()
                .filter(r -> r.conversation().id() == conversationId).findFirst().orElseThrow().unread();
    }

    @Test
    void anAdminRenamesMergesAndDeletesTagsOnEveryConversation() {
        long a = desk.userWrites(desk.whatsapp, "+4915100000081", "a").conversationId();
        long b = desk.userWrites(desk.whatsapp, "+4915100000082", "b").conversationId();
        desk.conversations.tag(a, "vip_customer", desk.ana.id());
        desk.conversations.tag(a, "refund", desk.ana.id());
        desk.conversations.tag(b, "vip_customer", desk.ana.id());
        desk.conversations.tag(b, "vip", desk.ana.id());
        assertEquals(List.of(a, b).stream().sorted().toList(), taggedOpen("vip_customer"),
                "a tag with an underscore filters as itself");
        assertEquals(List.of(), taggedOpen("vipxcustomer"), "'_' is no wildcard");

        assertThrows(org.humanchat.api.service.PermissionDeniedException.class,
                () -> desk.directory.renameTag("vip_customer", "vip", desk.bob.id()));
        assertEquals(2, desk.directory.renameTag("vip_customer", "VIP", desk.ana.id()));

        assertEquals(java.util.Set.of("vip", "refund"), conversation(a).tags());
        assertEquals(java.util.Set.of("vip"), conversation(b).tags(), "merged where both were");
        assertEquals(List.of("refund", "vip"), desk.inbox.tags());

        assertEquals(2, desk.directory.deleteTag("vip", desk.ana.id()));
        assertEquals(java.util.Set.of("refund"), conversation(a).tags());
        assertEquals(java.util.Set.of(), conversation(b).tags());
        assertEquals(List.of("refund"), desk.inbox.tags());
    }

    private List<Long> taggedOpen(String tag) {
        return desk.inbox.page(new InboxQuery(InboxTab.OPEN, desk.ana.id(), "", 0, 0, tag, false, 0, 50)).stream()
                .map(r -> r.conversation().id()).sorted().toList();
    }

    @Test
    void agentsSetTheirOwnPresenceAndAdminsAnybodys() {
        desk.events.clear();
        assertEquals(org.humanchat.api.model.Presence.AVAILABLE, desk.bob.presence());

        var away = desk.directory.setPresence(desk.bob.id(), org.humanchat.api.model.Presence.AWAY, desk.bob.id());

        assertEquals(org.humanchat.api.model.Presence.AWAY, away.presence());
        assertEquals(org.humanchat.api.model.Presence.AWAY,
                desk.directory.agent(desk.bob.id()).orElseThrow().presence(), "kept in the database");
        assertEquals(List.of("PRESENCE_CHANGED"), desk.events.topics());
        assertThrows(org.humanchat.api.service.PermissionDeniedException.class, () -> desk.directory.setPresence(
                desk.ana.id(), org.humanchat.api.model.Presence.BUSY, desk.bob.id()));
        assertEquals(org.humanchat.api.model.Presence.BUSY, desk.directory.setPresence(desk.bob.id(),
                org.humanchat.api.model.Presence.BUSY, desk.ana.id()).presence());
    }

    @Test
    void withHumanChatOffAndNoBrainTheUserGetsTheFallbackAndNoHumanIsAsked() {
        desk.directory.setHumanChatEnabled(desk.production.id(), false, desk.ana.id());

        long id = desk.userWrites(desk.whatsapp, "+4915100000004", "hello?").conversationId();

        assertEquals(ConversationStatus.RESOLVED, conversation(id).status());
        assertEquals(List.of(), tab(InboxTab.UNASSIGNED, desk.ana.id()));
        assertTrue(desk.conversations.messages(id, 0, 10).stream()
                .anyMatch(m -> m.direction() == Direction.OUTBOUND && m.text().equals(desk.production.fallbackText())));
        assertCountsMatchRows(desk.ana.id());
    }

    @Test
    void agentReplyTakesConversationFromBrainAndBrainLeaves() {
        long id = desk.userWrites(desk.webchat, "visitor-5", "Hello").conversationId();
        desk.events.clear();

        Message reply = desk.conversations.reply(id, desk.bob.id(), "Hi, Bob here", List.of(), false);

        Conversation c = conversation(id);
        assertEquals(Assignee.agent(desk.bob.id()), c.assignee());
        assertTrue(c.firstHumanReplyAt() != null);
        assertEquals(AuthorKind.AGENT, reply.authorKind());
        assertEquals(DeliveryState.PENDING, reply.deliveryState());
        assertEquals(List.of("Rules left", "Assigned to Bob"), timeline(id));
        assertTrue(desk.events.topics().containsAll(List.of("BRAIN_LEFT", "ASSIGNED", "MESSAGE_ADDED")));
        assertEquals(List.of(id), tab(InboxTab.ME, desk.bob.id()));
        assertEquals(List.of(), tab(InboxTab.BRAIN, desk.bob.id()));
        assertEquals(List.of(), tab(InboxTab.ME, desk.ana.id()));
        HumanChatException refused = assertThrows(HumanChatException.class,
                () -> desk.conversations.brainReply(id, desk.rules.id(), "Still me", List.of()));
        assertTrue(refused.getMessage().contains("no longer handles"));
        assertCountsMatchRows(desk.bob.id());
    }

    @Test
    void replyToAConversationAnotherAgentOwnsIsRefusedUnlessTakenOver() {
        long id = desk.userWrites(desk.whatsapp, "+4915100000006", "Hello").conversationId();
        desk.conversations.reply(id, desk.bob.id(), "Bob here", List.of(), false);

        ConversationOwnedException refused = assertThrows(ConversationOwnedException.class,
                () -> desk.conversations.reply(id, desk.ana.id(), "Ana here", List.of(), false));
        assertEquals("Bob", refused.ownerName());
        assertEquals(1, desk.conversations.messages(id, 0, 100).stream()
                .filter(m -> m.authorKind() == AuthorKind.AGENT).count());

        desk.conversations.reply(id, desk.ana.id(), "Ana here", List.of(), true);
        assertEquals(Assignee.agent(desk.ana.id()), conversation(id).assignee());
        assertTrue(timeline(id).contains("Ana took over from Bob"));
        assertCountsMatchRows(desk.ana.id());
        assertCountsMatchRows(desk.bob.id());
    }

    @Test
    void resolveThenNewMessageReopensWithTheBrain() {
        long id = desk.userWrites(desk.webchat, "visitor-7", "Hello").conversationId();
        desk.conversations.reply(id, desk.ana.id(), "Hi", List.of(), false);
        desk.conversations.resolve(id, desk.ana.id());
        assertEquals(ConversationStatus.RESOLVED, conversation(id).status());
        assertEquals(List.of(id), tab(InboxTab.CLOSED, desk.ana.id()));
        assertTrue(timeline(id).contains("Resolved by Ana"));

        InboundResult again = desk.userWrites(desk.webchat, "visitor-7", "One more thing");

        assertEquals(id, again.conversationId());
        Conversation c = conversation(id);
        assertEquals(ConversationStatus.OPEN, c.status());
        assertEquals(Assignee.brain(desk.rules.id()), c.assignee());
        assertTrue(c.resolvedAt() == null);
        assertTrue(desk.events.topics().contains("REOPENED"));
        assertEquals(List.of(id), tab(InboxTab.BRAIN, desk.ana.id()));
        assertCountsMatchRows(desk.ana.id());
    }

    @Test
    void agentsCanReopenAssignUnassignAndHandBackToABrain() {
        long id = desk.userWrites(desk.whatsapp, "+4915100000008", "Hello").conversationId();

        desk.conversations.assignToAgent(id, desk.bob.id(), desk.ana.id());
        assertEquals(List.of(id), tab(InboxTab.ME, desk.bob.id()));
        desk.conversations.unassign(id, desk.ana.id());
        assertEquals(List.of(id), tab(InboxTab.UNASSIGNED, desk.bob.id()));
        desk.conversations.assignToBrain(id, desk.rules.id(), desk.ana.id());
        assertEquals(List.of(id), tab(InboxTab.BRAIN, desk.bob.id()));
        desk.conversations.resolve(id, desk.bob.id());
        desk.conversations.reopen(id, desk.bob.id());
        assertEquals(List.of(id), tab(InboxTab.BRAIN, desk.bob.id()));

        assertEquals(List.of("Assigned to Bob by Ana", "Unassigned by Ana", "Handed back to Rules by Ana",
                "Resolved by Bob", "Reopened by Bob"), timeline(id));
        assertCountsMatchRows(desk.bob.id());
    }

    @Test
    void aBrainOfAnotherEnvironmentCannotTakeTheConversation() {
        long id = desk.userWrites(desk.whatsapp, "+4915100000009", "Hello").conversationId();
        var staging = desk.directory.createEnvironment("staging", desk.ana.id());
        var other = desk.directory.createBrain(staging.id(), "Staging bot", "rules", desk.ana.id());

        assertThrows(ValidationException.class, () -> desk.conversations.assignToBrain(id, other.id(), desk.ana.id()));
        assertTrue(conversation(id).isWaitingForHuman());
    }

    @Test
    void tagsAreAddedRemovedListedAndFiltered() {
        long id = desk.userWrites(desk.whatsapp, "+4915100000010", "Hello").conversationId();
        long other = desk.userWrites(desk.whatsapp, "+4915100000011", "Hi").conversationId();

        desk.conversations.tag(id, " VIP ", desk.ana.id());
        desk.conversations.tag(id, "billing", desk.ana.id());
        desk.conversations.untag(id, "billing", desk.ana.id());

        assertEquals(Set.of("vip"), conversation(id).tags());
        assertTrue(desk.inbox.tags().containsAll(List.of("vip", "billing")));
        InboxQuery vip = new InboxQuery(InboxTab.OPEN, desk.ana.id(), "", 0, 0, "vip", false, 0, 50);
        assertEquals(List.of(id), desk.inbox.page(vip).stream().map(r -> r.conversation().id()).toList());
        assertEquals(1, desk.inbox.count(vip));
        assertTrue(tab(InboxTab.OPEN, desk.ana.id()).contains(other));
        assertThrows(ValidationException.class, () -> desk.conversations.tag(id, "  ", desk.ana.id()));
    }

    @Test
    void searchFindsContactDetailsAndMessageText() {
        InboundResult a = desk.conversations.receive(new org.humanchat.api.model.InboundMessage(desk.whatsapp.id(),
                "+4915100000012", "Maria Lopez", "x-1", "My parcel never arrived", List.of(), java.time.Instant.now()));
        desk.userWrites(desk.whatsapp, "+4915100000013", "Where is my invoice?");

        assertEquals(List.of(a.conversationId()), search("maria"));
        assertEquals(List.of(a.conversationId()), search("PARCEL"));
        assertEquals(List.of(), search("nothing like this"));
        assertEquals(2, search("").size());
    }

    private List<Long> search(String text) {
        return desk.inbox.page(new InboxQuery(InboxTab.OPEN, desk.ana.id(), text, 0, 0, "", false, 0, 50)).stream()
                .map(r -> r.conversation().id()).toList();
    }

    @Test
    void inboxRowsShowContactChannelAssigneeAndPreviewNewestFirst() {
        long older = desk.userWrites(desk.whatsapp, "+4915100000014", "first").conversationId();
        long newer = desk.userWrites(desk.webchat, "visitor-15", "second message\nwith two lines").conversationId();

        List<InboxRow> rows = desk.inbox.page(InboxQuery.firstPage(InboxTab.OPEN, desk.ana.id(), 10));

        assertEquals(List.of(newer, older), rows.stream().map(r -> r.conversation().id()).toList());
        InboxRow top = rows.get(0);
        assertEquals("Web chat", top.channelName());
        assertEquals("webchat", top.channelType());
        assertEquals("production", top.environmentName());
        assertEquals("Rules", top.assigneeName());
        assertEquals("second message with two lines", top.preview());
        List<InboxRow> oldestFirst = desk.inbox.page(
                new InboxQuery(InboxTab.OPEN, desk.ana.id(), "", 0, 0, "", true, 0, 10));
        assertEquals(List.of(older, newer), oldestFirst.stream().map(r -> r.conversation().id()).toList());
    }

    @Test
    void contactUpdatesAreValidatedAndNothingChangesOnError() {
        long id = desk.userWrites(desk.whatsapp, "+4915100000016", "Hello").conversationId();
        long contactId = conversation(id).contactId();

        ValidationException bad = assertThrows(ValidationException.class, () -> desk.contacts.update(contactId,
                new ContactUpdate("Jo", "not-an-email", "", "0151 234"), desk.ana.id()));
        assertEquals(Set.of("email", "phone"), bad.fieldErrors().keySet());
        assertEquals("", desk.contacts.find(contactId).orElseThrow().name());

        Contact saved = desk.contacts.update(contactId,
                new ContactUpdate(" Jo Smith ", "jo@example.com", "1 Main St", "+49 151 2345 6789"), desk.ana.id());
        assertEquals("Jo Smith", saved.name());
        assertEquals("+4915123456789", saved.phone());
        assertEquals(1, saved.identities().size());
        assertEquals(List.of(id), desk.contacts.conversations(contactId, 10).stream().map(Conversation::id).toList());
    }

    @Test
    void longTranscriptsArePagedFromTheNewestBackwards() {
        long id = desk.userWrites(desk.whatsapp, "+4915100000017", "message 0").conversationId();
        for (int i = 1; i < 25; i++) {
            desk.userWrites(desk.whatsapp, "+4915100000017", "message " + i);
        }
        List<Message> newest = desk.conversations.messages(id, 0, 10);
        List<Message> before = desk.conversations.messages(id, newest.get(0).id(), 10);

        assertEquals("message 15", newest.get(0).text());
        assertEquals("message 24", newest.get(9).text());
        assertEquals("message 5", before.get(0).text());
        assertEquals("message 14", before.get(9).text());
    }

    @Test
    void deliveryStateOfOutboundMessagesIsRecorded() {
        long id = desk.userWrites(desk.whatsapp, "+4915100000018", "Hello").conversationId();
        Message reply = desk.conversations.reply(id, desk.ana.id(), "Hi", List.of(), false);

        desk.deliveries.failed(reply.id(), "429 Too Many Requests");

        Message stored = desk.conversations.messages(id, 0, 10).stream().filter(m -> m.id() == reply.id())
                .findFirst().orElseThrow();
        assertEquals(DeliveryState.FAILED, stored.deliveryState());
        assertEquals("429 Too Many Requests", stored.deliveryError());
        var changed = desk.events.events.stream()
                .filter(e -> e.getTopic().equals(ConversationEvents.DELIVERY_CHANGED)).findFirst().orElseThrow();
        assertEquals(reply.id(), changed.getProperty(ConversationEvents.MESSAGE_ID));
    }

    @Test
    void eventsDescribeTheConversationAfterTheChange() {
        long id = desk.userWrites(desk.webchat, "visitor-19", "Hello").conversationId();
        desk.events.clear();

        desk.conversations.reply(id, desk.bob.id(), "Hi", List.of(), false);

        var assigned = desk.events.events.stream().filter(e -> e.getTopic().equals(ConversationEvents.ASSIGNED))
                .findFirst().orElseThrow();
        Map<String, Object> expected = Map.of(ConversationEvents.CONVERSATION_ID, id,
                ConversationEvents.ASSIGNEE_KIND, "AGENT", ConversationEvents.ASSIGNEE_ID, desk.bob.id(),
                ConversationEvents.PREVIOUS_ASSIGNEE_KIND, "BRAIN",
                ConversationEvents.PREVIOUS_ASSIGNEE_ID, desk.rules.id(), ConversationEvents.STATUS, "OPEN");
        expected.forEach((key, value) -> assertEquals(value, assigned.getProperty(key), key));
    }

    @Test
    void badInputGetsClearErrorsAndStoresNothing() {
        assertThrows(NotFoundException.class, () -> desk.userWrites(
                new org.humanchat.api.model.Channel(999_999, desk.production.id(), "webchat", "gone", null), "v", "x"));
        long id = desk.userWrites(desk.whatsapp, "+4915100000020", "Hello").conversationId();
        assertThrows(ValidationException.class, () -> desk.conversations.reply(id, desk.ana.id(), "   ", List.of(), false));
        assertThrows(ValidationException.class,
                () -> desk.conversations.reply(id, desk.ana.id(), "x".repeat(20_001), List.of(), false));
        assertThrows(NotFoundException.class, () -> desk.conversations.reply(424242, desk.ana.id(), "Hi", List.of(), false));
        assertThrows(NotFoundException.class, () -> desk.conversations.reply(id, 424242, "Hi", List.of(), false));
        assertEquals(1, desk.conversations.messages(id, 0, 100).size());
        assertTrue(conversation(id).isWaitingForHuman());
        List<Long> open = new ArrayList<>(tab(InboxTab.OPEN, desk.ana.id()));
        assertEquals(List.of(id), open);
    }

    @Test
    void outsideBusinessHoursAHandoverStillReachesHumansAndTheUserIsTold() {
        // The handover happens on a Wednesday morning whatever the time the test runs at: the hours were chosen from
        // the wall clock before, and a run across 12:00 UTC handed over inside them.
        ConversationRules wednesdayMorning = new ConversationRules(desk.store, desk.events,
                java.time.Clock.fixed(java.time.Instant.parse("2026-12-02T09:00:00Z"), java.time.ZoneOffset.UTC));
        String closedNow = "Wed 12:00-23:59";
        desk.directory.setBusinessHours(desk.production.id(), closedNow, "UTC", "We are back at 9.", desk.ana.id());
        long id = desk.userWrites(desk.webchat, "visitor-21", "agent please").conversationId();

        assertEquals(HandoverResult.HANDED_OVER, wednesdayMorning.handOver(id, desk.rules.id(), "asked"));

        assertEquals(List.of(id), tab(InboxTab.UNASSIGNED, desk.ana.id()));
        Message last = desk.conversations.messages(id, 0, 100).stream()
                .filter(m -> m.direction() == Direction.OUTBOUND).reduce((a, b) -> b).orElseThrow();
        assertEquals("We are back at 9.", last.text());
        assertTrue(timeline(id).stream().anyMatch(t -> t.startsWith("Outside business hours (" + closedNow)));
    }

    @Test
    void outsideBusinessHoursAMessageThatGoesStraightToHumansIsAnsweredWithTheOutOfHoursTextOnce() {
        // No Brain on the WhatsApp channel: the first message waits for humans at once. On the rules' own clock,
        // fixed at a Wednesday 09:00 UTC, outside the hours set here whatever the time the test runs at.
        ConversationRules wednesdayMorning = new ConversationRules(desk.store, desk.events,
                java.time.Clock.fixed(java.time.Instant.parse("2026-12-02T09:00:00Z"), java.time.ZoneOffset.UTC));
        try {
            String closedNow = "Wed 12:00-23:59";
            desk.directory.setBusinessHours(desk.production.id(), closedNow, "UTC", "We are back at 12.",
                    desk.ana.id());
            long id = wednesdayMorning.receive(Desk.inbound(desk.whatsapp, "+4915100000023", "ooh-1", "Hello?"))
                    .conversationId();

            assertTrue(conversation(id).isWaitingForHuman());
            List<Message> outbound = desk.conversations.messages(id, 0, 100).stream()
                    .filter(m -> m.direction() == Direction.OUTBOUND).toList();
            assertEquals(List.of("We are back at 12."), outbound.stream().map(Message::text).toList());
            assertEquals(AuthorKind.SYSTEM, outbound.get(0).authorKind());
            assertEquals(DeliveryState.PENDING, outbound.get(0).deliveryState(), "queued for the channel");
            assertTrue(timeline(id).stream().anyMatch(t -> t.startsWith("Outside business hours (" + closedNow)));

            wednesdayMorning.receive(Desk.inbound(desk.whatsapp, "+4915100000023", "ooh-2", "Anybody?"));
            assertEquals(1, desk.conversations.messages(id, 0, 100).stream()
                    .filter(m -> m.direction() == Direction.OUTBOUND).count(), "told once, not on every message");
        } finally {
            wednesdayMorning.close();
        }
    }

    @Test
    void withinBusinessHoursNothingExtraIsSent() {
        desk.directory.setBusinessHours(desk.production.id(), "Mon-Sun 00:00-23:59:59.999", "Europe/Berlin", "",
                desk.ana.id());
        long id = desk.userWrites(desk.whatsapp, "+4915100000022", "Hello").conversationId();

        assertTrue(desk.conversations.messages(id, 0, 100).stream().noneMatch(m -> m.direction() == Direction.OUTBOUND));
        assertEquals("Europe/Berlin", desk.directory.environment(desk.production.id()).orElseThrow()
                .businessHours().zone().getId());
    }

    @Test
    void businessHoursThatCannotBeReadAreRefusedWithTheReason() {
        ValidationException bad = assertThrows(ValidationException.class, () -> desk.directory.setBusinessHours(
                desk.production.id(), "Mon-Fry 9-5", "UTC", "", desk.ana.id()));
        assertTrue(bad.fieldErrors().get("businessHours").contains("Fry"), bad.getMessage());
        assertThrows(ValidationException.class, () -> desk.directory.setBusinessHours(
                desk.production.id(), "Mon 09:00-17:00", "Mars/Olympus", "", desk.ana.id()));
        assertTrue(desk.directory.environment(desk.production.id()).orElseThrow().businessHours().isAlwaysOpen());
    }

    @Test
    void environmentsAreCreatedAndRenamedWithUniqueNames() {
        var staging = desk.directory.createEnvironment("staging", desk.ana.id());
        assertThrows(ValidationException.class, () -> desk.directory.createEnvironment("Production", desk.ana.id()));
        var renamed = desk.directory.renameEnvironment(staging.id(), "development", desk.ana.id());
        assertEquals("development", renamed.name());
        assertEquals(List.of("development", "production"),
                desk.directory.environments().stream().map(e -> e.name()).toList());
        assertThrows(HumanChatException.class, () -> desk.directory.createEnvironment("qa", desk.bob.id()));
    }

    /**
     * The store reads and writes the rows of a message with plain JDBC and the rest with the entity manager: within
     * one transaction each side must see what the other wrote, and a rollback must take back both.
     */
    @Test
    void oneTransactionSeesItsOwnWritesThroughJdbcAndTheEntityManagerAlike() {
        long id = desk.userWrites(desk.whatsapp, "+4915100000031", "Hi").conversationId();
        java.time.Instant now = java.time.Instant.now();

        desk.store.write(tx -> {
            // loaded by the entity manager
            assertEquals(Assignee.NOBODY, tx.conversations().find(id).orElseThrow().assignee());
            Conversation locked = tx.conversations().lock(id).orElseThrow(); // read with JDBC
            tx.conversations().save(locked.withAssignee(Assignee.agent(desk.bob.id())).withLastMessageAt(now));
            assertEquals(Assignee.agent(desk.bob.id()), tx.conversations().find(id).orElseThrow().assignee(),
                    "the entity manager sees the JDBC update");
            Message reply = tx.conversations().insertMessage(new Message(0, id, Direction.OUTBOUND, AuthorKind.AGENT,
                    desk.bob.id(), "On it", List.of(), null, DeliveryState.PENDING, null, now), desk.whatsapp.id());
            tx.outbox().enqueue(reply.id(), desk.whatsapp.id(), now);
            InboxRow row = tx.inbox().page(InboxQuery.firstPage(InboxTab.ME, desk.bob.id(), 10)).get(0);
            assertEquals(id, row.conversation().id());
            assertEquals("On it", row.preview(), "the preview written with JDBC is read by the entity manager");
            return null;
        });

        assertEquals(Assignee.agent(desk.bob.id()), conversation(id).assignee());
        assertEquals(List.of(id), tab(InboxTab.ME, desk.bob.id()));
        assertEquals("On it", desk.conversations.messages(id, 0, 10).getLast().text());
        assertCountsMatchRows(desk.bob.id());

        assertThrows(IllegalStateException.class, () -> desk.store.write(tx -> {
            Conversation locked = tx.conversations().lock(id).orElseThrow();
            tx.conversations().save(locked.withStatus(ConversationStatus.RESOLVED, now));
            Message lost = tx.conversations().insertMessage(new Message(0, id, Direction.OUTBOUND, AuthorKind.AGENT,
                    desk.bob.id(), "Lost", List.of(), null, DeliveryState.PENDING, null, now), desk.whatsapp.id());
            tx.outbox().enqueue(lost.id(), desk.whatsapp.id(), now);
            throw new IllegalStateException("changed my mind");
        }));
        assertEquals(ConversationStatus.OPEN, conversation(id).status());
        assertEquals("On it", desk.conversations.messages(id, 0, 10).getLast().text(), "nothing of it stays");
        assertCountsMatchRows(desk.bob.id());
    }

    /**
     * The store remembers the contacts of senders it has seen, but only from committed rows: a sender first seen in a
     * transaction that rolls back must not leave a contact id behind that no row has.
     */
    @Test
    void aSenderFirstSeenInATransactionThatRollsBackGetsAContactThatExists() {
        long channel = desk.whatsapp.id();
        String sender = "+4915100000041";
        long[] rolledBack = new long[1];
        assertThrows(IllegalStateException.class, () -> desk.store.write(tx -> {
            rolledBack[0] = tx.contacts().forIdentity(channel, sender, "Ria");
            assertEquals(rolledBack[0], tx.contacts().forIdentity(channel, sender, "Ria"), "found in its transaction");
            throw new IllegalStateException("changed my mind");
        }));

        long contact = conversation(desk.userWrites(desk.whatsapp, sender, "Hi").conversationId()).contactId();
        assertTrue(desk.contacts.find(contact).isPresent(), "the conversation's contact exists");
        assertTrue(contact != rolledBack[0], "not the contact of the rolled back transaction");
        assertEquals(contact, conversation(desk.userWrites(desk.whatsapp, sender, "Again").conversationId())
                .contactId(), "the next message finds the same contact");
    }

    /**
     * Open and Closed hold conversations of every handler kind (Brain, nobody, agent) in one activity order, page by
     * page as the desk reads them, newest or oldest first.
     */
    @Test
    void openAndClosedMixEveryHandlerKindInActivityOrderPageByPage() throws InterruptedException {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            long id = (i % 3 == 0 ? desk.userWrites(desk.webchat, "mixed-" + i, "Hi") // the channel's Brain
                    : desk.userWrites(desk.whatsapp, "+49151000009" + i, "Hi")).conversationId(); // nobody
            if (i % 3 == 2) {
                desk.conversations.reply(id, desk.ana.id(), "Hello", List.of(), false); // an agent's
            }
            if (i >= 6) {
                desk.conversations.resolve(id, desk.ana.id());
            }
            ids.add(id);
            Thread.sleep(2); // distinct activity times, though ties would be ordered by id
        }
        desk.userWrites(desk.whatsapp, "+491510000091", "Still there?"); // an older one moves to the top

        for (InboxTab tab : List.of(InboxTab.OPEN, InboxTab.CLOSED)) {
            ConversationStatus status = tab == InboxTab.OPEN ? ConversationStatus.OPEN : ConversationStatus.RESOLVED;
            List<Long> newestFirst = ids.stream().map(this::conversation).filter(c -> c.status() == status)
                    .sorted(java.util.Comparator.comparing(Conversation::lastMessageAt)
                            .thenComparingLong(Conversation::id).reversed())
                    .map(Conversation::id).toList();
            assertEquals(tab == InboxTab.OPEN ? 6 : 3, newestFirst.size());
            if (tab == InboxTab.OPEN) {
                assertEquals(Set.of(Assignee.Kind.values()), Set.copyOf(newestFirst.stream()
                        .map(id -> conversation(id).assignee().kind()).toList()), "every kind is in Open");
            }
            assertEquals(newestFirst, tab(tab, desk.ana.id()), tab + ", newest first");
            List<Long> oldestFirst = desk.inbox.page(new InboxQuery(tab, desk.ana.id(), "", 0, 0, "", true, 0, 50))
                    .stream().map(r -> r.conversation().id()).toList();
            assertEquals(newestFirst.reversed(), oldestFirst, tab + ", oldest first");
            List<Long> paged = new ArrayList<>();
            for (int offset = 0; offset < newestFirst.size(); offset += 2) {
                desk.inbox.page(InboxQuery.firstPage(tab, desk.ana.id(), 2).withPage(offset, 2))
                        .forEach(r -> paged.add(r.conversation().id()));
            }
            assertEquals(newestFirst, paged, tab + ", two at a time");
        }
    }
}
