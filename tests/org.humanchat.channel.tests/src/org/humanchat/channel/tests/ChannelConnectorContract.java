package org.humanchat.channel.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

import org.humanchat.api.model.Channel;
import org.humanchat.api.model.ChannelIdentity;
import org.humanchat.api.model.Contact;
import org.humanchat.api.model.Conversation;
import org.humanchat.api.model.DeliveryState;
import org.humanchat.api.model.Direction;
import org.humanchat.api.model.InboxCounts;
import org.humanchat.api.model.InboxTab;
import org.humanchat.api.model.Message;
import org.humanchat.channel.api.ChannelConnector;
import org.humanchat.core.tests.Databases;
import org.humanchat.core.tests.FakeHttpServer;
import org.humanchat.core.tests.FakeHttpServer.Response;
import org.humanchat.core.tests.HeldCommits;
import org.humanchat.persistence.internal.DatabaseSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every channel connector must do, over real HTTP on the embedded endpoint and against a fake of its platform on
 * 127.0.0.1: refuse a request the platform did not sign, refuse a malformed one, store a redelivered message once,
 * make an unknown sender a contact, send an agent's reply through the platform's API, keep a reply queued and retry
 * it while the platform may recover (5xx, 429), and fail it at once when the platform refuses it (4xx). And answer a
 * request that stores something only once it is committed, on H2 and on PostgreSQL: the commit is held
 * ({@link HeldCommits}) and the answer must not come until it is let go.
 * <p>
 * Each connector's test extends this and says how its platform writes a request and takes a message, from the
 * platform's public documentation. A case that does not apply to a channel is overridden there, with the reason.
 */
abstract class ChannelConnectorContract {

    /** Senders new to the desk; numbers, so that every platform takes them as its user ids. */
    static final String SENDER = "4915100000001";
    static final String OTHER_SENDER = "4915100000002";

    /** A request as the platform sends it to {@code /channels/{id}{path}}. */
    record Delivery(String path, byte[] body, Map<String, String> headers) {

        static Delivery of(String path, String body, Map<String, String> headers) {
            return new Delivery(path, body.getBytes(StandardCharsets.UTF_8), headers);
        }
    }

    /**
     * A request of the platform that stores something before it is answered, and how the test sees it stored (by a
     * read of its own, which sees only what is committed).
     */
    record StoringRequest(String what, Delivery delivery, BooleanSupplier stored) {
    }

    @TempDir
    Path folder;
    FakeHttpServer platform;
    ChannelDesk channels;
    Channel channel;

    /** The channel type, as the desk's directory names it. */
    abstract String type();

    /** The connector under test for the channel {@code channelId}, with its platform's API at {@code platformUrl}. */
    abstract ChannelConnector connector(long channelId, String platformUrl) throws Exception;

    /** The platform's request for the text message {@code externalId} from {@code sender}, signed as it signs. */
    abstract Delivery message(String externalId, String sender, String text) throws Exception;

    /** The same message, with a signature the channel's secret did not make (or without one). */
    abstract Delivery forged(String externalId, String sender, String text) throws Exception;

    /** A request signed as the platform signs, whose body is not what the platform sends. */
    abstract Delivery malformed() throws Exception;

    /** How the platform answers a message it takes. */
    abstract Response accepted();

    /** Checks that {@code call} to the platform's API sends {@code text} to {@code sender}. */
    abstract void assertSent(FakeHttpServer.Request call, String sender, String text) throws Exception;

    /**
     * The platform's requests that store something before they are answered, beside a text message: files and media,
     * status callbacks, each from a sender of its own. Called once the channel runs; it may set up what they need
     * (the platform's answers for media, a reply sent). A channel without any says why.
     */
    abstract List<StoringRequest> otherStoringRequests() throws Exception;

    /** The sender's id as the channel stores it, when the platform writes it otherwise (e.g. a phone without +). */
    String senderId(String sender) {
        return sender;
    }

