package dev.pronto.test;

import dev.pronto.App;
import dev.pronto.Server;
import dev.pronto.ServerConfig;
import dev.pronto.test.transport.TestTransportProvider;
import dev.pronto.transport.Transport;
import dev.pronto.transport.TransportProvider;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * Runs an app for one test: {@link #test(App, ClientCode)} starts it on a free port of {@code 127.0.0.1}, hands a
 * {@link TestClient} to the test's code and stops the server afterwards, also when the code throws;
 * {@link #inMemory(App)} serves it with no socket at all.
 *
 * <pre>{@code
 * ProntoTest.test(HelloExample.app(), client -> {
 *     TestResponse r = client.get("/").send();
 *     assertEquals(200, r.status());
 *     assertEquals("Hello world!", r.text());
 * });
 * }</pre>
 */
public final class ProntoTest {
    private ProntoTest() {
    }

    /**
     * A test's code, given the client of the running app.
     */
    @FunctionalInterface
    public interface ClientCode {
        /**
         * Runs the test.
         *
         * @param client the client of the running app
         * @throws Exception anything the test throws, rethrown by {@link #test}
         */
        void accept(TestClient client) throws Exception;
    }

    /**
     * Returns the configuration a test server runs with: {@code 127.0.0.1}, a free port, two event loops, a
     * shutdown grace of one second. Start from {@code config().toBuilder()} to change a limit.
     *
     * @return the configuration
     */
    public static ServerConfig config() {
        return ServerConfig.builder().host("127.0.0.1").port(0).eventLoops(2).shutdownGrace(Duration.ofSeconds(1))
                .build();
    }

    /**
     * Starts an app with {@link #config()}, runs the code with a client for it, and stops the server.
     *
     * @param app  the app, not yet started (an app starts once)
     * @param code the test
     * @throws Exception whatever the code throws, after the server has stopped
     */
    public static void test(App app, ClientCode code) throws Exception {
        test(app, config(), code);
    }

    /**
     * Starts an app with a configuration of your own, runs the code with a client for it, and stops the server.
     *
     * @param app    the app, not yet started
     * @param config the configuration; port 0 picks a free port
     * @param code   the test
     * @throws Exception whatever the code throws, after the server has stopped
     */
    public static void test(App app, ServerConfig config, ClientCode code) throws Exception {
        Objects.requireNonNull(code, "code");
        try (TestServer server = start(app, config)) {
            code.accept(server.client());
        }
    }

    /**
     * Starts an app with {@link #config()} for a test that manages the server's life itself.
     *
     * @param app the app, not yet started
     * @return the running server and its client; close it
     */
    public static TestServer start(App app) {
        return start(app, config());
    }

    /**
     * Starts an app with a configuration of your own for a test that manages the server's life itself.
     *
     * @param app    the app, not yet started
     * @param config the configuration; port 0 picks a free port
     * @return the running server and its client; close it
     */
    public static TestServer start(App app, ServerConfig config) {
        return TestServer.onSocket(app.start(config));
    }

    /**
     * Starts an app on a socket whose event loops read the wall clock from a clock of the test's, so that the
     * {@code Date} header is known in advance ({@code Clock.fixed(…)}); the configured transport is used.
     *
     * @param app    the app, not yet started
     * @param config the configuration; port 0 picks a free port
     * @param clock  the clock the {@code Date} header follows
     * @return the running server and its client; close it
     */
    public static TestServer start(App app, ServerConfig config, Clock clock) {
        Transport real = TransportProvider.resolve(config.transport()).create();
        Server server = TestTransportProvider.with(new ClockedTransport(real, clock),
                () -> app.start(config.toBuilder().transport(TestTransportProvider.ID).build()));
        return TestServer.onSocket(server);
    }

    /**
     * Serves an app with no socket: each connection of the client goes straight into an event loop of the engine,
     * through the same parser, router, handlers and response encoder as on a socket, on a transport of its own.
     * Every request is written by hand (as {@link TestClient#raw} does), so the bytes sent do not depend on the JDK's
     * HTTP client.
     *
     * @param app the app, not yet started
     * @return the server in memory and its client; close it
     */
    public static TestServer inMemory(App app) {
        return inMemory(app, config(), Clock.systemUTC());
    }

    /**
     * Serves an app with no socket, with the limits of a configuration (its host, port and transport are ignored)
     * and a clock of the test's for the {@code Date} header.
     *
     * @param app    the app, not yet started
     * @param config the limits and timeouts
     * @param clock  the clock the {@code Date} header follows, such as {@code Clock.fixed(…)}
     * @return the server in memory and its client; close it
     */
    public static TestServer inMemory(App app, ServerConfig config, Clock clock) {
        MemoryTransport transport = new MemoryTransport(clock);
        Server server = TestTransportProvider.with(transport,
                () -> app.start(config.toBuilder().transport(TestTransportProvider.ID).build()));
        return TestServer.inMemory(server, transport);
    }
}
