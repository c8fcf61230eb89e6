package org.humanchat.core.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.humanchat.api.model.AuthorKind;
import org.humanchat.api.model.DeliveryState;
import org.humanchat.api.model.Direction;
import org.humanchat.api.model.Message;
import org.humanchat.api.model.OutboundDelivery;
import org.humanchat.api.service.HumanChatException;
import org.humanchat.core.internal.DeliveryRules;
import org.junit.jupiter.api.Test;

/** The outbox's bookkeeping against a real database: claims, leases, retries, failures, platform reports. */
abstract class OutboxContract extends DeskContract {

    private Message agentReply(String sender, String text) {
        long id = desk.userWrites(desk.whatsapp, sender, "Hello").conversationId();
        return desk.conversations.reply(id, desk.ana.id(), text, List.of(), false);
    }

    private Message stored(Message m) {
        return desk.conversations.messages(m.conversationId(), 0, 50).stream().filter(x -> x.id() == m.id())
                .findFirst().orElseThrow();
    }

    @Test
    void aReplyIsClaimedOnceWithItsRecipientAndLeased() {
        Message reply = agentReply("+4915100000001", "Hi there");

        List<OutboundDelivery> first = desk.deliveries.claimDue(10, Duration.ofMinutes(2));
        List<OutboundDelivery> second = desk.deliveries.claimDue(10, Duration.ofMinutes(2));

        assertEquals(1, first.size());
        assertEquals(reply.id(), first.get(0).message().id());
        assertEquals("+4915100000001", first.get(0).recipientExternalId());
        assertEquals(desk.whatsapp.id(), first.get(0).channelId());
        assertEquals(1, first.get(0).attempt());
        assertTrue(second.isEmpty(), "a leased message is not claimed again");
        assertTrue(desk.deliveries.nextDue().orElseThrow().isAfter(Instant.now().plusSeconds(100)));
    }

    /**
     * The outbox as a runtime whose clock is a second ahead sees it: what a claim a second from now would find,
     * without waiting for that second.
     */
    private DeliveryRules aSecondLater() {
        return new DeliveryRules(desk.store, desk.events, Clock.offset(Clock.systemUTC(), Duration.ofSeconds(1)));
    }

    @Test
    void aRuntimeClaimsAtOnceOnlyTheChannelsItServesAndTheRestOnceOverdue() {
        Message whatsapp = agentReply("+4915100000009", "Via WhatsApp");
        long webchatConversation = desk.userWrites(desk.webchat, "visitor-9", "Hello").conversationId();
        Message webchat = desk.conversations.reply(webchatConversation, desk.ana.id(), "Via web chat", List.of(),
                false);

        // a runtime that serves only the web chat (another one on the database serves WhatsApp)
        List<OutboundDelivery> mine = desk.deliveries.claimDue(10, Duration.ofMinutes(2),
                java.util.Set.of(desk.webchat.id()), Duration.ZERO);
        assertEquals(List.of(webchat.id()), mine.stream().map(d -> d.message().id()).toList());
        assertEquals(whatsapp.createdAt().toEpochMilli(), desk.deliveries.nextDue(
                java.util.Set.of(desk.whatsapp.id())).orElseThrow().toEpochMilli(), 1_000,
                "WhatsApp's reply waits, due since it was written");
        assertTrue(desk.deliveries.nextDue(java.util.Set.of(desk.webchat.id())).orElseThrow()
                .isAfter(Instant.now().plusSeconds(100)), "the web chat's is leased");

        assertTrue(desk.deliveries.claimDue(10, Duration.ofMinutes(2), null, Duration.ofMinutes(1)).isEmpty(),
                "not overdue yet: left to the runtime that serves WhatsApp");
        List<OutboundDelivery> overdue = aSecondLater().claimDue(10, Duration.ofMinutes(2), null,
                Duration.ofMillis(20));
        assertEquals(List.of(whatsapp.id()), overdue.stream().map(d -> d.message().id()).toList(),
                "due for longer than asked: nobody took it");
    }

    @Test
    void anExpiredLeaseMakesTheMessageDueAgainWithTheNextAttempt() {
        agentReply("+4915100000002", "Hi");
        desk.deliveries.claimDue(10, Duration.ofMillis(1));

        List<OutboundDelivery> again = aSecondLater().claimDue(10, Duration.ofMinutes(2));

        assertEquals(1, again.size());
        assertEquals(2, again.get(0).attempt());
    }

