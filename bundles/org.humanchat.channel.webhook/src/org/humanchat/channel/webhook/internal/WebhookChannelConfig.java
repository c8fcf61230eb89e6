package org.humanchat.channel.webhook.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** One webhook channel instance: factory PID {@code org.humanchat.channel.webhook}. */
@ObjectClassDefinition(name = "Webhook channel",
        description = "Any system that can POST signed JSON and receive replies at a callback URL")
public @interface WebhookChannelConfig {

    @AttributeDefinition(name = "Channel id", description = "The channel of the desk this instance serves")
    long humanchat_channel_id();

    @AttributeDefinition(name = "Secret", type = AttributeType.PASSWORD,
            description = "Key of the HMAC-SHA256 signatures (X-HumanChat-Signature) both ways")
    String secret();

    @AttributeDefinition(name = "Callback URL", description = "Where replies are POSTed; empty: replies are not sent")
    String callbackUrl() default "";

    @AttributeDefinition(name = "Timeout (ms)", min = "100")
    int timeoutMillis() default 10_000;
}
