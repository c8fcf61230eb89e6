package org.humanchat.channel.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.humanchat.channel.support.Signatures;
import org.humanchat.core.tests.Configs;
import org.humanchat.endpoint.internal.EndpointConfig;
import org.humanchat.endpoint.internal.EndpointServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The endpoint serving HTTPS from a PKCS12 keystore made with the JDK's keytool, as an admin would: a client that
 * trusts the certificate stores a signed message, plain HTTP to the same port gets no answer, and a keystore that
 * cannot be read stops the endpoint instead of falling back to plain HTTP.
 */
class TlsEndpointTest {

    private static final String STORE_PASSWORD = "keystore-secret";

    @TempDir
    Path folder;

    private Path keystore() throws Exception {
        Path keystore = folder.resolve("server.p12");
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process process = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "humanchat", "-keyalg",
                "EC", "-groupname", "secp256r1", "-validity", "2", "-dname", "CN=localhost",
                "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-storetype", "PKCS12", "-keystore", keystore.toString(),
                "-storepass", STORE_PASSWORD).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "keytool ran");
        assertEquals(0, process.exitValue(), "keytool: " + output);
        return keystore;
    }

    private static HttpClient trusting(Path keystore) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            store.load(in, STORE_PASSWORD.toCharArray());
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return HttpClient.newBuilder().sslContext(context).build();
    }

    @Test
    void aSignedMessageIsStoredOverHttpsAndPlainHttpGetsNoAnswer() throws Exception {
        Path keystore = keystore();
        try (ChannelDesk desk = new ChannelDesk(folder, 1 << 20, "http://127.0.0.1:9/callback", Map.of())) {
            EndpointServer https = new EndpointServer(desk.channels, Configs.of(EndpointConfig.class, Map.of(
                    "port", 0, "tlsKeystore", keystore.toString(), "tlsKeystorePassword", STORE_PASSWORD)));
            try {
                URI base = https.baseUri();
                assertEquals("https", base.getScheme());
                HttpClient client = trusting(keystore);
                HttpResponse<String> health = client.send(HttpRequest.newBuilder(base.resolve("health")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(200, health.statusCode(), health.body());
                assertEquals("TLSv1.3", health.sslSession().orElseThrow().getProtocol());

                byte[] body = "{\"id\":\"tls-1\",\"sender\":{\"id\":\"u-1\"},\"text\":\"Over TLS\"}"
                        .getBytes(StandardCharsets.UTF_8);
                HttpResponse<String> stored = client.send(HttpRequest.newBuilder(base.resolve("channels/"
                        + desk.webhook.id() + "/messages")).header("Content-Type", "application/json")
                        .header("X-HumanChat-Signature", "sha256=" + Signatures.hmacSha256Hex(ChannelDesk.SECRET,
                                body)).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(200, stored.statusCode(), stored.body());
                assertTrue(stored.body().contains("\"stored\""), stored.body());

                URI plain = URI.create("http://127.0.0.1:" + base.getPort() + "/health");
                assertThrows(IOException.class, () -> HttpClient.newHttpClient().send(HttpRequest.newBuilder(plain)
                        .build(), HttpResponse.BodyHandlers.ofString()), "plain HTTP is not served");
            } finally {
                https.stop();
            }
        }
    }

    @Test
    void aKeystoreThatCannotBeReadStopsTheEndpoint() throws Exception {
        try (ChannelDesk desk = new ChannelDesk(folder, 1 << 20, null, Map.of())) {
            IOException refused = assertThrows(IOException.class, () -> new EndpointServer(desk.channels,
                    Configs.of(EndpointConfig.class, Map.of("port", 0, "tlsKeystore",
                            folder.resolve("missing.p12").toString()))));
            assertTrue(refused.getMessage().contains("cannot be read"), refused.getMessage());

            Path keystore = keystore();
            Exception wrongPassword = assertThrows(Exception.class, () -> new EndpointServer(desk.channels,
                    Configs.of(EndpointConfig.class, Map.of("port", 0, "tlsKeystore", keystore.toString(),
                            "tlsKeystorePassword", "not the password"))));
            assertTrue(wrongPassword.getMessage() != null, "said why");
        }
    }
}
