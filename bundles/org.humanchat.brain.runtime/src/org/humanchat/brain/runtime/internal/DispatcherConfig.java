package org.humanchat.brain.runtime.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration PID {@code org.humanchat.brain.runtime}. */
@ObjectClassDefinition(name = "Human Chat Brain dispatcher")
public @interface DispatcherConfig {

    @AttributeDefinition(description = "Brain calls running at once", min = "1", max = "64")
    int threads() default 4;

    @AttributeDefinition(description = "Messages of history given to a Brain", min = "1", max = "200")
    int historySize() default 20;

    @AttributeDefinition(description = "Longest wait for any Brain answer, retries included (ms); then humans take over",
            min = "100")
    long deadlineMillis() default 20_000;
}
