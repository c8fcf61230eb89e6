package org.humanchat.channel.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Collections;
import java.util.Dictionary;
import java.util.Map;
import java.util.Optional;

import org.humanchat.api.model.Agent;
import org.humanchat.api.model.AgentRole;
import org.humanchat.api.service.DirectoryService;
import org.humanchat.api.service.EndpointStatus;
import org.humanchat.core.tests.MissingTool;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Constants;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;

/**
 * The admin API's "this machine only" rule, seen from another address: the endpoint is bound to this machine's
 * non-loopback IPv4 address and called through it, so the request comes from that address, not from 127.0.0.1.
 * Refused with a valid admin token by default; accepted with {@code adminApiFromAnywhere} (the token still needed).
 */
class AdminApiFromAnywhereTest {

    private static final String ENDPOINT = "org.humanchat.endpoint";

    private static RunningProduct product;
    private static InetAddress address;
    /** The endpoint configuration this class found, put back for the classes that run after it. */
    private static Dictionary<String, Object> endpointBefore;
    private static boolean changed;
    private final HttpClient http = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).build();
    private String adminToken;

    @BeforeAll
    static void findAnAddressOtherThanLoopback() throws Exception {
        address = nonLoopbackIpv4().orElseThrow(() -> MissingTool.skipOrFail(
                "This machine has no network interface with an IPv4 address other than loopback: the admin API"
                        + " cannot be called from another address"));
        product = new RunningProduct();
    }

    @AfterAll
    static void restoreTheEndpoint() throws Exception {
        if (changed) {
            product.restore(ENDPOINT, endpointBefore);
            // The next class looks for the endpoint as it found it: not this class's, still registered a moment.
            RunningProduct.waitUntil("the endpoint on " + address.getHostAddress() + " is gone",
                    () -> !listensOnTheAddress());
        }
    }

    @BeforeEach
    void ownAdmin() {
        DirectoryService directory = product.service(DirectoryService.class);
        Agent first = directory.ensureFirstAdmin("Local admin", "admin@localhost.localdomain");
        String name = "r" + System.nanoTime();
        Agent admin = directory.createAgent("Remote " + name, "remote-" + name + "@example.com", AgentRole.ADMIN,
                first.id());
        adminToken = directory.issueApiToken(admin.id(), admin.id());
    }

    private static Optional<InetAddress> nonLoopbackIpv4() throws SocketException {
        for (NetworkInterface network : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (!network.isUp() || network.isLoopback()) {
                continue;
            }
            for (InetAddress candidate : Collections.list(network.getInetAddresses())) {
                if (candidate instanceof Inet4Address && !candidate.isLoopbackAddress()
                        && !candidate.isLinkLocalAddress()) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    /** Restarts the endpoint on a free port of {@link #address} with the given setting; returns where it listens. */
    private URI endpointOnTheAddress(boolean adminApiFromAnywhere) throws Exception {
        long before = newestEndpointServiceId();
        Dictionary<String, Object> previous = product.configure(ENDPOINT, Map.of("host", address.getHostAddress(),
                "port", 0, "adminApiFromAnywhere", adminApiFromAnywhere));
        if (!changed) {
            endpointBefore = previous;
            changed = true;
        }
        URI[] base = new URI[1];
        RunningProduct.waitUntil("the endpoint listens on " + address.getHostAddress(), () -> {
            ServiceReference<EndpointStatus> newest = newestEndpoint();
            if (newest == null || (Long) newest.getProperty(Constants.SERVICE_ID) <= before) {
                return false;
            }
            base[0] = product.context.getService(newest).baseUri();
            product.context.ungetService(newest);
            return base[0].getHost().equals(address.getHostAddress());
        });
        return base[0];
    }

    private static boolean listensOnTheAddress() {
        try {
            for (ServiceReference<EndpointStatus> reference : product.context.getServiceReferences(
                    EndpointStatus.class, null)) {
                EndpointStatus status = product.context.getService(reference);
                try {
                    if (status != null && status.baseUri().getHost().equals(address.getHostAddress())) {
                        return true;
                    }
                } finally {
                    product.context.ungetService(reference);
                }
            }
            return false;
        } catch (InvalidSyntaxException e) {
            throw new AssertionError(e);
        }
    }

    private long newestEndpointServiceId() {
        ServiceReference<EndpointStatus> newest = newestEndpoint();
        return newest == null ? -1 : (Long) newest.getProperty(Constants.SERVICE_ID);
    }

    private ServiceReference<EndpointStatus> newestEndpoint() {
        try {
            return product.context.getServiceReferences(EndpointStatus.class, null).stream()
                    .max((a, b) -> Long.compare((Long) a.getProperty(Constants.SERVICE_ID),
                            (Long) b.getProperty(Constants.SERVICE_ID)))
                    .orElse(null);
        } catch (InvalidSyntaxException e) {
            throw new AssertionError(e);
        }
    }

    private HttpResponse<String> get(URI base, String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void fromAnotherAddressTheAdminApiRefusesEvenAnAdminsToken() throws Exception {
        URI base = endpointOnTheAddress(false);

        assertEquals(200, get(base, "health", null).statusCode(), "the endpoint itself answers on " + base);
        HttpResponse<String> refused = get(base, "admin/connectors", adminToken);
        assertEquals(403, refused.statusCode(), refused.body());
        assertTrue(refused.body().contains("only on this machine"), refused.body());
    }

    @Test
    void withAdminApiFromAnywhereAnAdminsTokenIsEnoughFromAnotherAddress() throws Exception {
        URI base = endpointOnTheAddress(true);

        HttpResponse<String> listed = get(base, "admin/connectors", adminToken);
        assertEquals(200, listed.statusCode(), listed.body());
        assertTrue(listed.body().contains("org.humanchat.channel.webhook"), listed.body());
        assertEquals(401, get(base, "admin/connectors", null).statusCode(), "without a token: still refused");
    }
}
