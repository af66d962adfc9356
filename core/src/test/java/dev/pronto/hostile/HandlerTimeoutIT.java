package dev.pronto.hostile;

import dev.pronto.App;
import dev.pronto.Handler;
import dev.pronto.Response;
import dev.pronto.Server;
import dev.pronto.it.RawClient;
import dev.pronto.it.RawResponse;
import dev.pronto.it.Requests;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.LogRecord;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A handler that outlives {@code handlerTimeout}: the client gets 503, and the application hears of the same 503 —
 * its after filters see it, its completion callbacks run, even one the interrupted handler registers afterwards —
 * while the framework's own cancellation of the handler is one WARNING line, not a handler failure.
 */
@Timeout(30)
class HandlerTimeoutIT {
    private static final BlockingQueue<String> afterSaw = new LinkedBlockingQueue<>();
    private static final BlockingQueue<String> completed = new LinkedBlockingQueue<>();
    private static final BlockingQueue<Thread> handlerThreads = new LinkedBlockingQueue<>();

    private static Server server;

    @BeforeAll
    static void start() {
        server = new App()
                .after((r, response) -> {
                    afterSaw.add(r.route().orElse("none") + " " + response.status());
                    return response;
                })
                .get("/stuck-blocking", Handler.blocking(r -> {
                    Thread self = Thread.currentThread();
                    handlerThreads.add(self);
                    CountDownLatch over = new CountDownLatch(1);
                    r.onComplete(delivered -> {
                        completed.add("before the timeout, delivered=" + delivered);
                        over.countDown();
                    });
                    try {
                        new CountDownLatch(1).await();
                        return Response.text("impossible");
                    } catch (InterruptedException e) {
                        // The handler cleans up after the interrupt and, once the request is over (its 503 is
                        // out), asks to hear when it is over: the callback runs at once, on this thread.
                        over.await(5, TimeUnit.SECONDS);
                        r.onComplete(delivered -> completed.add("after the end, delivered=" + delivered
                                + ", at once=" + (Thread.currentThread() == self)));
                        throw e;
                    }
                }))
                .get("/stuck-async", Handler.async(r -> {
                    r.onComplete(delivered -> completed.add("async, delivered=" + delivered));
                    return new CompletableFuture<>();
                }))
                .get("/ok", r -> Response.text("ok"))
                .start(Requests.localServer().handlerTimeout(Duration.ofMillis(300)).build());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void clear() {
        afterSaw.clear();
        completed.clear();
        handlerThreads.clear();
    }

    @Test
    void aTimedOutBlockingHandlersFiltersAndCallbacksSeeThe503AndTheLogSaysItOnce() throws Exception {
        try (ServerLog log = ServerLog.record(); RawClient c = RawClient.connect(server.port())) {
            RawResponse response = c.send(Requests.get("/stuck-blocking")).readResponse();
            assertThat(response.status()).isEqualTo(503);

            Thread handler = handlerThreads.poll(5, TimeUnit.SECONDS);
            assertThat(handler).isNotNull();
            handler.join(TimeUnit.SECONDS.toMillis(5)); // whatever the interrupted handler's thread did is done now
            assertThat(handler.isAlive()).isFalse();
            // Pipelined behind a request of the same connection: its after filter runs once the 503 is out.
            assertThat(c.send(Requests.get("/ok")).readResponse().bodyText()).isEqualTo("ok");

            assertThat(drain(afterSaw)).containsExactly("/stuck-blocking 503", "/ok 200");
            assertThat(take(completed, 2)).containsExactlyInAnyOrder("before the timeout, delivered=true",
                    "after the end, delivered=true, at once=true");
            assertOneWarning(log, "/stuck-blocking");
        }
    }

    @Test
    void aTimedOutAsyncHandlersFiltersAndCallbacksSeeThe503AndTheLogSaysItOnce() throws Exception {
        try (ServerLog log = ServerLog.record(); RawClient c = RawClient.connect(server.port())) {
            RawResponse response = c.send(Requests.get("/stuck-async")).readResponse();
            assertThat(response.status()).isEqualTo(503);
            assertThat(c.send(Requests.get("/ok")).readResponse().bodyText()).isEqualTo("ok");

            assertThat(drain(afterSaw)).containsExactly("/stuck-async 503", "/ok 200");
            assertThat(take(completed, 1)).containsExactly("async, delivered=true");
            assertOneWarning(log, "/stuck-async");
        }
    }

    /** @return up to {@code n} elements, waiting a few seconds for each */
    private static List<String> take(BlockingQueue<String> queue, int n) throws InterruptedException {
        List<String> taken = new ArrayList<>();
        String next;
        while (taken.size() < n && (next = queue.poll(5, TimeUnit.SECONDS)) != null) {
            taken.add(next);
        }
        return taken;
    }

    private static List<String> drain(BlockingQueue<String> queue) {
        List<String> all = new ArrayList<>();
        queue.drainTo(all);
        return all;
    }

    private static void assertOneWarning(ServerLog log, String route) {
        List<LogRecord> records = log.records();
        assertThat(records).as("what was logged: %s", log.describe()).hasSize(1);
        LogRecord warning = records.get(0);
        assertThat(warning.getLevel()).isEqualTo(Level.WARNING);
        assertThat(warning.getMessage()).contains(route).contains("300 ms").contains("handlerTimeout")
                .doesNotContain("\n");
        assertThat(warning.getThrown()).isNull();
    }
}
