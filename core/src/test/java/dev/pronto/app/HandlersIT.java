package dev.pronto.app;

import dev.pronto.App;
import dev.pronto.Handler;
import dev.pronto.Response;
import dev.pronto.Server;
import dev.pronto.it.RawClient;
import dev.pronto.it.RawResponse;
import dev.pronto.it.Requests;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The three kinds of handler over real sockets: plain ones on the event loop, {@link Handler#async} ones completing
 * on any thread in any order, {@link Handler#blocking} ones on virtual threads; pipelined responses in request
 * order whatever finishes first; the handler timeout; and failures of every kind of handler.
 */
@Timeout(60)
class HandlersIT {
    private static final long WAIT_SECONDS = 5;

    /** Answers the test holds back, by id, and the ids whose handlers have been called or have finished. */
    private static final Map<String, CompletableFuture<Response>> held = new ConcurrentHashMap<>();
    private static final BlockingQueue<String> heldInvoked = new LinkedBlockingQueue<>();
    private static final BlockingQueue<String> finished = new LinkedBlockingQueue<>();
    /** Gates of the blocking handlers that wait for the test, by id. */
    private static final Map<String, CountDownLatch> entered = new ConcurrentHashMap<>();
    private static final Map<String, CountDownLatch> released = new ConcurrentHashMap<>();
    private static final Map<String, CountDownLatch> interrupted = new ConcurrentHashMap<>();

    private static Server server;
    private static Server timingOut;

    @BeforeAll
    static void start() {
        App app = new App()
                .get("/plain/{i}", r -> {
                    finished.add(r.pathParam("i"));
                    return Response.text("plain " + r.pathParam("i") + " virtual="
                            + Thread.currentThread().isVirtual());
                })
                .get("/async/{i}", Handler.async(r -> {
                    String i = r.pathParam("i");
                    return CompletableFuture.supplyAsync(() -> {
                        finished.add(i);
                        return Response.text("async " + i);
                    });
                }))
                .get("/blocking/{i}", Handler.blocking(r -> {
                    Thread.sleep(5); // blocking is what this kind of handler is for
                    finished.add(r.pathParam("i"));
                    return Response.text("blocking " + r.pathParam("i") + " virtual="
                            + Thread.currentThread().isVirtual());
                }))
                .get("/held/{i}", Handler.async(r -> {
                    String i = r.pathParam("i");
                    heldInvoked.add(i);
                    return held.computeIfAbsent(i, k -> new CompletableFuture<>());
                }))
                .get("/gate/{id}", Handler.blocking(r -> {
                    String id = r.pathParam("id");
                    gate(entered, id).countDown();
                    boolean open = gate(released, id).await(WAIT_SECONDS * 2, TimeUnit.SECONDS);
                    return Response.text(open ? "released " + id : "never released " + id);
                }))
                .get("/throw/plain", r -> {
                    throw new IllegalStateException("plain failed");
                })
                .get("/throw/async-sync", Handler.async(r -> {
                    throw new IllegalStateException("async failed before its stage");
                }))
                .get("/throw/async-stage", Handler.async(r -> CompletableFuture.supplyAsync(() -> {
                    throw new IllegalStateException("async stage failed");
                })))
                .get("/throw/async-failed", Handler.async(r ->
                        CompletableFuture.failedFuture(new java.io.IOException("already failed"))))
                .get("/throw/blocking", Handler.blocking(r -> {
                    throw new java.io.IOException("blocking failed");
                }))
                .get("/null/plain", r -> null)
                .get("/null/async-stage", Handler.async(r -> null))
                .get("/null/async-value", Handler.async(r -> CompletableFuture.supplyAsync(() -> null)))
                .get("/null/blocking", Handler.blocking(r -> null));
        server = app.start(Requests.localServer().build());

        App slow = new App()
                .get("/plain/{i}", r -> Response.text("plain " + r.pathParam("i")))
                .get("/never-async", Handler.async(r -> new CompletableFuture<>()))
                .get("/never-blocking/{id}", Handler.blocking(r -> {
                    try {
                        new CountDownLatch(1).await();
                        return Response.text("impossible");
                    } catch (InterruptedException e) {
                        gate(interrupted, r.pathParam("id")).countDown();
                        throw e;
                    }
                }))
                .get("/held/{i}", Handler.async(r -> held.computeIfAbsent(r.pathParam("i"),
                        k -> new CompletableFuture<>())));
        timingOut = slow.start(Requests.localServer().handlerTimeout(Duration.ofMillis(300)).build());
    }

    @AfterAll
    static void stop() {
        released.values().forEach(CountDownLatch::countDown);
        held.values().forEach(f -> f.complete(Response.text("released at the end")));
        server.close();
        timingOut.close();
    }

    // ---- ordering ----

    @Test
    void pipelinedMixIsAnsweredInRequestOrderWhenTheFirstCompletesLast() throws Exception {
        int n = 24;
        heldInvoked.clear();
        finished.clear();
        StringBuilder pipeline = new StringBuilder();
        List<String> expected = new ArrayList<>();
        List<String> heldIds = new ArrayList<>();
        int others = 0;
        for (int i = 0; i < n; i++) {
            String id = "mix" + i;
            switch (i % 4) {
                case 0 -> {
                    pipeline.append(Requests.get("/held/" + id));
                    expected.add("held " + id);
                    heldIds.add(id);
                }
                case 1 -> {
                    pipeline.append(Requests.get("/plain/" + id));
                    expected.add("plain " + id + " virtual=false");
                    others++;
                }
                case 2 -> {
                    pipeline.append(Requests.get("/async/" + id));
                    expected.add("async " + id);
                    others++;
                }
                default -> {
                    pipeline.append(Requests.get("/blocking/" + id));
                    expected.add("blocking " + id + " virtual=true");
                    others++;
                }
            }
        }
        try (RawClient c = RawClient.connect(server.port())) {
            c.send(pipeline.toString()); // one write

            for (int k = 0; k < heldIds.size(); k++) {
                assertThat(heldInvoked.poll(WAIT_SECONDS, TimeUnit.SECONDS)).as("held handler %d called", k)
                        .isNotNull();
            }
            for (int k = 0; k < others; k++) {
                assertThat(finished.poll(WAIT_SECONDS, TimeUnit.SECONDS)).as("handler %d finished", k).isNotNull();
            }
            // Every other handler is done: complete the held ones last to first, so the first request ends last.
            for (int k = heldIds.size() - 1; k >= 0; k--) {
                String id = heldIds.get(k);
                held.get(id).complete(Response.text("held " + id));
            }
            List<RawResponse> responses = c.readResponses(n);

            assertThat(responses).extracting(RawResponse::bodyText).containsExactlyElementsOf(expected);
        }
    }

    // ---- blocking handlers ----

    @Test
    void blockingHandlerDoesNotStallAPlainRequestOnAnotherConnection() throws Exception {
        try (RawClient blocked = RawClient.connect(server.port());
             RawClient other = RawClient.connect(server.port())) {
            blocked.send(Requests.get("/gate/stall"));
            assertThat(gate(entered, "stall").await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();

            // One event loop serves both connections; the blocking handler is still waiting for the test.
            RawResponse plain = other.send(Requests.get("/plain/while-blocked")).readResponse();
            assertThat(plain.bodyText()).isEqualTo("plain while-blocked virtual=false");

            gate(released, "stall").countDown();
            assertThat(blocked.readResponse().bodyText()).isEqualTo("released stall");
        }
    }

    @Test
    void blockingHandlersRunConcurrentlyOnVirtualThreads() throws Exception {
        int n = 20;
        List<RawClient> clients = new ArrayList<>();
        try {
            for (int i = 0; i < n; i++) {
                RawClient c = RawClient.connect(server.port());
                clients.add(c);
                c.send(Requests.get("/gate/together" + i));
            }
            // All twenty are blocked at once: only then does the test open their gates.
            for (int i = 0; i < n; i++) {
                assertThat(gate(entered, "together" + i).await(WAIT_SECONDS, TimeUnit.SECONDS))
                        .as("handler %d running while the others block", i).isTrue();
            }
            for (int i = n - 1; i >= 0; i--) {
                gate(released, "together" + i).countDown();
            }
            for (int i = 0; i < n; i++) {
                assertThat(clients.get(i).readResponse().bodyText()).isEqualTo("released together" + i);
            }
        } finally {
            for (RawClient c : clients) {
                c.close();
            }
        }
    }

    @Test
    void blockingHandlersRunOnVirtualThreadsAndPlainOnesDoNot() throws Exception {
        try (RawClient c = RawClient.connect(server.port())) {
            List<RawResponse> r = c.send(Requests.get("/blocking/v1") + Requests.get("/plain/v2")).readResponses(2);

            assertThat(r).extracting(RawResponse::bodyText)
                    .containsExactly("blocking v1 virtual=true", "plain v2 virtual=false");
        }
    }

    // ---- handler timeout ----

    @Test
    void handlersThatNeverAnswerGet503AndLaterPipelinedRequestsStillComeInOrder() throws Exception {
        try (RawClient c = RawClient.connect(timingOut.port())) {
            c.send(Requests.get("/never-async") + Requests.get("/plain/1") + Requests.get("/never-blocking/t1")
                    + Requests.get("/plain/2"));

            List<RawResponse> responses = c.readResponses(4);

            assertThat(responses).extracting(RawResponse::status).containsExactly(503, 200, 503, 200);
            assertThat(responses.get(1).bodyText()).isEqualTo("plain 1");
            assertThat(responses.get(3).bodyText()).isEqualTo("plain 2");
            assertThat(responses.get(0).closes()).isFalse();
            assertThat(gate(interrupted, "t1").await(WAIT_SECONDS, TimeUnit.SECONDS))
                    .as("the timed-out virtual thread is interrupted").isTrue();
            assertThat(c.send(Requests.get("/plain/3")).readResponse().bodyText()).isEqualTo("plain 3");
        }
    }

    @Test
    void answerCompletedAfterTheTimeoutIsDropped() throws Exception {
        try (RawClient c = RawClient.connect(timingOut.port())) {
            assertThat(c.send(Requests.get("/held/late")).readResponse().status()).isEqualTo(503);

            held.get("late").complete(Response.text("too late"));
            List<RawResponse> next = c.send(Requests.get("/plain/4") + Requests.get("/plain/5")).readResponses(2);

            assertThat(next).extracting(RawResponse::bodyText).containsExactly("plain 4", "plain 5");
        }
    }

    @Test
    void theFutureOfATimedOutAsyncHandlerIsCancelled() throws Exception {
        try (RawClient c = RawClient.connect(timingOut.port())) {
            assertThat(c.send(Requests.get("/held/cancel-me")).readResponse().status()).isEqualTo(503);
        }
        CompletableFuture<Response> future = held.get("cancel-me");
        assertThat(future.isCancelled()).as("cancelled before the 503 was sent").isTrue();
    }

    // ---- failures ----

    @Test
    void exceptionInEveryKindOfHandlerIs500AndTheConnectionGoesOn() throws Exception {
        String[] failing = {"/throw/plain", "/throw/async-sync", "/throw/async-stage", "/throw/async-failed",
                "/throw/blocking"};
        assertAnswered500InOrder(failing);
    }

    @Test
    void handlerReturningNullIs500AndTheConnectionGoesOn() throws Exception {
        String[] nulls = {"/null/plain", "/null/async-stage", "/null/async-value", "/null/blocking"};
        assertAnswered500InOrder(nulls);
    }

    private static void assertAnswered500InOrder(String[] failing) throws Exception {
        StringBuilder pipeline = new StringBuilder();
        for (String target : failing) {
            pipeline.append(Requests.get(target)).append(Requests.get("/plain/after"));
        }
        try (RawClient c = RawClient.connect(server.port())) {
            List<RawResponse> responses = c.send(pipeline.toString()).readResponses(2 * failing.length);

            for (int i = 0; i < failing.length; i++) {
                RawResponse failed = responses.get(2 * i);
                assertThat(failed.status()).as(failing[i]).isEqualTo(500);
                assertThat(failed.bodyText()).as(failing[i]).isEqualTo("Internal Server Error\n");
                assertThat(failed.closes()).as(failing[i]).isFalse();
                assertThat(responses.get(2 * i + 1).bodyText()).as("after " + failing[i])
                        .isEqualTo("plain after virtual=false");
            }
            // Each failure alone on the connection, too.
            for (String target : failing) {
                assertThat(c.send(Requests.get(target)).readResponse().status()).as(target).isEqualTo(500);
            }
            assertThat(c.send(Requests.get("/plain/last")).readResponse().status()).isEqualTo(200);
        }
    }

    private static CountDownLatch gate(Map<String, CountDownLatch> gates, String id) {
        return gates.computeIfAbsent(id, k -> new CountDownLatch(1));
    }
}