    /** The status the channel refuses an unsigned request with. */
    int refusedStatus() {
        return 401;
    }

    @BeforeEach
    void startChannel() throws Exception {
        platform = new FakeHttpServer();
        start(Databases.freshH2(folder));
    }

    private void start(DatabaseSettings database) throws Exception {
        // Retries come fast and do not run out during a test: the retry case decides when the platform recovers.
        channels = new ChannelDesk(database, folder, 1024 * 1024, null,
                Map.of("backoffMillis", 20L, "maxBackoffMillis", 100L, "maxAttempts", 1_000));
        channel = channels.run(type(), id -> {
            try {
                return connector(id, platform.url(""));
            } catch (Exception e) {
                throw new AssertionError("The " + type() + " connector could not be made", e);
            }
        });
    }

    /** Runs the channel on a fresh PostgreSQL schema instead (skipped, or failed on CI, without PostgreSQL). */
    void onPostgres() throws Exception {
        DatabaseSettings postgres = Databases.freshPostgres();
        channels.close();
        channels = null;
        start(postgres);
    }

    @AfterEach
    void stopChannel() throws Exception {
        try {
            if (channels != null) {
                channels.close();
            }
        } finally {
            platform.close();
        }
    }

    HttpResponse<String> deliver(Delivery delivery) throws Exception {
        return channels.post("/channels/" + channel.id() + delivery.path(), delivery.body(), delivery.headers());
    }

    /** Delivers a message the channel must take. */
    void deliverAccepted(String externalId, String sender, String text) throws Exception {
        HttpResponse<String> response = deliver(message(externalId, sender, text));
        assertEquals(2, response.statusCode() / 100, () -> "answer: " + response.statusCode() + " " + response.body());
    }

