package dev.pronto.it;

import dev.pronto.Handler;
import dev.pronto.Response;
import dev.pronto.Server;
import dev.pronto.ServerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.pronto.it.Requests.ascii;
import static dev.pronto.it.Requests.get;
import static dev.pronto.it.Requests.localServer;
import static org.assertj.core.api.Assertions.assertThat;

/** The keep-alive reaper: idle connections and clients too slow to send a request head are closed. */
@Timeout(30)
class ReaperIT {
    private static final Handler HELLO = request -> Response.text("hello");

    private static ServerConfig idleTimeoutOf300Ms() {
        return localServer().idleTimeout(Duration.ofMillis(300)).build();
    }

    private static ServerConfig headerTimeoutOf300Ms() {
        return localServer().headerTimeout(Duration.ofMillis(300)).idleTimeout(Duration.ofSeconds(30)).build();
    }

    @Test
    void closesIdleKeepAliveConnection() throws Exception {
        try (Server server = Server.start(idleTimeoutOf300Ms(), HELLO);
             RawClient client = RawClient.connect(server.port())) {
            client.send(get("/"));
            assertThat(client.readResponse().status()).isEqualTo(200);

            RawClient.Closure end = client.readUntilClosed(); // fails on the 5 s read timeout if never closed

            assertThat(end.bytes()).isEmpty();
        }
    }

    @Test
    void closesConnectionThatNeverSendsAnything() throws Exception {
        try (Server server = Server.start(idleTimeoutOf300Ms(), HELLO);
             RawClient client = RawClient.connect(server.port())) {
            RawClient.Closure end = client.readUntilClosed();

            assertThat(end.bytes()).isEmpty();
        }
    }

    @Test
    void closesClientThatStopsHalfwayThroughItsHeadWhileServingOthers() throws Exception {
        try (Server server = Server.start(headerTimeoutOf300Ms(), HELLO);
             RawClient slow = RawClient.connect(server.port());
             RawClient normal = RawClient.connect(server.port())) {
            slow.send("GET /slow HTTP/1.1\r\nHost: test\r\nX-Half: ");
            normal.send(get("/"));
            assertThat(normal.readResponse().status()).isEqualTo(200);

            RawClient.Closure end = slow.readUntilClosed();

            assertTimedOutOrClosed(end);
            normal.send(get("/"));
            assertThat(normal.readResponse().status()).as("the other client is still served").isEqualTo(200);
        }
    }

    @Test
    void closesClientTricklingItsHeadSlowerThanTheHeaderTimeout() throws Exception {
        // 40 ms a byte: every byte arrives well within the timeout, but the whole head would take about 4 s.
        byte[] head = ascii("GET /trickle HTTP/1.1\r\nHost: test\r\nX-Slow: " + "s".repeat(60) + "\r\n\r\n");
        AtomicInteger sent = new AtomicInteger();
        AtomicBoolean failed = new AtomicBoolean();
        ScheduledExecutorService trickler = Executors.newSingleThreadScheduledExecutor();
        try (Server server = Server.start(headerTimeoutOf300Ms(), HELLO);
             RawClient client = RawClient.connect(server.port())) {
            trickler.scheduleAtFixedRate(() -> {
                int i = sent.get();
                if (i >= head.length || failed.get()) {
                    return;
                }
                try {
                    client.send(new byte[] {head[i]});
                    sent.incrementAndGet();
                } catch (IOException e) {
                    failed.set(true); // the server has closed: stop trickling
                }
            }, 0, 40, TimeUnit.MILLISECONDS);

            RawClient.Closure end = client.readUntilClosed();

            assertTimedOutOrClosed(end);
            assertThat(sent.get()).as("closed before the head was complete").isLessThan(head.length);
        } finally {
            trickler.shutdownNow();
        }
    }

    /** A connection cut for a slow head gets a 408 (RFC 9110 §15.5.9) or is simply closed; never a 200. */
    private static void assertTimedOutOrClosed(RawClient.Closure end) {
        if (end.bytes().length > 0) {
            assertThat(end.text()).startsWith("HTTP/1.1 408 ");
        }
    }
}
