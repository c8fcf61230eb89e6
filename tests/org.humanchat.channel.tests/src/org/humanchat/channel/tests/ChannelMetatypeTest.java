package org.humanchat.channel.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.humanchat.api.connector.ConnectorAdmin;
import org.humanchat.api.connector.ConnectorInstance;
import org.humanchat.channel.api.ChannelConnector;
import org.humanchat.channel.messenger.internal.MessengerConfig;
import org.humanchat.channel.telegram.internal.TelegramConfig;
import org.humanchat.channel.webchat.internal.WebchatConfig;
import org.humanchat.channel.webhook.internal.WebhookChannelConfig;
import org.humanchat.channel.whatsapp.internal.WhatsAppConfig;
import org.humanchat.core.tests.MetatypeCheck;
import org.junit.jupiter.api.Test;

/** Each built-in channel's form, generated from its hand-written Metatype, offers exactly what the connector reads. */
class ChannelMetatypeTest {

    @Test
    void everyChannelFormMatchesItsConfiguration() {
        ConnectorAdmin connectors = new RunningProduct().service(ConnectorAdmin.class);
        MetatypeCheck.assertFormMatches(connectors.form("org.humanchat.channel.webhook"), WebhookChannelConfig.class,
                "secret");
        MetatypeCheck.assertFormMatches(connectors.form("org.humanchat.channel.webchat"), WebchatConfig.class,
                "sessionSecret");
        MetatypeCheck.assertFormMatches(connectors.form("org.humanchat.channel.telegram"), TelegramConfig.class,
                "botToken", "secretToken");
        MetatypeCheck.assertFormMatches(connectors.form("org.humanchat.channel.whatsapp"), WhatsAppConfig.class,
                "accessToken", "appSecret", "verifyToken");
        MetatypeCheck.assertFormMatches(connectors.form("org.humanchat.channel.messenger"), MessengerConfig.class,
                "pageAccessToken", "appSecret", "verifyToken");
    }

    @Test
    void theAdminSideLinksInstancesToChannelsByTheKeyConnectorsRead() {
        assertEquals(ChannelConnector.CHANNEL_ID, ConnectorInstance.CHANNEL_LINK);
    }
}
