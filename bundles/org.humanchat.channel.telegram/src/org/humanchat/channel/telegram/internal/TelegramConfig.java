package org.humanchat.channel.telegram.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** One Telegram bot: factory PID {@code org.humanchat.channel.telegram}. */
@ObjectClassDefinition(name = "Telegram bot", description = "A Telegram bot whose webhook posts to Human Chat")
public @interface TelegramConfig {

    @AttributeDefinition(name = "Channel id", description = "The channel of the desk this bot serves")
    long humanchat_channel_id();

    @AttributeDefinition(name = "Bot token", type = AttributeType.PASSWORD, description = "From @BotFather")
    String botToken();

    @AttributeDefinition(name = "Webhook secret token", type = AttributeType.PASSWORD,
            description = "The secret_token given to setWebhook; Telegram sends it in X-Telegram-Bot-Api-Secret-Token")
    String secretToken();

    @AttributeDefinition(name = "API base URL")
    String apiBaseUrl() default "https://api.telegram.org";

    @AttributeDefinition(name = "Timeout (ms)", min = "100")
    int timeoutMillis() default 10_000;
}
