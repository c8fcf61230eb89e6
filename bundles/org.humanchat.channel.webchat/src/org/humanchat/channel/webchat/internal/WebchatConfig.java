package org.humanchat.channel.webchat.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** One web chat widget: factory PID {@code org.humanchat.channel.webchat}. */
@ObjectClassDefinition(name = "Web chat widget", description = "A chat window for your website, added with one script tag")
public @interface WebchatConfig {

    @AttributeDefinition(name = "Channel id", description = "The channel of the desk this widget serves")
    long humanchat_channel_id();

    @AttributeDefinition(name = "Session secret", type = AttributeType.PASSWORD,
            description = "Signs visitors' session tokens; changing it signs every visitor out")
    String sessionSecret();

    @AttributeDefinition(name = "Allowed origins",
            description = "Sites that may embed the widget (CORS), comma-separated; * for any")
    String allowedOrigins() default "*";

    @AttributeDefinition(name = "Messages per minute", description = "Per visitor; more are refused with 429",
            min = "1")
    int messagesPerMinute() default 20;

    @AttributeDefinition(name = "New sessions per minute", description = "Per IP address", min = "1")
    int sessionsPerMinute() default 30;
}
