package dev.pronto.app;

import dev.pronto.App;
import dev.pronto.Extension;
import dev.pronto.Handler;
import dev.pronto.HttpException;
import dev.pronto.MethodNotAllowedException;
import dev.pronto.Response;
import dev.pronto.Server;
import dev.pronto.ServerConfig;
import dev.pronto.it.RawClient;
import dev.pronto.it.RawResponse;
import dev.pronto.it.Requests;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Error handlers, the default error responses, before and after filters, and the start and stop hooks, over real
 * sockets.
 */
@Timeout(30)
class ErrorsIT {
    /** A subclass of a registered type that has no handler of its own. */
    static final class SubState extends IllegalStateException {
        SubState(String message) {
            super(message);
        }
    }

    /** Filters and the handler append their names here: one list per request. */
    private static final Extension<List<String>> TRACE =
            Extension.of(r -> Collections.synchronizedList(new ArrayList<>()));
    private static final BlockingQueue<String> handled = new LinkedBlockingQueue<>();

    private static Server typed;
    private static Server catchAll;
    private static Server defaults;
    private static Server debug;
    private static Server failingErrorHandlers;
    private static Server filtered;

    @BeforeAll
    static void start() {
        typed = new App()
                .exception(RuntimeException.class, (r, e) -> Response.text(520, "runtime " + e.getMessage()))
                .exception(IllegalStateException.class, (r, e) -> Response.text(521, "illegal state "
                        + e.getClass().getSimpleName() + " " + e.getMessage()))
                .get("/sub", r -> {
                    throw new SubState("sub");
                })
                .get("/ise", r -> {
                    throw new IllegalStateException("ise");
                })
                .get("/iae", r -> {
                    throw new IllegalArgumentException("iae");
                })
                .get("/checked", r -> {
                    throw new IOException("checked");
                })
                .get("/async-sub", Handler.async(r -> CompletableFuture.supplyAsync(() -> {
                    throw new SubState("async");
                })))
                .get("/blocking-sub", Handler.blocking(r -> {
                    throw new SubState("blocking");
                }))
                .start(Requests.localServer().build());

        catchAll = new App()
                .exception(Throwable.class, (r, e) -> {
                    Response caught = e instanceof HttpException h ? h.toResponse() : Response.text(599, "x");
                    return caught.withHeader("X-Caught", e.getClass().getSimpleName())
                            .withHeader("X-Route", r.route().orElse("none"));
                })
                .get("/only-get", r -> Response.text("got"))
                .get("/checked", r -> {
                    throw new IOException("checked");
                })
                .get("/error", r -> {
                    throw new AssertionError("an Error, not an Exception");
                })
                .start(Requests.localServer().build());

        Handler boom = r -> {
            throw new IllegalStateException("secret detail");
        };
        defaults = new App()
                .get("/teapot", r -> {
                    throw new HttpException(418, "teapot");
                })
                .get("/too-many", r -> {
                    throw new HttpException(429);
                })
                .get("/boom", boom)
                .get("/only-get", r -> Response.text("got"))
                .start(Requests.localServer().build());
        debug = new App().debug(true).get("/boom", boom).start(Requests.localServer().build());

        failingErrorHandlers = new App()
                .exception(IllegalStateException.class, (r, e) -> {
                    throw new IllegalArgumentException("the error handler broke");
                })
                .exception(UnsupportedOperationException.class, (r, e) -> null)
                .get("/throws", boom)
                .get("/returns-null", r -> {
                    throw new UnsupportedOperationException();
                })
                .get("/ok", r -> Response.text("ok"))
                .start(Requests.localServer().build());

        filtered = new App()
                .before(r -> {
                    r.get(TRACE).add("b1");
                    return r.queryParams().first("stop").filter("1"::equals).map(v -> Response.text(403, "b1"))
                            .orElse(null);
                })
                .before(r -> {
                    r.get(TRACE).add("b2");
                    if (r.queryParams().first("throw").isPresent()) {
                        throw new HttpException(401, "b2 refused");
                    }
                    return r.queryParams().first("stop").map(v -> Response.text(403, "b2")).orElse(null);
                })
                .after((r, res) -> {
                    r.get(TRACE).add("a1");
                    return res.withHeader("X-After", "a1");
                })
                .after((r, res) -> {
                    List<String> trace = r.get(TRACE);
                    trace.add("a2");
                    return res.withHeader("X-After", "a2").withHeader("X-Trace", String.join(",", trace));
                })
                .after((r, res) -> {
                    if (r.path().equals("/after-fails")) {
                        throw new IllegalStateException("after filter failed");
                    }
                    return res;
                })
                .get("/ok", traced(r -> Response.text("ok")))
                .get("/async", Handler.async(r -> {
                    r.get(TRACE).add("h");
                    handled.add(r.target());
                    return CompletableFuture.supplyAsync(() -> Response.text("async"));
                }))
                .get("/blocking", Handler.blocking(traced(r -> Response.text("blocking"))))
                .get("/fail", traced(r -> {
                    throw new IllegalStateException("fail");
                }))
                .get("/teapot", traced(r -> {
                    throw new HttpException(418, "teapot");
                }))
                .get("/after-fails", traced(r -> Response.text("fine until the after filter")))
                .start(Requests.localServer().build());
    }

