package org.humanchat.brain.webhook.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** One webhook Brain instance: factory PID {@code org.humanchat.brain.webhook}. */
@ObjectClassDefinition(name = "Webhook Brain", description = "A Brain reached over HTTP with signed JSON")
public @interface WebhookBrainConfig {

    @AttributeDefinition(name = "Brain id", description = "The Brain of the desk this instance serves")
    long humanchat_brain_id();

    @AttributeDefinition(name = "URL", description = "Where messages are POSTed, e.g. https://bot.example.com/humanchat")
    String url();

    @AttributeDefinition(name = "Secret", type = AttributeType.PASSWORD,
            description = "Key of the HMAC-SHA256 signature in the X-HumanChat-Signature header")
    String secret();

    @AttributeDefinition(name = "Timeout (ms)", min = "100")
    int timeoutMillis() default 5_000;

    @AttributeDefinition(name = "Retries", description = "More attempts after a timeout, a 5xx or a refused connection",
            min = "0", max = "10")
    int retries() default 2;

    @AttributeDefinition(name = "Backoff (ms)", description = "Wait before the first retry; doubled for each next one",
            min = "0")
    int backoffMillis() default 500;
}
