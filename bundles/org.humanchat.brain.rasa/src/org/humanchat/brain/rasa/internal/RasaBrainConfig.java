package org.humanchat.brain.rasa.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** One Rasa Brain instance: factory PID {@code org.humanchat.brain.rasa}. */
@ObjectClassDefinition(name = "Rasa Brain", description = "A Rasa assistant reached through its REST channel")
public @interface RasaBrainConfig {

    @AttributeDefinition(name = "Brain id", description = "The Brain of the desk this instance serves")
    long humanchat_brain_id();

    @AttributeDefinition(name = "Rasa URL", description = "Base URL of the Rasa server, e.g. http://localhost:5005")
    String baseUrl();

    @AttributeDefinition(name = "Handover key",
            description = "A custom payload with this key set to true asks for a human, e.g. {\"handover\": true}")
    String handoverKey() default "handover";

    @AttributeDefinition(name = "Timeout (ms)", min = "100")
    int timeoutMillis() default 5_000;

    @AttributeDefinition(name = "Retries", min = "0", max = "10")
    int retries() default 2;

    @AttributeDefinition(name = "Backoff (ms)", min = "0")
    int backoffMillis() default 500;
}