    @AfterAll
    static void stop() {
        for (Server s : new Server[] {typed, catchAll, defaults, debug, failingErrorHandlers, filtered}) {
            if (s != null) {
                s.close();
            }
        }
    }

    // ---- error handlers ----

    @Test
    void mostSpecificErrorHandlerWins() throws Exception {
        try (RawClient c = RawClient.connect(typed.port())) {
            assertAnswer(c, "/sub", 521, "illegal state SubState sub");
            assertAnswer(c, "/ise", 521, "illegal state IllegalStateException ise");
            assertAnswer(c, "/iae", 520, "runtime iae");
            assertAnswer(c, "/checked", 500, "Internal Server Error\n"); // no handler for IOException's types
            assertAnswer(c, "/async-sub", 521, "illegal state SubState async"); // unwrapped from CompletionException
            assertAnswer(c, "/blocking-sub", 521, "illegal state SubState blocking");
        }
    }

    @Test
    void catchAllReceivesEveryFailureIncluding404And405() throws Exception {
        try (RawClient c = RawClient.connect(catchAll.port())) {
            RawResponse checked = c.send(Requests.get("/checked")).readResponse();
            assertThat(checked.status()).isEqualTo(599);
            assertThat(checked.header("X-Caught")).contains("IOException");

            RawResponse error = c.send(Requests.get("/error")).readResponse();
            assertThat(error.header("X-Caught")).contains("AssertionError");

            RawResponse notFound = c.send(Requests.get("/nope")).readResponse();
            assertThat(notFound.status()).isEqualTo(404);
            assertThat(notFound.header("X-Caught")).contains(HttpException.class.getSimpleName());
            assertThat(notFound.header("X-Route")).contains("none");

            RawResponse wrongMethod = c.send("DELETE /only-get HTTP/1.1\r\nHost: x\r\n\r\n").readResponse();
            assertThat(wrongMethod.status()).isEqualTo(405);
            assertThat(wrongMethod.header("X-Caught")).contains(MethodNotAllowedException.class.getSimpleName());
            assertThat(wrongMethod.header("Allow")).contains("GET, HEAD, OPTIONS");

            RawResponse ok = c.send(Requests.get("/only-get")).readResponse();
            assertThat(ok.bodyText()).isEqualTo("got");
            assertThat(ok.header("X-Caught")).isEmpty();
        }
    }

    @Test
    void httpExceptionWithoutHandlerAnswersItsStatusAndMessage() throws Exception {
        try (RawClient c = RawClient.connect(defaults.port())) {
            RawResponse teapot = assertAnswer(c, "/teapot", 418, "teapot\n");
            assertThat(teapot.reason()).isEqualTo("I'm a teapot");
            assertAnswer(c, "/too-many", 429, "Too Many Requests\n");
            assertAnswer(c, "/nope", 404, "Not Found\n");
            RawResponse wrongMethod = c.send("POST /only-get HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n")
                    .readResponse();
            assertThat(wrongMethod.status()).isEqualTo(405);
            assertThat(wrongMethod.header("Allow")).contains("GET, HEAD, OPTIONS");
        }
    }

