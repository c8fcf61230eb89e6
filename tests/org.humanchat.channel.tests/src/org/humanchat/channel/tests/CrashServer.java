package org.humanchat.channel.tests;

import java.nio.file.Path;
import java.util.Map;

import org.humanchat.channel.api.ChannelConnector;
import org.humanchat.channel.runtime.internal.Channels;
import org.humanchat.channel.webhook.internal.WebhookChannel;
import org.humanchat.channel.webhook.internal.WebhookChannelConfig;
import org.humanchat.core.internal.ConversationRules;
import org.humanchat.core.internal.DeliveryRules;
import org.humanchat.core.internal.DirectoryRules;
import org.humanchat.core.tests.Configs;
import org.humanchat.endpoint.internal.EndpointConfig;
import org.humanchat.endpoint.internal.EndpointServer;
import org.humanchat.persistence.internal.DatabaseSettings;
import org.humanchat.persistence.internal.FileAttachmentStore;
import org.humanchat.persistence.internal.JpaConversationStore;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;

/**
 * The ingest path in a process of its own, for {@link CrashTest} to kill: the real store on an H2 file, the rules,
 * the endpoint on a free port and a webhook channel. Prints {@code READY <port>} once it takes messages.
 * Arguments: the H2 file, the channel id, the webhook secret.
 */
public final class CrashServer {

    private CrashServer() {
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        long channelId = Long.parseLong(args[1]);
        DatabaseSettings settings = new DatabaseSettings(DatabaseSettings.h2Url(file), "sa", "", 16, "");
        JpaConversationStore store = new JpaConversationStore(settings);
        EventAdmin events = new EventAdmin() {
            @Override
            public void postEvent(Event event) {
            }

            @Override
            public void sendEvent(Event event) {
            }
        };
        Channels channels = Channels.over(new ConversationRules(store, events), new DeliveryRules(store, events),
                new FileAttachmentStore(file.resolveSibling("files"), 1 << 20), new DirectoryRules(store, events));
        channels.addConnector(new WebhookChannel(Configs.of(WebhookChannelConfig.class,
                Map.of("humanchat.channel.id", channelId, "secret", args[2]))),
                Map.of(ChannelConnector.CHANNEL_ID, channelId));
        EndpointServer endpoint = new EndpointServer(channels, Configs.of(EndpointConfig.class, Map.of("port", 0)));
        System.out.println("READY " + endpoint.baseUri().getPort());
        System.out.flush();
        Thread.currentThread().join(); // until killed
    }
}
