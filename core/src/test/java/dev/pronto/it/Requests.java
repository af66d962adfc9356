package dev.pronto.it;

import dev.pronto.ServerConfig;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Raw request bytes for socket-level tests, and the configuration every test server starts from. */
public final class Requests {
    private Requests() {
    }

    /**
     * A server on 127.0.0.1, on a free port, with one event loop (so that two clients share it) and a short
     * shutdown grace (so that closing a server a test left busy does not stall the suite).
     *
     * @return a builder to adjust further
     */
    public static ServerConfig.Builder localServer() {
        return ServerConfig.builder().host("127.0.0.1").port(0).eventLoops(1).shutdownGrace(Duration.ofMillis(500));
    }

    /**
     * @param target the request target
     * @return an HTTP/1.1 GET with a Host header
     */
    public static String get(String target) {
        return "GET " + target + " HTTP/1.1\r\nHost: test\r\n\r\n";
    }

    /**
     * @param target       the request target
     * @param headerFields extra header lines, each without its CRLF
     * @return an HTTP/1.1 GET with a Host header and the extra fields
     */
    public static String get(String target, String... headerFields) {
        StringBuilder s = new StringBuilder("GET ").append(target).append(" HTTP/1.1\r\nHost: test\r\n");
        for (String field : headerFields) {
            s.append(field).append("\r\n");
        }
        return s.append("\r\n").toString();
    }

    /**
     * @param target the request target
     * @param body   the body
     * @return an HTTP/1.1 POST with a Content-Length body
     */
    public static byte[] post(String target, byte[] body) {
        return concat(ascii("POST " + target + " HTTP/1.1\r\nHost: test\r\nContent-Length: " + body.length
                + "\r\n\r\n"), body);
    }

    /**
     * @param target the request target
     * @param chunks the raw chunked body, from the first chunk-size line through the final CRLF
     * @return an HTTP/1.1 POST with a chunked body
     */
    public static String chunkedPost(String target, String chunks) {
        return "POST " + target + " HTTP/1.1\r\nHost: test\r\nTransfer-Encoding: chunked\r\n\r\n" + chunks;
    }

    /**
     * @param text ASCII (ISO-8859-1) text
     * @return its bytes
     */
    public static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    /**
     * @param parts byte arrays
     * @return them one after another
     */
    public static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            all.writeBytes(p);
        }
        return all.toByteArray();
    }
}
