package org.humanchat.core.spi;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An event a committed change publishes, as the store hands it to other runtimes on the same database: its topic
 * and its properties (longs, ints, booleans and strings travel; other values stay in this runtime). A value of the
 * SPI rather than an EventAdmin event, so that the store's contract does not depend on how events are published.
 */
public record StoredEvent(String topic, Map<String, Object> properties) {

    public StoredEvent {
        // kept in the order given (and unmodifiable): the rules build properties in a HashMap, which allows nothing
        // that Map.copyOf would refuse
        properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
    }
}
