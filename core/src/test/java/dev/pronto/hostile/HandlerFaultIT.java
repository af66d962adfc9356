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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import java.util.logging.LogRecord;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Errors, not exceptions, thrown by handlers of every kind: a {@link StackOverflowError} from runaway recursion and an
 * {@link OutOfMemoryError}. Each is answered 500 on a connection that stays open; the event loop, a bystander
 * connection and new connections are unaffected; nothing reaches the engine or the loop. (Exceptions in every kind
 * of handler are covered by {@code app/HandlersIT}.)
 */
@Timeout(60)
class HandlerFaultIT {
    /** Where each kind of handler fails: its own thread's code, or a stage completing on another thread. */
    private static final List<String> KINDS = List.of("plain", "async", "async-stage", "blocking");

    private static Server server;

    @BeforeAll
    static void start() {
        App app = new App().get("/ok", r -> Response.text("ok " + Thread.currentThread().isVirtual()));
        Map<String, Supplier<Response>> faults = Map.of(
                "overflow", () -> Response.text("depth " + recurse(0)),
                "oom", () -> {
                    throw new OutOfMemoryError("simulated");
                });
        faults.forEach((fault, body) -> {
            app.get("/plain/" + fault, r -> body.get());
            app.get("/async/" + fault, Handler.async(r -> CompletableFuture.completedFuture(body.get())));
            app.get("/async-stage/" + fault, Handler.async(r -> CompletableFuture.supplyAsync(body)));
            app.get("/blocking/" + fault, Handler.blocking(r -> body.get()));
        });
        // An OutOfMemoryError thrown by the VM itself, without exhausting the heap: no array may be this long.
        app.get("/plain/oversized-array", r -> Response.text("length " + new long[Integer.MAX_VALUE].length));
        server = app.start(Requests.localServer().build());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** Recurses until the thread's stack is exhausted. */
    private static int recurse(int depth) {
        return recurse(depth + 1) + 1;
    }

    @Test
    void stackOverflowInEveryKindOfHandlerIs500AndTheServerKeepsServing() throws Exception {
        assertEveryKindFailsAlone("overflow", StackOverflowError.class);
    }

    @Test
    void outOfMemoryErrorInEveryKindOfHandlerIs500AndTheServerKeepsServing() throws Exception {
        assertEveryKindFailsAlone("oom", OutOfMemoryError.class);
    }

    @Test
    void outOfMemoryErrorThrownByTheVmInAPlainHandlerIs500AndTheLoopKeepsServing() throws Exception {
        try (ServerLog log = ServerLog.record(); RawClient bystander = RawClient.connect(server.port())) {
            assertOk(bystander);

            assertAnswered500ThenServed("/plain/oversized-array", OutOfMemoryError.class, log);

            assertOk(bystander);
            assertNothingEscaped(log);
        }
    }

    /**
     * Sends each kind's failing request pipelined with a plain one behind it, then alone, while a bystander
     * connection opened beforehand goes on being served on the same (single) event loop.
     */
    private static void assertEveryKindFailsAlone(String fault, Class<? extends Throwable> error) throws Exception {
        try (ServerLog log = ServerLog.record(); RawClient bystander = RawClient.connect(server.port())) {
            assertOk(bystander);
            for (String kind : KINDS) {
                assertAnswered500ThenServed("/" + kind + "/" + fault, error, log);
                assertOk(bystander);
            }
            try (RawClient newcomer = RawClient.connect(server.port())) {
                assertOk(newcomer);
            }
            assertNothingEscaped(log);
        }
    }

    private static void assertAnswered500ThenServed(String target, Class<? extends Throwable> error, ServerLog log)
            throws Exception {
        int logged = log.from("dev.pronto.App").size();
        try (RawClient c = RawClient.connect(server.port())) {
            List<RawResponse> pipelined = c.send(Requests.get(target) + Requests.get("/ok")).readResponses(2);
            RawResponse alone = c.send(Requests.get(target)).readResponse();

            for (RawResponse failed : List.of(pipelined.get(0), alone)) {
                assertThat(failed.status()).as("%s: %s", target, failed).isEqualTo(500);
                assertThat(failed.bodyText()).as(target).isEqualTo("Internal Server Error\n");
                assertThat(failed.closes()).as("%s keeps the connection open", target).isFalse();
            }
            assertThat(pipelined.get(1).bodyText()).as("the request pipelined behind %s", target)
                    .isEqualTo("ok false");
            assertOk(c);
        }
        // The 500s came from the error the handler threw (not from some other failure): it was logged, twice.
        List<LogRecord> failures = log.from("dev.pronto.App");
        assertThat(failures.subList(logged, failures.size())).as("what %s logged: %s", target, log.describe())
                .hasSize(2).allSatisfy(r -> assertThat(r.getThrown()).isInstanceOf(error));
    }

    private static void assertOk(RawClient c) throws Exception {
        RawResponse r = c.send(Requests.get("/ok")).readResponse();
        assertThat(r.status()).as("%s", r).isEqualTo(200);
        assertThat(r.bodyText()).isEqualTo("ok false");
    }

    /** Nothing reached the connection's last-resort handler or the loop's: both log at ERROR from these loggers. */
    private static void assertNothingEscaped(ServerLog log) {
        assertThat(log.from("dev.pronto.connection")).as("logged by the engine: %s", log.describe()).isEmpty();
        assertThat(log.from("dev.pronto.transport")).as("logged by the event loop: %s", log.describe()).isEmpty();
    }
}
