package org.humanchat.channel.tests;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.humanchat.api.model.Channel;
import org.humanchat.api.model.Message;
import org.humanchat.channel.api.ChannelConnector;
import org.humanchat.channel.runtime.internal.Channels;
import org.humanchat.channel.runtime.internal.OutboxConfig;
import org.humanchat.channel.runtime.internal.OutboxSender;
import org.humanchat.channel.support.Signatures;
import org.humanchat.channel.webhook.internal.WebhookChannel;
import org.humanchat.channel.webhook.internal.WebhookChannelConfig;
import org.humanchat.core.tests.Configs;
import org.humanchat.core.tests.Databases;
import org.humanchat.core.tests.Desk;
import org.humanchat.core.tests.HeldCommits;
import org.humanchat.endpoint.internal.EndpointConfig;
import org.humanchat.endpoint.internal.EndpointServer;
import org.humanchat.persistence.internal.DatabaseSettings;
import org.humanchat.persistence.internal.FileAttachmentStore;

/**
 * The test desk with what channels need: the attachment store, the endpoint on a free port of 127.0.0.1 and the
 * outbox sender (fast retries), wired as SCR would wire them. A webhook channel runs for the desk's "webhook" channel.
 * The rules write through {@link HeldCommits}, so that a test can hold a commit; nothing else here writes on its own
 * (no Brain runs, and the outbox writes only what is due).
 */
final class ChannelDesk implements AutoCloseable {

    static final String SECRET = "s3cret";

    final Desk desk;
    final HeldCommits commits = new HeldCommits();
    final FileAttachmentStore attachments;
    final Channels channels;
    final EndpointServer endpoint;
    final OutboxSender outbox;
    final Channel webhook;
    final HttpClient http = HttpClient.newHttpClient();
    private WebhookChannel webhookConnector;

    /** On a fresh H2 database in {@code folder}. */
    ChannelDesk(Path folder, long maxFileBytes, String callbackUrl, Map<String, Object> outboxConfig)
            throws Exception {
        this(Databases.freshH2(folder), folder, maxFileBytes, callbackUrl, outboxConfig, Clock.systemUTC());
    }

    /** With the conversation rules reading {@code clock} (business hours, message times). */
    ChannelDesk(Path folder, long maxFileBytes, String callbackUrl, Map<String, Object> outboxConfig, Clock clock)
            throws Exception {
        this(Databases.freshH2(folder), folder, maxFileBytes, callbackUrl, outboxConfig, clock);
    }

    /** On {@code database}, with the attachments in {@code folder}. */
    ChannelDesk(DatabaseSettings database, Path folder, long maxFileBytes, String callbackUrl,
            Map<String, Object> outboxConfig) throws Exception {
        this(database, folder, maxFileBytes, callbackUrl, outboxConfig, Clock.systemUTC());
    }

    ChannelDesk(DatabaseSettings database, Path folder, long maxFileBytes, String callbackUrl,
            Map<String, Object> outboxConfig, Clock clock) throws Exception {
        desk = new Desk(database, clock, commits::around);
        attachments = new FileAttachmentStore(folder.resolve("attachments"), maxFileBytes);
        channels = Channels.over(desk.conversations, desk.deliveries, attachments, desk.directory);
        endpoint = new EndpointServer(channels, Configs.of(EndpointConfig.class, Map.of("port", 0)));
        outbox = new OutboxSender(desk.deliveries, channels, Configs.of(OutboxConfig.class, outboxConfig));
        desk.events.deliverTo(outbox);
        webhook = desk.directory.createChannel(desk.production.id(), "webhook", "Partner API", desk.ana.id());
        if (callbackUrl != null) {
            startWebhook(callbackUrl);
        }
    }

    void startWebhook(String callbackUrl) {
        webhookConnector = new WebhookChannel(Configs.of(WebhookChannelConfig.class,
                Map.of("humanchat.channel.id", webhook.id(), "secret", SECRET, "callbackUrl", callbackUrl,
                        "timeoutMillis", 2_000)));
        channels.addConnector(webhookConnector, Map.of(ChannelConnector.CHANNEL_ID, webhook.id()));
    }

    /** Runs {@code connector} for a new channel of the given type and returns the channel. */
    Channel run(String type, java.util.function.Function<Long, ChannelConnector> connector) {
        Channel channel = desk.directory.createChannel(desk.production.id(), type, type, desk.ana.id());
        channels.addConnector(connector.apply(channel.id()), Map.of(ChannelConnector.CHANNEL_ID, channel.id()));
        return channel;
    }

    /** The message as stored now. */
    Message reloaded(Message m) {
        return messagesOf(m.conversationId()).stream().filter(x -> x.id() == m.id()).findFirst().orElseThrow();
    }

    void stopWebhook() {
        channels.removeConnector(webhookConnector, Map.of(ChannelConnector.CHANNEL_ID, webhook.id()));
    }

    URI uri(String path) {
        return endpoint.baseUri().resolve(path.startsWith("/") ? path.substring(1) : path);
    }

    HttpResponse<String> post(String path, byte[] body, Map<String, String> headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** POSTs a webhook message signed with the channel's secret. */
    HttpResponse<String> postSigned(String json) throws IOException, InterruptedException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        return post("/channels/" + webhook.id() + "/messages", body,
                Map.of("Content-Type", "application/json", "X-HumanChat-Signature",
                        "sha256=" + Signatures.hmacSha256Hex(SECRET, body)));
    }

    static String message(String id, String sender, String text) {
        return "{\"id\":\"" + id + "\",\"sender\":{\"id\":\"" + sender + "\",\"name\":\"Kim\"},\"text\":\"" + text
                + "\"}";
    }

    List<Message> messagesOf(long conversationId) {
        return desk.conversations.messages(conversationId, 0, 1000);
    }

    void settleOutbox() throws InterruptedException {
        if (!outbox.awaitEmpty(30, TimeUnit.SECONDS)) {
            throw new AssertionError("The outbox did not settle within 30 s");
        }
    }

    @Override
    public void close() throws Exception {
        outbox.stop();
        endpoint.stop();
        desk.close();
    }
}
