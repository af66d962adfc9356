package dev.pronto.test;

import dev.pronto.App;
import dev.pronto.ServerConfig;

import java.time.Duration;
import java.util.Objects;

/**
 * Runs an app for one test: {@link #test(App, ClientCode)} starts it on a free port of {@code 127.0.0.1}, hands a
 * {@link TestClient} to the test's code and stops the server afterwards, also when the code throws.
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
        return new TestServer(app.start(config));
    }
}