    @Test
    void onlyAMessageTheRulesGiveToTheOutboxIsDelivered() {
        long conversationId = desk.userWrites(desk.whatsapp, "+4915100000010", "Hello").conversationId();
        Instant now = Instant.now();
        Message stored = desk.store.write(tx -> tx.conversations().insertMessage(new Message(0, conversationId,
                Direction.OUTBOUND, AuthorKind.AGENT, desk.ana.id(), "Not given to the outbox yet", List.of(), null,
                DeliveryState.PENDING, null, now), desk.whatsapp.id()));
        assertTrue(desk.deliveries.nextDue().isEmpty(), "the store gives nothing to the outbox on its own");
        assertTrue(desk.deliveries.claimDue(10, Duration.ofMinutes(2)).isEmpty());

        desk.store.write(tx -> {
            tx.outbox().enqueue(stored.id(), desk.whatsapp.id(), now);
            return null;
        });

        assertEquals(now.toEpochMilli(), desk.deliveries.nextDue().orElseThrow().toEpochMilli());
        List<OutboundDelivery> claimed = desk.deliveries.claimDue(10, Duration.ofMinutes(2));
        assertEquals(List.of(stored.id()), claimed.stream().map(d -> d.message().id()).toList());
        assertEquals("+4915100000010", claimed.get(0).recipientExternalId());
    }

    @Test
    void sentRecordsThePlatformReferenceAndLeavesTheOutbox() {
        Message reply = agentReply("+4915100000003", "Hi");
        desk.deliveries.claimDue(10, Duration.ofMinutes(2));

        desk.deliveries.sent(reply.id(), "wamid.1");

        assertEquals(DeliveryState.SENT, stored(reply).deliveryState());
        assertTrue(desk.deliveries.nextDue().isEmpty());
        assertTrue(desk.deliveries.platformStatus(desk.whatsapp.id(), "wamid.1", DeliveryState.FAILED,
                "131047: re-engagement message"));
        assertEquals(DeliveryState.FAILED, stored(reply).deliveryState());
        assertEquals("131047: re-engagement message", stored(reply).deliveryError());
        assertFalse(desk.deliveries.platformStatus(desk.whatsapp.id(), "wamid.unknown", DeliveryState.SENT, null));
    }

    @Test
    void aRetryLaterStaysPendingWithItsReasonUntilDue() {
        Message reply = agentReply("+4915100000004", "Hi");
        desk.deliveries.claimDue(10, Duration.ofMinutes(2));

        desk.deliveries.retryLater(reply.id(), "HTTP 503", Instant.now().plusSeconds(60));

        assertEquals(DeliveryState.PENDING, stored(reply).deliveryState());
        assertEquals("HTTP 503", stored(reply).deliveryError());
        assertTrue(desk.deliveries.claimDue(10, Duration.ofMinutes(2)).isEmpty());
        desk.deliveries.retryLater(reply.id(), "HTTP 503", Instant.now().minusMillis(1));
        assertEquals(2, desk.deliveries.claimDue(10, Duration.ofMinutes(2)).get(0).attempt());
    }

    @Test
    void aFailedMessageCanBeSentAgainByAnAgentAndCountsFromOne() {
        Message reply = agentReply("+4915100000005", "Hi");
        desk.deliveries.claimDue(10, Duration.ofMinutes(2));
        desk.deliveries.failed(reply.id(), "HTTP 400: invalid recipient");
        assertTrue(desk.deliveries.claimDue(10, Duration.ofMinutes(2)).isEmpty());

        desk.deliveries.retry(reply.id(), desk.ana.id());

        assertEquals(DeliveryState.PENDING, stored(reply).deliveryState());
        assertNull(stored(reply).deliveryError());
        List<OutboundDelivery> claimed = desk.deliveries.claimDue(10, Duration.ofMinutes(2));
        assertEquals(1, claimed.get(0).attempt());
        assertThrows(HumanChatException.class, () -> desk.deliveries.retry(reply.id(), desk.ana.id()),
                "only failed messages are sent again");
    }

    @Test
    void concurrentSendersNeverClaimTheSameMessage() throws Exception {
        for (int i = 0; i < 40; i++) {
            agentReply("+49151000001" + String.format("%02d", i), "Reply " + i);
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<OutboundDelivery>>> claims = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                claims.add(pool.submit(() -> {
                    List<OutboundDelivery> mine = new ArrayList<>();
                    for (List<OutboundDelivery> batch; !(batch = desk.deliveries.claimDue(3,
                            Duration.ofMinutes(2))).isEmpty();) {
                        mine.addAll(batch);
                    }
                    return mine;
                }));
            }
            Set<Long> seen = new HashSet<>();
            int total = 0;
            for (Future<List<OutboundDelivery>> claim : claims) {
                for (OutboundDelivery d : claim.get(60, TimeUnit.SECONDS)) {
                    total++;
                    assertTrue(seen.add(d.message().id()), "message " + d.message().id() + " claimed twice");
                }
            }
            assertEquals(40, total);
        } finally {
            pool.shutdownNow();
        }
    }
}
