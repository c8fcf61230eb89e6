package org.humanchat.channel.runtime.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Human Chat outbox", description = "How replies are delivered to channels")
public @interface OutboxConfig {

    @AttributeDefinition(name = "Attempts", description = "Attempts before a message is marked failed", min = "1")
    int maxAttempts() default 8;

    @AttributeDefinition(name = "First retry after (ms)", description = "Doubles with each attempt", min = "1")
    long backoffMillis() default 2_000;

    @AttributeDefinition(name = "Longest wait between attempts (ms)", min = "1")
    long maxBackoffMillis() default 300_000;

    @AttributeDefinition(name = "Wait for a missing connector (ms)",
            description = "How often a message whose channel connector is not running is looked at again")
    long connectorMissingRetryMillis() default 30_000;

    @AttributeDefinition(name = "Claim lease (ms)",
            description = "A message being sent is left alone this long; then it counts as not sent")
    long leaseMillis() default 120_000;

    @AttributeDefinition(name = "Parallel conversations", min = "1")
    int threads() default 4;
}
