package org.humanchat.channel.whatsapp.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** One WhatsApp number on the Cloud API: factory PID {@code org.humanchat.channel.whatsapp}. */
@ObjectClassDefinition(name = "WhatsApp number", description = "A WhatsApp Business number on the Cloud API")
public @interface WhatsAppConfig {

    @AttributeDefinition(name = "Channel id", description = "The channel of the desk this number serves")
    long humanchat_channel_id();

    @AttributeDefinition(name = "Phone number id", description = "The Cloud API's id of the number (not the number)")
    String phoneNumberId();

    @AttributeDefinition(name = "Access token", type = AttributeType.PASSWORD)
    String accessToken();

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