    @Test
    void default500HidesTheExceptionAndDebugShowsItsStackTrace() throws Exception {
        try (RawClient c = RawClient.connect(defaults.port())) {
            RawResponse plain = assertAnswer(c, "/boom", 500, "Internal Server Error\n");
            assertThat(plain.bodyText()).doesNotContain("secret");
        }
        try (RawClient c = RawClient.connect(debug.port())) {
            RawResponse traced = c.send(Requests.get("/boom")).readResponse();
            assertThat(traced.status()).isEqualTo(500);
            assertThat(traced.bodyText()).startsWith("Internal Server Error\n")
                    .contains("java.lang.IllegalStateException: secret detail")
                    .contains("at " + ErrorsIT.class.getName());
            assertThat(c.send(Requests.get("/nope")).readResponse().bodyText()).isEqualTo("Not Found\n");
        }
    }

    @Test
    void errorHandlerThatFailsGivesAPlain500() throws Exception {
        try (RawClient c = RawClient.connect(failingErrorHandlers.port())) {
            RawResponse thrown = assertAnswer(c, "/throws", 500, "Internal Server Error\n");
            assertThat(thrown.closes()).isFalse();
            assertAnswer(c, "/returns-null", 500, "Internal Server Error\n");
            assertAnswer(c, "/ok", 200, "ok");
        }
    }

    // ---- filters ----

    @Test
    void filtersRunInOrderAroundTheHandler() throws Exception {
        try (RawClient c = RawClient.connect(filtered.port())) {
            for (String target : new String[] {"/ok", "/async", "/blocking"}) {
                RawResponse r = c.send(Requests.get(target)).readResponse();
                assertThat(r.status()).as(target).isEqualTo(200);
                assertThat(r.header("X-Trace")).as(target).contains("b1,b2,h,a1,a2");
                assertThat(r.headers("X-After")).as(target).containsExactly("a1", "a2");
            }
        }
    }

    @Test
    void beforeFilterAnsweringEarlySkipsTheHandlerAndLaterFilters() throws Exception {
        handled.clear();
        try (RawClient c = RawClient.connect(filtered.port())) {
            RawResponse first = assertAnswer(c, "/ok?stop=1", 403, "b1");
            assertThat(first.header("X-Trace")).contains("b1,a1,a2");
            RawResponse second = assertAnswer(c, "/blocking?stop=2", 403, "b2");
            assertThat(second.header("X-Trace")).contains("b1,b2,a1,a2");
            RawResponse async = assertAnswer(c, "/async?stop=2", 403, "b2");
            assertThat(async.headers("X-After")).containsExactly("a1", "a2");
            RawResponse thrown = assertAnswer(c, "/ok?throw=1", 401, "b2 refused\n");
            assertThat(thrown.header("X-Trace")).contains("b1,b2,a1,a2");
            assertAnswer(c, "/ok?go=1", 200, "ok");
        }
        assertThat(handled).containsExactly("/ok?go=1");
    }

    @Test
    void afterFiltersAlsoSeeErrorResponses() throws Exception {
        try (RawClient c = RawClient.connect(filtered.port())) {
            RawResponse failed = assertAnswer(c, "/fail", 500, "Internal Server Error\n");
            assertThat(failed.header("X-Trace")).contains("b1,b2,h,a1,a2");
            RawResponse teapot = assertAnswer(c, "/teapot", 418, "teapot\n");
            assertThat(teapot.headers("X-After")).containsExactly("a1", "a2");
            RawResponse notFound = assertAnswer(c, "/nope", 404, "Not Found\n");
            assertThat(notFound.header("X-Trace")).contains("a1,a2"); // no route: no before filter
            RawResponse wrongMethod = c.send("PUT /ok HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n").readResponse();
            assertThat(wrongMethod.status()).isEqualTo(405);
            assertThat(wrongMethod.headers("X-After")).containsExactly("a1", "a2");
            assertThat(wrongMethod.header("Allow")).contains("GET, HEAD, OPTIONS");
        }
    }

