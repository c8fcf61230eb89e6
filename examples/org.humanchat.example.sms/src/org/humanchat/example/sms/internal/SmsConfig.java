package org.humanchat.example.sms.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** One SMS number: factory PID {@code org.humanchat.example.sms}. */
@ObjectClassDefinition(name = "SMS number (example)",
        description = "A phone number of a Twilio-style SMS provider whose webhook posts to Human Chat")
public @interface SmsConfig {

    @AttributeDefinition(name = "Channel id", description = "The channel of the desk this number serves")
    long humanchat_channel_id();

    @AttributeDefinition(name = "Account SID", description = "The provider's id of the account")
    String accountSid();

    @AttributeDefinition(name = "Auth token", type = AttributeType.PASSWORD,
            description = "Checks X-Twilio-Signature on every webhook POST and authenticates the messages sent")
    String authToken();

    @AttributeDefinition(name = "From number",
            description = "The number messages are sent from, in E.164 (+4930123456)")
    String fromNumber();

    @AttributeDefinition(name = "Public URL",
            description = "The URL the SMS provider posts to, as it sees it (behind a proxy);"
                    + " empty: the request's own URL")
    String publicUrl() default "";

    @AttributeDefinition(name = "API base URL")
    String apiBaseUrl() default "https://api.twilio.com";

    @AttributeDefinition(name = "Timeout (ms)", min = "100")
    int timeoutMillis() default 10_000;
}