    /** Sends the request without waiting for its answer. */
    CompletableFuture<HttpResponse<String>> deliverLater(Delivery delivery) {
        HttpRequest.Builder request = HttpRequest.newBuilder(channels.uri("/channels/" + channel.id()
                + delivery.path())).POST(HttpRequest.BodyPublishers.ofByteArray(delivery.body()));
        delivery.headers().forEach(request::header);
        return channels.http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Whether an inbound message of the sender that matches is committed (read as anybody else would read it). */
    boolean hasInbound(String sender, Predicate<Message> matching) {
        Optional<Conversation> conversation = channels.desk.conversations.latestOf(channel.id(), senderId(sender));
        return conversation.isPresent() && channels.messagesOf(conversation.get().id()).stream()
                .anyMatch(m -> m.direction() == Direction.INBOUND && matching.test(m));
    }

    /**
     * Delivers the request while the commit of what it stores is held, and checks that it is not answered, nor seen
     * stored, until the commit is let go; then that it is answered 2xx and stored.
     */
    void assertAnsweredOnlyOnceCommitted(StoringRequest request) throws Exception {
        String what = request.what() + " (" + type() + ")";
        assertFalse(request.stored().getAsBoolean(), what + " is not stored before it is delivered");
        HttpResponse<String> answered;
        try (HeldCommits.Hold hold = channels.commits.holdNextWrite()) {
            CompletableFuture<HttpResponse<String>> answer = deliverLater(request.delivery());
            try {
                CompletableFuture.anyOf(hold.held(), answer).get(10, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                throw new AssertionError(what + ": nothing was written and nothing answered within 10 s", e);
            }
            if (!hold.held().isDone()) {
                fail(what + " was answered before anything was written: " + describe(answer.join()));
            }
            // No event says "not answered": the answer has a fair moment to come while the commit is held, and must
            // not come.
            try {
                HttpResponse<String> early = answer.get(500, TimeUnit.MILLISECONDS);
                fail(what + " was answered while its commit was held (the write held on " + hold.held().join()
                        + "): " + describe(early));
            } catch (TimeoutException expected) {
                // not answered while held
            }
            assertFalse(request.stored().getAsBoolean(), what + " is seen stored before it is committed");
            hold.release();
            answered = answer.get(10, TimeUnit.SECONDS);
        }
        HttpResponse<String> response = answered;
        assertEquals(2, response.statusCode() / 100, () -> what + ": " + describe(response));
        assertTrue(request.stored().getAsBoolean(), what + " is stored once answered");
    }

    private static String describe(HttpResponse<String> response) {
        return "HTTP " + response.statusCode() + " " + response.body();
    }

    Conversation conversationOf(String sender) {
        return channels.desk.conversations.latestOf(channel.id(), senderId(sender))
                .orElseThrow(() -> new AssertionError("No conversation of " + senderId(sender)));
    }

    List<Message> inbound(String sender) {
        return channels.messagesOf(conversationOf(sender).id()).stream()
                .filter(m -> m.direction() == Direction.INBOUND).toList();
    }

    long totalConversations() {
        InboxCounts counts = channels.desk.inbox.counts(channels.desk.ana.id());
        return counts.of(InboxTab.OPEN) + counts.of(InboxTab.CLOSED);
    }

    /** An agent's reply to the sender's conversation, as it is queued (the outbox sends it). */
    Message reply(String sender, String text) {
        return channels.desk.conversations.reply(conversationOf(sender).id(), channels.desk.ana.id(), text, List.of(),
                true);
    }

    @Test
    void aRequestWithoutThePlatformsSignatureIsRefusedAndNothingIsStored() throws Exception {
        HttpResponse<String> refused = deliver(forged("1001", SENDER, "Let me in"));

        assertEquals(refusedStatus(), refused.statusCode(), refused.body());
        assertTrue(channels.desk.conversations.latestOf(channel.id(), senderId(SENDER)).isEmpty());
        assertEquals(0, totalConversations());
    }

    @Test
    void aMalformedRequestIsRefusedWith400AndNothingIsStored() throws Exception {
        HttpResponse<String> refused = deliver(malformed());

        assertEquals(400, refused.statusCode(), refused.body());
        assertEquals(0, totalConversations());
    }

    @Test
    void aRedeliveredMessageIsStoredOnce() throws Exception {
        deliverAccepted("1002", SENDER, "Where is my parcel?");
        deliverAccepted("1002", SENDER, "Where is my parcel?");

        List<Message> in = inbound(SENDER);
        assertEquals(1, in.size(), "a redelivery stores nothing");
        assertEquals("Where is my parcel?", in.get(0).text());
    }

    @Test
    void anUnknownSenderBecomesAContactWithAConversation() throws Exception {
        deliverAccepted("1003", SENDER, "Hello");
        deliverAccepted("1004", OTHER_SENDER, "Hi there");

        Conversation first = conversationOf(SENDER);
        Conversation second = conversationOf(OTHER_SENDER);
        assertFalse(first.contactId() == second.contactId(), "two senders are two contacts");
        Contact contact = channels.desk.contacts.find(first.contactId()).orElseThrow();
        assertTrue(contact.identities().contains(new ChannelIdentity(channel.id(), senderId(SENDER))),
                contact.identities().toString());
        assertEquals(List.of("Hello"), inbound(SENDER).stream().map(Message::text).toList());
        assertEquals(2, totalConversations());
    }

    @Test
    void anAgentReplyIsSentThroughThePlatform() throws Exception {
        deliverAccepted("1005", SENDER, "Do you ship to Italy?");
        platform.requests.clear();
        platform.answer(call -> accepted());

        Message reply = reply(SENDER, "Yes, in 3 to 5 days");
        channels.settleOutbox();

        Message sent = channels.reloaded(reply);
        assertEquals(DeliveryState.SENT, sent.deliveryState(), sent.deliveryError());
        assertEquals(1, platform.requests.size(), "one call: " + platform.requests);
        assertSent(platform.requests.get(0), SENDER, "Yes, in 3 to 5 days");
    }

    @Test
    void aReplyThePlatformCannotTakeYetStaysQueuedAndIsRetried() throws Exception {
        deliverAccepted("1006", SENDER, "Anyone there?");
        platform.requests.clear();
        AtomicInteger calls = new AtomicInteger();
        AtomicBoolean recovered = new AtomicBoolean();
        platform.answer(call -> {
            if (recovered.get()) {
                return accepted();
            }
            // Rate limited first (asking for no wait), then down: both may pass, so both are retried.
            return calls.incrementAndGet() == 1 ? new Response(429, "{}", 0, Map.of("Retry-After", "0"))
                    : new Response(503, "{\"error\":\"down for maintenance\"}", 0);
        });

        Message reply = reply(SENDER, "Yes, we are here");
        RunningProduct.waitUntil("the platform is called three times", Duration.ofSeconds(30),
                () -> platform.requests.size() >= 3);
        Message waiting = channels.reloaded(reply);
        assertEquals(DeliveryState.PENDING, waiting.deliveryState(), "queued while the platform may recover");

        recovered.set(true);
        channels.settleOutbox();
        Message sent = channels.reloaded(reply);
        assertEquals(DeliveryState.SENT, sent.deliveryState(), sent.deliveryError());
        assertSent(platform.requests.get(platform.requests.size() - 1), SENDER, "Yes, we are here");
    }

    @Test
    void aReplyThePlatformRefusesFailsAtOnceWithTheReason() throws Exception {
        deliverAccepted("1007", SENDER, "Hello?");
        platform.requests.clear();
        platform.answer(call -> new Response(400, "{\"error\":{\"message\":\"(#100) Invalid parameter\"}}", 0));

        Message reply = reply(SENDER, "Hello!");
        channels.settleOutbox();

        Message failed = channels.reloaded(reply);
        assertEquals(DeliveryState.FAILED, failed.deliveryState());
        assertTrue(failed.deliveryError().contains("HTTP 400"), failed.deliveryError());
        assertEquals(1, platform.requests.size(), "a 4xx is not retried");
    }

    private StoringRequest textMessage() throws Exception {
        String sender = "4915100000003";
        return new StoringRequest("a text message", message("1010", sender, "Is this stored?"),
                () -> hasInbound(sender, m -> m.text().equals("Is this stored?")));
    }

    /** U+0000 written as the platform writes it in a text: a JSON escape, unless the platform says otherwise. */
    String nulInText() {
        return "\\u0000";
    }

    /**
     * PostgreSQL refuses U+0000 in text: a platform that sends one (JSON allows it) must still get its message
     * taken, or it delivers it again for days and is answered 503 each time.
     */
    @Test
    void aTextWithANulCharacterIsStoredOnPostgres() throws Exception {
        onPostgres();
        deliverAccepted("1011", SENDER, "Order" + nulInText() + "12");

        String stored = inbound(SENDER).get(0).text();
        assertFalse(stored.contains("\u0000"), stored);
        assertTrue(stored.startsWith("Order") && stored.endsWith("12"), stored);
    }

    @Test
    void aMessageIsAnsweredOnlyOnceItIsCommittedOnH2() throws Exception {
        assertAnsweredOnlyOnceCommitted(textMessage());
    }

    @Test
    void aMessageIsAnsweredOnlyOnceItIsCommittedOnPostgres() throws Exception {
        onPostgres();
        assertAnsweredOnlyOnceCommitted(textMessage());
    }

    @Test
    void everyOtherRequestThatStoresIsAnsweredOnlyOnceCommittedOnH2() throws Exception {
        for (StoringRequest request : otherStoringRequests()) {
            assertAnsweredOnlyOnceCommitted(request);
        }
    }

    @Test
    void everyOtherRequestThatStoresIsAnsweredOnlyOnceCommittedOnPostgres() throws Exception {
        onPostgres();
        for (StoringRequest request : otherStoringRequests()) {
            assertAnsweredOnlyOnceCommitted(request);
        }
    }
}
