package dev.pronto.observe;

import dev.pronto.App;
import dev.pronto.Handler;
import dev.pronto.Method;
import dev.pronto.Observation;
import dev.pronto.Observer;
import dev.pronto.Response;
import dev.pronto.Server;
import dev.pronto.ServerConfig;
import dev.pronto.ServerStats;
import dev.pronto.it.RawClient;
import dev.pronto.it.RawResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static dev.pronto.it.Requests.get;
import static dev.pronto.it.Requests.localServer;
import static org.assertj.core.api.Assertions.assertThat;

/** The observation hook sees every completed exchange, the engine's own refusals included; and the server's counters. */
@Timeout(60)
class ObservationIT {
    /** What a test keeps of an observation: the observation itself is reused once the call returns. */
    record Seen(Optional<String> route, Optional<Method> method, Optional<String> target, Optional<String> path,
                int status, long received, long sent, long body, long duration, Optional<String> failure,
                boolean rejected, boolean timedOut, Optional<String> requestId, Optional<String> agent,
                boolean remoteKnown) {
        static Seen of(Observation o) {
            return new Seen(o.route(), o.method(), o.target(), o.path(), o.status(), o.bytesReceived(),
                    o.bytesSent(), o.bodyBytesSent(), o.durationNanos(),
                    o.failure().map(t -> t.getClass().getSimpleName()), o.rejected(), o.timedOut(),
                    o.responseHeader("x-request-id"), o.requestHeader("user-agent"), o.remoteAddress() != null);
        }
    }

    private static final class Recorder implements Observer {
        final BlockingQueue<Seen> seen = new LinkedBlockingQueue<>();
        volatile ServerStats stats;

        @Override
        public void completed(Observation exchange) {
            seen.add(Seen.of(exchange));
        }

        @Override
        public void started(ServerStats stats) {
            this.stats = stats;
        }

        @Override
        public Set<String> requestHeaders() {
            return Set.of("User-Agent");
        }

        Seen next() throws InterruptedException {
            Seen s = seen.poll(10, TimeUnit.SECONDS);
            assertThat(s).as("an observation").isNotNull();
            return s;
        }
    }

    private static App app(Recorder recorder) {
        return new App()
                .get("/users/{id}", request -> Response.text("user " + request.pathParam("id")))
                .get("/fail", request -> {
                    throw new IllegalStateException("boom");
                })
                .get("/slow", Handler.blocking(request -> Response.text("slow")))
                .after((request, response) -> response.withHeader("X-Request-Id", "id-" + request.path().length()))
                .observe(recorder);
    }

    @Test
    void seesRoutedUnmatchedAndFailedExchanges() throws Exception {
        Recorder recorder = new Recorder();
        try (Server server = app(recorder).start(localServer().build());
             RawClient client = RawClient.connect(server.port())) {
            assertThat(recorder.stats).as("started() got the counters").isNotNull();

            String users = get("/users/7?x=1", "User-Agent: probe/1");
            RawResponse r = client.send(users).readResponse();
            Seen s = recorder.next();
            assertThat(s.route()).contains("/users/{id}");
            assertThat(s.method()).contains(Method.GET);
            assertThat(s.target()).contains("/users/7?x=1");
            assertThat(s.path()).contains("/users/7");
            assertThat(s.status()).isEqualTo(200);
            assertThat(s.received()).isEqualTo(users.length());
            assertThat(s.body()).isEqualTo(r.body().length);
            assertThat(s.sent()).isGreaterThan(s.body());
            assertThat(s.duration()).isNotNegative();
            assertThat(s.failure()).isEmpty();
            assertThat(s.rejected()).isFalse();
            assertThat(s.requestId()).as("set by an after filter").contains("id-8");
            assertThat(s.agent()).contains("probe/1");
            assertThat(s.remoteKnown()).isTrue();

            client.send(get("/nowhere")).readResponse();
            s = recorder.next();
            assertThat(s.route()).isEmpty();
            assertThat(s.status()).isEqualTo(404);
            assertThat(s.failure()).as("the router's 404 is no failure").isEmpty();

            client.send(get("/fail")).readResponse();
            s = recorder.next();
            assertThat(s.route()).contains("/fail");
            assertThat(s.status()).isEqualTo(500);
            assertThat(s.failure()).contains("IllegalStateException");

            client.send(get("/slow")).readResponse();
            s = recorder.next();
            assertThat(s.route()).contains("/slow");
            assertThat(s.status()).isEqualTo(200);
            assertThat(recorder.seen).isEmpty();
        }
    }

