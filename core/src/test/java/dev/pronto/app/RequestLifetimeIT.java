package dev.pronto.app;

import dev.pronto.App;
import dev.pronto.Handler;
import dev.pronto.Request;
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

import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import static dev.pronto.it.Requests.ascii;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A plain handler's request is the connection's reused view: valid on the loop while its dispatch runs (filters,
 * handler, error handlers, after filters), refused afterwards and from any other thread with a message that says
 * what to do. Blocking and asynchronous handlers get a private copy that stays valid on any thread.
 */
@Timeout(30)
class RequestLifetimeIT {
    private static final long WAIT_SECONDS = 5;

    /** The request a plain handler kept past its return. */
    private static final AtomicReference<Request> kept = new AtomicReference<>();
    private static final BlockingQueue<String> completed = new LinkedBlockingQueue<>();
    private static final ExecutorService other = Executors.newSingleThreadExecutor();
    private static Server server;

    @BeforeAll
    static void start() {
        App app = new App()
                .get("/keep", r -> {
                    kept.set(r);
                    return Response.text("kept " + r.path());
                })
                .get("/use-kept", r -> Response.text(outcome(Request::path, kept.get())))
                .get("/elsewhere", r -> {
                    // Hands the request to another thread while the handler still runs: refused there too.
                    String seen = other.submit(() -> outcome(Request::path, r)).get(WAIT_SECONDS, TimeUnit.SECONDS);
                    return Response.text(seen);
                })
                .get("/blocking", Handler.blocking(r -> Response.text(
                        other.submit(() -> outcome(Request::path, r)).get(WAIT_SECONDS, TimeUnit.SECONDS))))
                .get("/async", Handler.async(r -> CompletableFuture.supplyAsync(
                        () -> Response.text(outcome(q -> q.pathParams() + " " + q.header("X-Id").orElse("-"), r)),
                        other)))
                .get("/fails", r -> {
                    throw new IllegalStateException("from the handler of " + r.path());
                })
                .get("/done", r -> {
                    String id = r.header("X-Id").orElseThrow();
                    r.onComplete(delivered -> completed.add(id + " " + delivered));
                    return Response.text("done " + id);
                })
                .get("/early", r -> Response.text("not reached: the before filter answers"))
                .before(r -> r.path().equals("/early") ? Response.text("early " + r.header("X-Id").orElse("-"))
                        : null)
                .after((r, response) -> response.withHeader("X-Path", r.path()))
                .exception(IllegalStateException.class,
                        (r, e) -> Response.text(500, "error handler saw " + r.path() + ": " + e.getMessage()));
        server = app.start(Requests.localServer().build());
    }

    @AfterAll
    static void stop() {
        server.close();
        other.shutdownNow();
    }

    @BeforeEach
    void clear() {
        kept.set(null);
        completed.clear();
    }

    /** What using the request gives: its value, or the exception's class and message. */
    private static String outcome(Function<Request, Object> use, Request r) {
        try {
            return "ok " + use.apply(r);
        } catch (RuntimeException e) {
            return e.getClass().getSimpleName() + ": " + e.getMessage();
        }
    }

    private static RawResponse get(String target, String... fields) throws Exception {
        try (RawClient c = RawClient.connect(server.port())) {
            return c.send(ascii(Requests.get(target, fields))).readResponse();
        }
    }

    @Test
    void refusesAKeptRequestOnTheLoopOnceItsHandlerHasReturned() throws Exception {
        assertThat(get("/keep").bodyText()).isEqualTo("kept /keep");
        // Another connection of the same (only) loop: the kept request is the first connection's idle view.
        assertThat(get("/use-kept").bodyText()).isEqualTo("IllegalStateException: This request's handler has "
                + "returned: the request is reused for the connection's next request. Copy what you need, or make "
                + "the handler Handler.blocking(...) or Handler.async(...) to get a request that stays valid.");
    }

    @Test
    void refusesAKeptRequestOnAnyOtherThreadAfterTheHandlerReturned() throws Exception {
        get("/keep");
        Request r = kept.get();
        for (Function<Request, Object> use : List.<Function<Request, Object>>of(Request::path, Request::method,
                Request::queryParams, q -> q.header("Host"), Request::body, q -> q.pathParam("x"),
                q -> q.pathParam("x", int.class), Request::route, Request::headerMap, Request::cookies,
                Request::remoteAddress, q -> q.cookie("a"))) {
            assertThatThrownBy(() -> use.apply(r)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("Handler.blocking(...)");
        }
        assertThatThrownBy(() -> r.onComplete(delivered -> { })).isInstanceOf(IllegalStateException.class);
        assertThat(r.toString()).doesNotContain("/keep"); // a log line that names it does not throw
    }

    @Test
    void refusesARequestHandedToAnotherThreadWhileTheHandlerRuns() throws Exception {
        String seen = get("/elsewhere").bodyText();
        assertThat(seen).startsWith("IllegalStateException: This request belongs to its plain handler on the event "
                + "loop thread ").contains("and was used from the thread pool-")
                .endsWith("Copy what you need first, or make the handler Handler.blocking(...) or "
                        + "Handler.async(...) to get a request that stays valid.");
    }

    @Test
    void keepsABlockingOrAsyncHandlersRequestValidOnAnyThread() throws Exception {
        assertThat(get("/blocking").bodyText()).isEqualTo("ok /blocking");
        assertThat(get("/async", "X-Id: 7").bodyText()).isEqualTo("ok {} 7");
    }

    @Test
    void letsFiltersErrorHandlersAndAfterFiltersUseTheRequestDuringTheDispatch() throws Exception {
        RawResponse failed = get("/fails");
        assertThat(failed.bodyText()).isEqualTo("error handler saw /fails: from the handler of /fails");
        assertThat(failed.header("X-Path")).contains("/fails");
        RawResponse early = get("/early", "X-Id: 3");
        assertThat(early.bodyText()).isEqualTo("early 3");
        assertThat(early.header("X-Path")).contains("/early");
        RawResponse missing = get("/missing");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.header("X-Path")).contains("/missing");
    }

    @Test
    void runsCompletionCallbacksOfAPlainHandler() throws Exception {
        try (RawClient c = RawClient.connect(server.port())) {
            // Pipelined: the second request rebinds the view before the first one's callback runs.
            c.send(ascii(Requests.get("/done", "X-Id: a") + Requests.get("/done", "X-Id: b")));
            assertThat(c.readResponses(2)).extracting(RawResponse::bodyText).containsExactly("done a", "done b");
        }
        assertThat(completed.poll(WAIT_SECONDS, TimeUnit.SECONDS)).isEqualTo("a true");
        assertThat(completed.poll(WAIT_SECONDS, TimeUnit.SECONDS)).isEqualTo("b true");
    }
}
