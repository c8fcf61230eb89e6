package org.humanchat.channel.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every error of the endpoint is the README's JSON, also those Jetty answers before any handler (ambiguous URIs, a
 * request it cannot parse), and {@code /health} refuses methods other than GET and HEAD with 405 and Allow.
 * Requests are written byte for byte, as a client that does not normalize paths sends them.
 */
class EndpointErrorsTest {

    @TempDir
    Path folder;

    private static String raw(int port, String request) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(5_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static void assertJsonError(String answer, String status, String code) {
        assertTrue(answer.startsWith("HTTP/1.1 " + status), answer);
        assertTrue(answer.toLowerCase().contains("content-type: application/json"), answer);
        assertTrue(answer.contains("\"error\":\"" + code + "\""), answer);
    }

    @Test
    void jettysOwnRefusalsAndHealthsMethodsAnswerAsDocumented() throws Exception {
        try (ChannelDesk desk = new ChannelDesk(folder, 1 << 20, null, Map.of())) {
            int port = desk.endpoint.baseUri().getPort();
            String close = "Host: 127.0.0.1\r\nConnection: close\r\n\r\n";

            assertJsonError(raw(port, "GET //admin/connectors HTTP/1.1\r\n" + close), "400", "malformed");
            assertJsonError(raw(port, "GET /channels/%2e%2e/admin/x HTTP/1.1\r\n" + close), "400", "malformed");
            assertJsonError(raw(port, "GET /%2e%2e/etc/passwd HTTP/1.1\r\n" + close), "400", "malformed");
            assertJsonError(raw(port, "GET /health HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n"), "400", "malformed");

            String put = raw(port, "PUT /health HTTP/1.1\r\nContent-Length: 0\r\n" + close);
            assertJsonError(put, "405", "method_not_allowed");
            assertTrue(put.contains("Allow: GET, HEAD"), put);
            String get = raw(port, "GET /health HTTP/1.1\r\n" + close);
            assertEquals("HTTP/1.1 200", get.substring(0, 12), get);
        }
    }
}