    @Test
    void seesTheEnginesRefusalOfAHeadItCouldNotParse() throws Exception {
        Recorder recorder = new Recorder();
        try (Server server = app(recorder).start(localServer().build());
             RawClient client = RawClient.connect(server.port())) {
            RawResponse r = client.send("GET / HTTP/1.1\r\nHost : x\r\n\r\n").readResponse();
            assertThat(r.status()).isEqualTo(400);
            Seen s = recorder.next();
            assertThat(s.status()).isEqualTo(400);
            assertThat(s.rejected()).isTrue();
            assertThat(s.timedOut()).isFalse();
            assertThat(s.method()).isEmpty();
            assertThat(s.target()).isEmpty();
            assertThat(s.route()).isEmpty();
            assertThat(s.requestId()).as("the app's after filters do not run without a request").isEmpty();
        }
    }

    @Test
    void seesAHandlerTimeoutAsATimedOutRejection() throws Exception {
        Recorder recorder = new Recorder();
        CountDownLatch never = new CountDownLatch(1);
        App app = new App().get("/hang", Handler.blocking(request -> {
            never.await();
            return Response.text("late");
        })).observe(recorder);
        try (Server server = app.start(localServer().handlerTimeout(Duration.ofMillis(200)).build());
             RawClient client = RawClient.connect(server.port())) {
            assertThat(client.send(get("/hang")).readResponse().status()).isEqualTo(503);
            Seen s = recorder.next();
            assertThat(s.status()).isEqualTo(503);
            assertThat(s.route()).contains("/hang");
            assertThat(s.rejected()).isTrue();
            assertThat(s.timedOut()).isTrue();
        } finally {
            never.countDown();
        }
    }

    @Test
    void countsOpenConnectionsRequestsInFlightAndBlockingHandlers() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        App app = new App().get("/wait", Handler.blocking(request -> {
            entered.countDown();
            release.await();
            return Response.text("done");
        })).get("/", request -> Response.text("hi"));
        try (Server server = app.start(localServer().eventLoops(1).build());
             RawClient client = RawClient.connect(server.port());
             RawClient other = RawClient.connect(server.port())) {
            ServerStats stats = server.stats();
            assertThat(other.send(get("/")).readResponse().status()).isEqualTo(200); // both accepted by now
            client.send(get("/wait"));
            assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(stats.openConnections()).isEqualTo(2);
            assertThat(stats.inFlightRequests()).isEqualTo(1);
            assertThat(stats.runningBlockingHandlers()).isEqualTo(1);
            assertThat(stats.queuedBlockingHandlers()).isZero();
            release.countDown();
            assertThat(client.readResponse().status()).isEqualTo(200);
            assertThat(stats.eventLoops()).isEqualTo(1);
            assertThat(stats.loopBusyNanos(0)).isPositive();
        }
    }

    @Test
    void aFailingObserverDoesNotStopTheExchange() throws Exception {
        App app = new App().get("/", request -> Response.text("hi")).observe(exchange -> {
            throw new IllegalStateException("observer bug");
        });
        try (Server server = app.start(localServer().build());
             RawClient client = RawClient.connect(server.port())) {
            assertThat(client.send(get("/")).readResponse().bodyText()).isEqualTo("hi");
            assertThat(client.send(get("/")).readResponse().bodyText()).isEqualTo("hi");
        }
    }

    @Test
    void serverStatsWorkWithoutObservers() throws Exception {
        try (Server server = Server.start(ServerConfig.builder().host("127.0.0.1").port(0).build(),
                request -> Response.text("x"))) {
            assertThat(server.stats().queuedBlockingHandlers()).isZero();
            assertThat(server.stats().inFlightRequests()).isZero();
        }
    }
}
