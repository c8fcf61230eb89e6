package org.humanchat.channel.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.humanchat.api.service.EndpointStatus;
import org.humanchat.core.tests.Configs;
import org.humanchat.endpoint.internal.Endpoint;
import org.humanchat.endpoint.internal.EndpointConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceEvent;
import org.osgi.framework.ServiceListener;
import org.osgi.framework.ServiceReference;

/**
 * The endpoint's component starts Jetty on a thread of its own (off the framework's start-up thread): the service
 * the desk shows must still mean "listening", a port that is taken must leave no service behind, and stopping must let
 * the port go.
 */
class EndpointStartTest {

    @TempDir
    Path folder;

    private final BundleContext context = FrameworkUtil.getBundle(EndpointStartTest.class).getBundleContext();

    /** The EndpointStatus services this test registered (the product's own endpoint runs beside them). */
    private List<ServiceReference<EndpointStatus>> ours() {
        try {
            return context.getServiceReferences(EndpointStatus.class, null).stream()
                    .filter(r -> context.getBundle().equals(r.getBundle())).toList();
        } catch (InvalidSyntaxException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void theEndpointIsRegisteredOnlyWhileItListensAndNeverOnATakenPort() throws Exception {
        AtomicInteger registrations = new AtomicInteger();
        ServiceListener counting = event -> {
            if (event.getType() == ServiceEvent.REGISTERED
                    && context.getBundle().equals(event.getServiceReference().getBundle())) {
                registrations.incrementAndGet();
            }
        };
        context.addServiceListener(counting, "(objectClass=" + EndpointStatus.class.getName() + ")");
        try (ChannelDesk desk = new ChannelDesk(folder, 1 << 20, null, Map.of());
                ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Endpoint refused = new Endpoint(desk.channels,
                    Configs.of(EndpointConfig.class, Map.of("port", taken.getLocalPort())), context);
            refused.stop(); // waits for its start to end
            assertEquals(0, registrations.get(), "an endpoint that cannot listen is never registered");

            Endpoint running = new Endpoint(desk.channels, Configs.of(EndpointConfig.class, Map.of("port", 0)),
                    context);
            RunningProduct.waitUntil("the endpoint is registered", () -> ours().size() == 1);
            URI base = context.getService(ours().get(0)).baseUri();
            context.ungetService(ours().get(0));
            HttpResponse<String> health = desk.http.send(HttpRequest.newBuilder(base.resolve("health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, health.statusCode(), "registered means listening");
            assertTrue(health.body().contains("\"up\""), health.body());

            running.stop();
            assertTrue(ours().isEmpty(), "no service is left behind");
            assertThrows(IOException.class, () -> {
                try (Socket socket = new Socket()) {
                    socket.connect(new InetSocketAddress(base.getHost(), base.getPort()), 1_000);
                }
            }, "the port is let go");
            assertEquals(1, registrations.get());
        } finally {
            context.removeServiceListener(counting);
        }
    }
}