    @Test
    void afterFilterThatFailsGivesAPlain500() throws Exception {
        try (RawClient c = RawClient.connect(filtered.port())) {
            RawResponse r = assertAnswer(c, "/after-fails", 500, "Internal Server Error\n");
            assertThat(r.header("X-After")).isEmpty();
            assertAnswer(c, "/ok", 200, "ok");
        }
    }

    // ---- hooks ----

    @Test
    void startHooksRunInOrderBeforeTheFirstRequest() throws Exception {
        List<String> events = Collections.synchronizedList(new ArrayList<>());
        App app = new App()
                .onStart(() -> events.add("start 1"))
                .onStart(() -> events.add("start 2"))
                .get("/", r -> {
                    events.add("request");
                    return Response.text("ok");
                });
        try (Server server = app.start(Requests.localServer().build())) {
            assertThat(events).containsExactly("start 1", "start 2"); // done before start() returned
            try (RawClient c = RawClient.connect(server.port())) {
                assertAnswer(c, "/", 200, "ok");
            }
            assertThat(events).containsExactly("start 1", "start 2", "request");
        }
    }

    @Test
    void throwingStartHookFailsStartAndLeavesThePortFree() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        ServerConfig config = Requests.localServer().port(port).build();
        App failing = new App()
                .onStart(() -> {
                    throw new IllegalStateException("no database");
                })
                .get("/", r -> Response.text("never"));

        assertThatThrownBy(() -> failing.start(config)).isInstanceOf(IllegalStateException.class)
                .hasMessage("no database");

        try (Server other = new App().get("/", r -> Response.text("other")).start(config);
             RawClient c = RawClient.connect(other.port())) {
            assertAnswer(c, "/", 200, "other");
        }
    }

    @Test
    void stopHooksRunAfterConnectionsCloseInReverseOrder() throws Exception {
        List<String> events = Collections.synchronizedList(new ArrayList<>());
        AtomicReference<RawClient> client = new AtomicReference<>();
        App hooked = new App()
                .get("/", r -> Response.text("ok"))
                .onStop(() -> events.add("stop 1"))
                .onStop(() -> {
                    events.add("stop 2");
                    events.add(connectionEnded(client.get()));
                });
        Server s = hooked.start(Requests.localServer().build());
        try (s; RawClient c = RawClient.connect(s.port())) {
            client.set(c);
            assertAnswer(c, "/", 200, "ok"); // an idle keep-alive connection from here on
            assertThat(events).isEmpty();

            events.add("close");
            s.close();

            assertThat(events).containsExactly("close", "stop 2", "connection ended", "stop 1");
            s.close(); // idempotent: the hooks do not run again
            assertThat(events).hasSize(4);
        }
    }

    // ---- helpers ----

    private static Handler traced(Handler h) {
        return r -> {
            r.get(TRACE).add("h");
            handled.add(r.target());
            return h.handle(r);
        };
    }

    private static RawResponse assertAnswer(RawClient c, String target, int status, String body) throws Exception {
        RawResponse r = c.send(Requests.get(target)).readResponse();
        assertThat(r.status()).as("status of %s", target).isEqualTo(status);
        assertThat(r.bodyText()).as("body of %s", target).isEqualTo(body);
        return r;
    }

    /** @return whether the server had already closed the connection, as seen by the client */
    private static String connectionEnded(RawClient c) {
        try {
            c.timeout(Duration.ofSeconds(2));
            RawClient.Closure end = c.readUntilClosed();
            return end.bytes().length == 0 ? "connection ended" : "connection ended after unexpected bytes";
        } catch (SocketTimeoutException e) {
            return "connection still open";
        } catch (IOException e) {
            return "connection failed: " + e;
        }
    }
}
