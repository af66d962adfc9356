package dev.pronto.it;

import dev.pronto.App;
import dev.pronto.Handler;
import dev.pronto.Response;
import dev.pronto.Server;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static dev.pronto.it.Requests.get;
import static dev.pronto.it.Requests.localServer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link Server#close()} called by the server's own code (a plain handler on the event loop, a blocking handler, a
 * stop hook) starts the same orderly shutdown as from outside: the calling request is answered, every stop hook runs
 * and the port is released.
 */
@Timeout(30)
class CloseFromHandlerIT {
    /** Long enough that a shutdown waiting for the request that called close() would answer it 503. */
    private static final Duration GRACE = Duration.ofSeconds(2);

    private final CompletableFuture<Server> server = new CompletableFuture<>();
    private final List<String> events = new CopyOnWriteArrayList<>();

    private App app(Handler shutdown) {
        App app = new App();
        app.get("/shutdown", shutdown);
        app.onStop(() -> events.add("stop 1"));
        app.onStop(() -> events.add("stop 2"));
        return app;
    }

    private Server start(App app) {
        Server s = app.start(localServer().eventLoops(2).shutdownGrace(GRACE).build());
        server.complete(s);
        return s;
    }

    @Test
    void aPlainHandlerThatClosesTheServerGetsItsAnswerOutAndTheStopHooksRun() throws Exception {
        // On the event loop: close() must neither block the loop nor break it.
        closesFromItsOwnHandler(app(request -> closeThenAnswer()));
    }

    @Test
    void aBlockingHandlerThatClosesTheServerGetsItsAnswerOutAndTheStopHooksRun() throws Exception {
        // On a virtual thread: close() must not wait for the very request that calls it.
        closesFromItsOwnHandler(app(Handler.blocking(request -> closeThenAnswer())));
    }

    private Response closeThenAnswer() {
        server.join().close();
        events.add("closed");
        return Response.text("bye");
    }

    private void closesFromItsOwnHandler(App app) throws Exception {
        Server s = start(app);
        try {
            assertAnsweredThenShutDown(s);
        } finally {
            s.close();
        }
    }

    @Test
    void aStopHookThatClosesTheServerAgainDoesNotWaitForItself() throws Exception {
        App app = new App();
        app.get("/", request -> Response.text("ok"));
        app.onStop(() -> {
            server.join().close();
            events.add("stop");
        });
        Server s = start(app);
        CompletableFuture<Void> closing = CompletableFuture.runAsync(s::close,
                runnable -> Thread.ofPlatform().name("closer").start(runnable));
        closing.get(20, TimeUnit.SECONDS);
        assertThat(events).containsExactly("stop");
    }

    @Test
    void awaitingTheShutdownOnTheServersOwnEventLoopIsRefused() throws Exception {
        CompletableFuture<Throwable> thrown = new CompletableFuture<>();
        Server s = start(app(request -> {
            try {
                server.join().awaitShutdown(); // would wait forever: the shutdown needs this loop
                thrown.complete(null);
            } catch (Throwable t) {
                thrown.complete(t);
            }
            return Response.text("still here");
        }));
        try (RawClient client = RawClient.connect(s.port())) {
            client.send(get("/shutdown"));
            assertThat(client.readResponse().bodyText()).isEqualTo("still here");
            assertThat(thrown.get(5, TimeUnit.SECONDS)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("event loop");
        } finally {
            s.close();
        }
    }

    private void assertAnsweredThenShutDown(Server s) throws Exception {
        int port = s.port();
        try (RawClient client = RawClient.connect(port)) {
            client.send(get("/shutdown"));
            RawResponse response = client.readResponse();
            assertThat(response.status()).as("%s", response).isEqualTo(200);
            assertThat(response.bodyText()).isEqualTo("bye");
            // The shutdown began after this response was encoded; it closes the connection right after it.
            assertThat(client.readUntilClosed().bytes()).isEmpty();
        }
        s.awaitShutdown();
        assertThat(events).containsExactly("closed", "stop 2", "stop 1");
        assertThatThrownBy(() -> RawClient.connect(port).close()).isInstanceOf(java.net.ConnectException.class);
        try (ServerSocket again = new ServerSocket(port, 50, InetAddress.getByName("127.0.0.1"))) {
            assertThat(again.getLocalPort()).as("the port is free again").isEqualTo(port);
        }
    }
}
