package org.humanchat.channel.messenger.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** One Facebook page on Messenger: factory PID {@code org.humanchat.channel.messenger}. */
@ObjectClassDefinition(name = "Messenger page", description = "A Facebook page whose Messenger webhook posts here")
public @interface MessengerConfig {

    @AttributeDefinition(name = "Channel id", description = "The channel of the desk this page serves")
    long humanchat_channel_id();

    @AttributeDefinition(name = "Page access token", type = AttributeType.PASSWORD)
    String pageAccessToken();

    @AttributeDefinition(name = "App secret", type = AttributeType.PASSWORD,
            description = "Checks X-Hub-Signature-256 on every webhook POST")
    String appSecret();

    @AttributeDefinition(name = "Verify token", type = AttributeType.PASSWORD,
            description = "The token you enter with the webhook's callback URL")
    String verifyToken();

    @AttributeDefinition(name = "API base URL")
    String apiBaseUrl() default "https://graph.facebook.com/v21.0";

    @AttributeDefinition(name = "Timeout (ms)", min = "100")
    int timeoutMillis() default 10_000;
}
