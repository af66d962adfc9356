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
    private final HttpClient http;
    private final TestClient client;

    TestServer(Server server) {
        this.server = server;
        // HTTP/1.1 only: the JDK client would otherwise offer an h2c upgrade on the first request.
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
        InetSocketAddress bound = server.address();
        // A server bound to every interface (0.0.0.0 or ::) is reached on loopback.
        InetSocketAddress target = bound.getAddress().isAnyLocalAddress()
                ? new InetSocketAddress(InetAddress.getLoopbackAddress(), bound.getPort()) : bound;
        this.client = new TestClient(target, http, TestClient.DEFAULT_TIMEOUT);
    }

    /** @return the client for this server */
    public TestClient client() {
        return client;
    }

    /** @return the running server, for its {@code port()} and {@code address()} */
    public Server server() {
        return server;
    }

    /** @return the port the server listens on */
    public int port() {
        return server.port();
    }

    /**
     * Stops the client and shuts the server down gracefully (its stop hooks run before this returns); idempotent.
     */
    @Override
    public void close() {
        try {
            http.shutdownNow(); // drops pooled connections at once, so the server's drain has nothing to wait for
        } finally {
            server.close();
        }
    }
}
