package org.humanchat.endpoint.internal;

import org.humanchat.api.service.EndpointStatus;
import org.humanchat.channel.runtime.RunningChannels;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the {@link EndpointServer} for as long as the bundle runs, configured by {@code org.humanchat.endpoint}.
 * Jetty starts on a thread of its own: the framework starts bundles on one thread and the desk's window waits for
 * it, and starting Jetty there cost a few hundred milliseconds of every start. {@link EndpointStatus} is registered
 * once the server listens, so "registered" still means "taking requests"; a server that cannot listen (the port is
 * taken) is logged and never registered, which the desk shows as "not running".
 */
@Component(immediate = true, configurationPid = "org.humanchat.endpoint",
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = EndpointConfig.class)
public final class Endpoint {

    private static final Logger LOG = LoggerFactory.getLogger(Endpoint.class);

    private final Thread starting;
    private final Object lock = new Object();
    private volatile AdminApi adminApi;
    private volatile AgentApi agentApi;
    private EndpointServer server;
    private ServiceRegistration<EndpointStatus> registration;
    private boolean stopped;

    @Activate
    public Endpoint(@Reference RunningChannels channels, EndpointConfig config, BundleContext context) {
        starting = Thread.ofPlatform().name("humanchat-endpoint-start").daemon().start(() -> {
            EndpointServer started;
            try {
                started = new EndpointServer(channels, config);
            } catch (Exception e) {
                LOG.error("The endpoint is not running: {}", e.getMessage(), e);
                return;
            }
            synchronized (lock) {
                if (stopped) {
                    stopQuietly(started);
                    return;
                }
                server = started;
                server.adminApi(adminApi);
                server.agentApi(agentApi);
            }
            // outside the lock: registering calls the service's listeners on this thread
            ServiceRegistration<EndpointStatus> registered = context.registerService(EndpointStatus.class, started,
                    null);
            synchronized (lock) {
                if (!stopped) {
                    registration = registered;
                    return;
                }
            }
            try {
                registered.unregister(); // stopped while registering: take it back
            } catch (IllegalStateException alreadyGone) {
                // the bundle stopped: the framework took it back
            }
            stopQuietly(started);
        });
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    void bindAdminApi(AdminApi api) {
        adminApi(api);
    }

    void unbindAdminApi(AdminApi api) {
        synchronized (lock) {
            if (adminApi == api) {
                adminApi(null);
            }
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    void bindAgentApi(AgentApi api) {
        agentApi(api);
    }

    void unbindAgentApi(AgentApi api) {
        synchronized (lock) {
            if (agentApi == api) {
                agentApi(null);
            }
        }
    }

    private void agentApi(AgentApi api) {
        synchronized (lock) {
            agentApi = api;
            if (server != null) {
                server.agentApi(api);
            }
        }
    }

    private void adminApi(AdminApi api) {
        synchronized (lock) {
            adminApi = api;
            if (server != null) {
                server.adminApi(api);
            }
        }
    }

    @Deactivate
    public void stop() throws InterruptedException {
        ServiceRegistration<EndpointStatus> registered;
        EndpointServer running;
        synchronized (lock) {
            stopped = true;
            registered = registration;
            running = server;
            registration = null;
            server = null;
        }
        if (registered != null) {
            registered.unregister();
        }
        if (running != null) {
            stopQuietly(running);
        }
        // A start under way finishes (and, seeing it is stopped, lets its port go) before a new configuration binds
        // the port again; bounded, so that a start stuck in a listener cannot hold the framework.
        starting.join(10_000);
    }

    private static void stopQuietly(EndpointServer server) {
        try {
            server.stop();
        } catch (Exception e) {
            LOG.warn("The endpoint did not stop cleanly: {}", e.toString());
        }
    }
}
