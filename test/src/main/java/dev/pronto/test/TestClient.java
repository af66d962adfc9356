package dev.pronto.test;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;

/**
 * A client for one running app. {@link #get}, {@link #post} and the other verbs build a request that
 * {@link TestRequest#send()} sends over HTTP/1.1 and answers with the whole response; {@link #raw(String)} writes bytes
 * exactly as given on a connection of their own, for pipelines and malformed input. Every exchange is bounded by
 * {@link #timeout()}, so a test never hangs on a server that does not answer. Safe for use from several threads.
 *
 * <pre>{@code
 * TestResponse r = client.post("/todos").json(Map.of("title", "Write tests")).send();
 * assertEquals(201, r.status());
 * }</pre>
 */
public final class TestClient {
    /** How long an exchange may take unless {@link #timeout(Duration)} says otherwise. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    private final Pipe.Connector connector;
    private final InetSocketAddress address;
    private final HttpClient http; // null in memory: every request is then written by hand
    private final Duration timeout;

    TestClient(Pipe.Connector connector, InetSocketAddress address, HttpClient http, Duration timeout) {
        this.connector = connector;
        this.address = address;
        this.http = http;
        this.timeout = timeout;
    }

    /**
     * Starts a {@code GET} request.
     *
     * @param path the path, starting with {@code /}, optionally with a query already
     * @return the request, to complete and {@link TestRequest#send()}
     */
    public TestRequest get(String path) {
        return request("GET", path);
    }

    /**
     * Starts a {@code HEAD} request.
     *
     * @param path the path, starting with {@code /}
     * @return the request
     */
    public TestRequest head(String path) {
        return request("HEAD", path);
    }

    /**
     * Starts a {@code POST} request.
     *
     * @param path the path, starting with {@code /}
     * @return the request
     */
    public TestRequest post(String path) {
        return request("POST", path);
    }

    /**
     * Starts a {@code PUT} request.
     *
     * @param path the path, starting with {@code /}
     * @return the request
     */
    public TestRequest put(String path) {
        return request("PUT", path);
    }

    /**
     * Starts a {@code PATCH} request.
     *
     * @param path the path, starting with {@code /}
     * @return the request
     */
    public TestRequest patch(String path) {
        return request("PATCH", path);
    }

    /**
     * Starts a {@code DELETE} request.
     *
     * @param path the path, starting with {@code /}
     * @return the request
     */
    public TestRequest delete(String path) {
        return request("DELETE", path);
    }

    /**
     * Starts a request of any method.
     *
     * @param method the method token, such as {@code OPTIONS}
     * @param path   the path, starting with {@code /}, optionally with a query already
     * @return the request
     * @throws IllegalArgumentException if the path does not start with {@code /}
     */
    public TestRequest request(String method, String path) {
        Objects.requireNonNull(method, "method");
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("A path starts with '/': " + path
                    + " (send other request targets with raw())");
        }
        return new TestRequest(this, method, path);
    }

    /**
     * Writes bytes exactly as given on a new connection and reads until the server closes it.
     *
     * @param request the bytes to send: one or several requests, complete or not, well-formed or not
     * @return everything the server sent
     * @throws java.io.UncheckedIOException if the connection fails, or the server does not close within
     *                                      {@link #timeout()}
     */
    public RawReply raw(byte[] request) {
        return raw(request, 0);
    }

    /**
     * Writes text as ISO-8859-1 bytes (one byte per char; write each {@code \r\n} yourself) on a new connection and
     * reads until the server closes it.
     *
     * @param request the text to send
     * @return everything the server sent
     * @throws java.io.UncheckedIOException if the connection fails, or the server does not close within
     *                                      {@link #timeout()}
     */
    public RawReply raw(String request) {
        return raw(request.getBytes(StandardCharsets.ISO_8859_1), 0);
    }

    /**
     * Writes text as ISO-8859-1 bytes on a new connection and reads until some responses are complete, or the server
     * closes.
     *
     * @param request   the text to send
     * @param responses how many complete responses end the reading (0: read until the server closes)
     * @return everything the server sent
     * @throws java.io.UncheckedIOException if the connection fails, or neither happens within {@link #timeout()}
     */
    public RawReply raw(String request, int responses) {
        return raw(request.getBytes(StandardCharsets.ISO_8859_1), responses);
    }

    /**
     * Writes bytes exactly as given on a new connection and reads until some responses are complete, or the server
     * closes. Responses are framed by {@code Content-Length} or chunked coding; one to {@code HEAD} looks to this
     * count as if it carried its announced body, so read such a reply until the close.
     *
     * @param request   the bytes to send
     * @param responses how many complete responses end the reading (0: read until the server closes)
     * @return everything the server sent
     * @throws java.io.UncheckedIOException if the connection fails, or neither happens within {@link #timeout()}
     */
    public RawReply raw(byte[] request, int responses) {
        if (responses < 0) {
            throw new IllegalArgumentException("responses < 0: " + responses);
        }
        return RawConnection.exchange(connector, request.clone(), responses, false, timeout);
    }

    /**
     * Returns a client for the same server whose exchanges may each take another time.
     *
     * @param timeout the longest one exchange may take
     * @return the client
     */
    public TestClient timeout(Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive: " + timeout);
        }
        return new TestClient(connector, address, http, timeout);
    }

    /** @return the longest one exchange may take */
    public Duration timeout() {
        return timeout;
    }

    /** @return the port the server listens on; 0 in memory */
    public int port() {
        return address.getPort();
    }

    /**
     * Returns the absolute URI of a path on the server, for clients of your own (a server in memory has none that
     * another client could reach).
     *
     * @param pathAndQuery the path, starting with {@code /}
     * @return {@code http://127.0.0.1:PORT/path}
     */
    public URI uri(String pathAndQuery) {
        String host = address.getAddress().getHostAddress();
        if (host.contains(":")) {
            host = "[" + host + "]"; // RFC 3986 §3.2.2: an IPv6 literal
        }
        return URI.create("http://" + host + ":" + address.getPort() + pathAndQuery);
    }

    /** @return the {@code Host} of requests written by hand: the address, or {@code localhost} in memory */
    String authority() {
        return http == null ? "localhost" : uri("/").getRawAuthority();
    }

    Pipe.Connector connector() {
        return connector;
    }

    /** @return the JDK client, or null when the server is in memory */
    HttpClient http() {
        return http;
    }
}
