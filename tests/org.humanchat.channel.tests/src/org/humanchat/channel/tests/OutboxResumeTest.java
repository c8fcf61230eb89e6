package org.humanchat.channel.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.humanchat.api.model.Channel;
import org.humanchat.api.model.DeliveryState;
import org.humanchat.api.model.Message;
import org.humanchat.channel.api.ChannelConnector;
import org.humanchat.channel.runtime.internal.Channels;
import org.humanchat.channel.runtime.internal.OutboxConfig;
import org.humanchat.channel.runtime.internal.OutboxSender;
import org.humanchat.channel.webhook.internal.WebhookChannel;
import org.humanchat.channel.webhook.internal.WebhookChannelConfig;
import org.humanchat.core.internal.ConversationRules;
import org.humanchat.core.internal.DeliveryRules;
import org.humanchat.core.internal.DirectoryRules;
import org.humanchat.core.tests.Configs;
import org.humanchat.core.tests.Databases;
import org.humanchat.core.tests.Desk;
import org.humanchat.core.tests.FakeHttpServer;
import org.humanchat.core.tests.RecordingEventAdmin;
import org.humanchat.persistence.internal.DatabaseSettings;
import org.humanchat.persistence.internal.FileAttachmentStore;
import org.humanchat.persistence.internal.JpaConversationStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Replies written while nothing could send them go out once the outbox runs again, after a restart. */
class OutboxResumeTest {

    @TempDir
    Path folder;

    @Test
    void pendingRepliesAreSentAfterARestart() throws Exception {
        DatabaseSettings database = Databases.freshH2(folder);
        Desk before = new Desk(database);
        Channel webhook = before.directory.createChannel(before.production.id(), "webhook", "API", before.ana.id());
        long conversation = before.userWrites(webhook, "u-1", "Hello").conversationId();
        Message first = before.conversations.reply(conversation, before.ana.id(), "One", List.of(), false);
        Message second = before.conversations.reply(conversation, before.ana.id(), "Two", List.of(), false);
        before.store.close(); // the process ends with both replies pending

        try (FakeHttpServer partner = new FakeHttpServer()) {
            JpaConversationStore store = new JpaConversationStore(database);
            RecordingEventAdmin events = new RecordingEventAdmin();
            ConversationRules conversations = new ConversationRules(store, events);
            DeliveryRules deliveries = new DeliveryRules(store, events);
            Channels channels = Channels.over(conversations, deliveries,
                    new FileAttachmentStore(folder.resolve("files"), 1024), new DirectoryRules(store, events));
            channels.addConnector(new WebhookChannel(Configs.of(WebhookChannelConfig.class, Map.of(
                    "humanchat.channel.id", webhook.id(), "secret", "k", "callbackUrl", partner.url("/r")))),
                    Map.of(ChannelConnector.CHANNEL_ID, webhook.id()));
            OutboxSender outbox = new OutboxSender(deliveries, channels, Configs.of(OutboxConfig.class, Map.of()));
            try {
                outbox.awaitEmpty(30, TimeUnit.SECONDS);
                List<Message> after = conversations.messages(conversation, 0, 100);
                for (Message m : List.of(first, second)) {
                    assertEquals(DeliveryState.SENT, after.stream().filter(x -> x.id() == m.id()).findFirst()
                            .orElseThrow().deliveryState());
                }
                assertEquals(2, partner.requests.size());
                assertEquals("One", new com.fasterxml.jackson.databind.ObjectMapper()
                        .readTree(partner.requests.get(0).body()).get("text").asText(), "in the order written");
            } finally {
                outbox.stop();
                store.close();
            }
        }
    }
}
