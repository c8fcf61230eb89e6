package org.humanchat.channel.tests;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import org.humanchat.api.service.EndpointStatus;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.util.tracker.ServiceTracker;

/**
 * The product as Declarative Services runs it in the test framework (the whole server feature): services looked up
 * as they are registered, configurations changed through ConfigAdmin, the endpoint moved to a free port.
 */
final class RunningProduct {

    final BundleContext context = FrameworkUtil.getBundle(RunningProduct.class).getBundleContext();

    // Trackers stay open: closing one ungets the service, and ConfigAdmin's bundle-scoped object dies with that.
    private final Map<Class<?>, ServiceTracker<?, ?>> trackers = new java.util.concurrent.ConcurrentHashMap<>();

    <T> T service(Class<T> type) {
        @SuppressWarnings("unchecked")
        ServiceTracker<T, T> tracker = (ServiceTracker<T, T>) trackers.computeIfAbsent(type, t -> {
            ServiceTracker<T, T> opened = new ServiceTracker<>(context, type, null);
            opened.open();
            return opened;
        });
        try {
            T service = tracker.waitForService(TimeUnit.SECONDS.toMillis(30));
            assertNotNull(service, type.getSimpleName() + " is not registered");
            return service;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /**
     * Forgets the failed sign-ins counted for this machine's addresses: every request of a test comes from them, and
     * failures an earlier test (or an earlier run on the same data folder, within 15 minutes) left would slow the
     * sign-ins of the next one down.
     */
    void forgetFailedSignInsFromThisMachine() {
        service(org.humanchat.core.spi.ConversationStore.class).write(tx -> {
            for (String address : java.util.List.of("127.0.0.1", "0:0:0:0:0:0:0:1", "::1")) {
                tx.accounts().clearFailures(org.humanchat.core.internal.AccountRules.addressKey(address));
            }
            return null;
        });
    }

    /**
     * Sets a singleton configuration (the component restarts with it). Returns the properties it had (null: none),
     * for {@link #restore}: the test runtime is shared by every test class, and the next one expects what it found.
     */
    Dictionary<String, Object> configure(String pid, Map<String, Object> values) throws IOException {
        Configuration configuration = service(ConfigurationAdmin.class).getConfiguration(pid, "?");
        Dictionary<String, Object> previous = configuration.getProperties();
        Dictionary<String, Object> properties = new Hashtable<>(values);
        configuration.update(properties);
        return previous;
    }

    /** Puts back a configuration that {@link #configure} changed: its former properties, or none at all. */
    void restore(String pid, Dictionary<String, Object> previous) throws IOException {
        Configuration configuration = service(ConfigurationAdmin.class).getConfiguration(pid, "?");
        if (previous == null) {
            configuration.delete();
            return;
        }
        Dictionary<String, Object> properties = new Hashtable<>();
        for (String key : java.util.Collections.list(previous.keys())) {
            if (!key.equals(org.osgi.framework.Constants.SERVICE_PID) && !key.equals("service.bundleLocation")) {
                properties.put(key, previous.get(key));
            }
        }
        configuration.update(properties);
    }

    /** The endpoint on a free port of 127.0.0.1, whatever listens on the default one. */
    URI endpointOnFreePort() throws IOException {
        Configuration current = service(ConfigurationAdmin.class).getConfiguration("org.humanchat.endpoint", "?");
        if (current.getProperties() == null || !Integer.valueOf(0).equals(current.getProperties().get("port"))) {
            // Any update restarts the endpoint on a new port: only when it is not on a free port yet.
            configure("org.humanchat.endpoint", Map.of("port", 0));
        }
        URI[] base = new URI[1];
        waitUntil("the endpoint listens on a free port", () -> {
            EndpointStatus status = service(EndpointStatus.class);
            base[0] = status.baseUri();
            return base[0].getPort() != 8737;
        });
        return base[0];
    }

    static void waitUntil(String what, BooleanSupplier condition) {
        waitUntil(what, Duration.ofSeconds(30), condition);
    }

    /** Polls {@code condition} until it holds; fails naming {@code what} when it does not within {@code limit}. */
    static void waitUntil(String what, Duration limit, BooleanSupplier condition) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out after " + limit.toSeconds() + " s waiting until " + what);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    static <T> T eventually(String what, Supplier<T> value, java.util.function.Predicate<T> good) {
        Object[] last = new Object[1];
        waitUntil(what, () -> {
            T v = value.get();
            last[0] = v;
            return good.test(v);
        });
        @SuppressWarnings("unchecked")
        T result = (T) last[0];
        return result;
    }
}
