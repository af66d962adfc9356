package dev.pronto.test;

import dev.pronto.Server;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.time.Duration;

/**
 * An app serving for the length of a test, with a {@link TestClient} for it; {@link #close()} stops both. Got from
 * {@link ProntoTest#start}, or injected by {@link ProntoExtension}.
 */
public final class TestServer implements AutoCloseable {
    private final Server server;
    private final HttpClient http; // null in memory
    private final TestClient client;

    private TestServer(Server server, HttpClient http, TestClient client) {
        this.server = server;
        this.http = http;
        this.client = client;
    }

    /** @return a server on a socket, with a client that sends through the JDK's HttpClient */
    static TestServer onSocket(Server server) {
        // HTTP/1.1 only: the JDK client would otherwise offer an h2c upgrade on the first request.
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
        InetSocketAddress bound = server.address();
        // A server bound to every interface (0.0.0.0 or ::) is reached on loopback.
        InetSocketAddress target = bound.getAddress().isAnyLocalAddress()
                ? new InetSocketAddress(InetAddress.getLoopbackAddress(), bound.getPort()) : bound;
        return new TestServer(server, http, new TestClient(SocketPipe.to(target), target, http,
                TestClient.DEFAULT_TIMEOUT));
    }

    /** @return a server in memory, with a client that writes every request by hand into the transport */
    static TestServer inMemory(Server server, MemoryTransport transport) {
        return new TestServer(server, null, new TestClient(timeoutMillis -> transport.connect(),
                MemoryTransport.ADDRESS, null, TestClient.DEFAULT_TIMEOUT));
    }

    /** @return the client for this server */
    public TestClient client() {
        return client;
    }

    /** @return the running server, for its {@code port()} and {@code address()} */
    public Server server() {
        return server;
    }

    /** @return the port the server listens on; 0 in memory */
    public int port() {
        return server.port();
    }

    /**
     * Stops the client and shuts the server down gracefully (its stop hooks run before this returns); idempotent.
     */
    @Override
    public void close() {
        try {
            if (http != null) {
                http.shutdownNow(); // drops pooled connections at once, so the server's drain has nothing to wait for
            }
        } finally {
            server.close();
        }
    }
}
