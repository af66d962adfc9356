package dev.pronto.app;

import dev.pronto.App;
import dev.pronto.Handler;
import dev.pronto.HttpException;
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
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static dev.pronto.it.Requests.chunkedPost;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The responses the engine makes itself (a body over the limit, a body too slow, a handler timeout, the shutdown, a
 * head that cannot be parsed) reach the application like router-made 404s do: error handlers and after filters for a
 * request whose head was parsed, the rejection hook for one whose head was not. The application adds headers and a
 * body; the status and the decision to close stay the engine's.
 */
@Timeout(30)
class RejectionsIT {
    private static final String ORIGIN = "https://shop.example";
    private static final int BODY_LIMIT = 1024;

    private static Server dressed;
    private static Server stubborn;
    private static Server broken;

    /** An RFC 9457 problem document, as an orders API answers its errors. */
    private static Response problem(int status, String detail) {
        return Response.text(status, "{\"type\":\"about:blank\",\"status\":" + status + ",\"detail\":\"" + detail
                + "\"}").withContentType("application/problem+json");
    }

    private static ServerConfig.Builder limits() {
        return Requests.localServer().maxBodyBytes(BODY_LIMIT).maxHeaderCount(10)
                .handlerTimeout(Duration.ofMillis(300)).idleTimeout(Duration.ofMillis(500));
    }

    @BeforeAll
    static void start() {
        dressed = new App()
                .after((r, response) -> response.withHeader("Access-Control-Allow-Origin", ORIGIN))
                .exception(HttpException.class, (r, e) -> problem(e.status(), e.getMessage()))
                .rejection(e -> problem(e.status(), e.getMessage()).withHeader("Access-Control-Allow-Origin", ORIGIN))
                .post("/upload", r -> Response.text("got " + r.bodyLength()))
                .route("/never", Handler.async(r -> new CompletableFuture<>()))
                .get("/ok", r -> Response.text("ok"))
                .start(limits().build());

        // Every hook tries to turn the rejection into a success and to keep the connection.
        stubborn = new App()
                .exception(HttpException.class, (r, e) -> Response.text(200, "fine"))
                .after((r, response) -> response.withStatus(202).withHeader("X-After", "ran"))
                .rejection(e -> Response.text(200, "fine"))
                .post("/upload", r -> Response.text("got " + r.bodyLength()))
                .get("/never", Handler.async(r -> new CompletableFuture<>()))
                .get("/ok", r -> Response.text("ok"))
                .start(limits().build());

        broken = new App()
                .exception(HttpException.class, (r, e) -> {
                    if (r.header("X-Null").isPresent()) {
                        return null;
                    }
                    throw new IllegalStateException("the error handler broke");
                })
                .after((r, response) -> {
                    if (r.header("X-Break-After").isPresent()) {
                        throw new IllegalStateException("the after filter broke");
                    }
                    return response.withHeader("Access-Control-Allow-Origin", ORIGIN);
                })
                .rejection(e -> {
                    if (e.status() == 431) {
                        return null;
                    }
                    throw new IllegalStateException("the rejection hook broke");
                })
                .post("/upload", r -> Response.text("got " + r.bodyLength()))
                .start(limits().build());
    }

    @AfterAll
    static void stop() {
        dressed.close();
        stubborn.close();
        broken.close();
    }

    private static String oversizedHead(String method) {
        return method + " /upload HTTP/1.1\r\nHost: test\r\nOrigin: " + ORIGIN + "\r\nContent-Length: "
                + (BODY_LIMIT + 1) + "\r\n\r\n";
    }

    private static String tooManyHeaders() {
        StringBuilder s = new StringBuilder("GET /ok HTTP/1.1\r\nHost: test\r\n");
        for (int i = 0; i < 12; i++) {
            s.append("X-").append(i).append(": v\r\n");
        }
        return s.append("\r\n").toString();
    }

    private static final String BAD_HEAD = "GET /ok HTTP/1.1\r\nHost: test\r\nBad Name: x\r\n\r\n";

    private static String chunkedOverTheLimit() {
        String chunk = Integer.toHexString(400) + "\r\n" + "b".repeat(400) + "\r\n";
        return chunkedPost("/upload", chunk.repeat(4) + "0\r\n\r\n");
    }

    /** The rejection carries the application's CORS header and problem body, with the engine's status. */
    private static void assertDressed(RawResponse response, int status, String detail) {
        assertThat(response.status()).as("status of %s", response).isEqualTo(status);
        assertThat(response.header("Access-Control-Allow-Origin")).as("CORS on %s", response).hasValue(ORIGIN);
        assertThat(response.header("Content-Type")).hasValue("application/problem+json");
        assertThat(response.bodyText()).contains("\"status\":" + status).contains(detail);
    }

    /** The connection ends after the rejection, cleanly and with nothing more. */
    private static void assertClosedAfter(RawResponse response, RawClient client) throws IOException {
        assertThat(response.closes()).as("Connection: close on %s", response).isTrue();
        RawClient.Closure end = client.readUntilClosed();
        assertThat(end.bytes()).as("nothing after the rejection").isEmpty();
        assertThat(end.reset()).isFalse();
    }

    // ---- a head that was parsed: error handlers and after filters ----

    @Test
    void newcomerScenarioA413ForAnOversizedBodyCarriesTheAppsCorsHeaderAndProblemBody() throws Exception {
        try (RawClient c = RawClient.connect(dressed.port())) {
            RawResponse response = c.send(oversizedHead("POST")).readResponse();

            assertDressed(response, 413, "Request body larger than " + BODY_LIMIT + " bytes");
            assertClosedAfter(response, c);
        }
    }

    @Test
    void a413AnsweringExpect100ContinueIsDressedToo() throws Exception {
        try (RawClient c = RawClient.connect(dressed.port())) {
            RawResponse response = c.send("POST /upload HTTP/1.1\r\nHost: test\r\nExpect: 100-continue\r\n"
                    + "Content-Length: " + (BODY_LIMIT + 1) + "\r\n\r\n").readResponse();

            assertDressed(response, 413, "Request body larger than");
            assertClosedAfter(response, c);
        }
    }

    @Test
    void a413ForAChunkedBodyGrowingOverTheLimitIsDressed() throws Exception {
        try (RawClient c = RawClient.connect(dressed.port())) {
            RawResponse response = c.send(chunkedOverTheLimit()).readResponse();

            assertDressed(response, 413, "");
            assertClosedAfter(response, c);
        }
    }

    @Test
    void a408ForABodyThatStopsArrivingIsDressed() throws Exception {
        try (RawClient c = RawClient.connect(dressed.port())) {
            RawResponse response = c.send("POST /upload HTTP/1.1\r\nHost: test\r\nContent-Length: 100\r\n\r\n"
                    + "only ten..").readResponse();

            assertDressed(response, 408, "too slowly");
            assertClosedAfter(response, c);
        }
    }

    @Test
    void theHandlerTimeout503IsDressedAndKeepsTheConnection() throws Exception {
        try (RawClient c = RawClient.connect(dressed.port())) {
            RawResponse response = c.send(Requests.get("/never")).readResponse();

            assertDressed(response, 503, "did not answer in time");
            assertThat(response.closes()).isFalse();
            RawResponse next = c.send(Requests.get("/ok")).readResponse();
            assertThat(next.bodyText()).isEqualTo("ok");
            assertThat(next.header("Access-Control-Allow-Origin")).hasValue(ORIGIN);
        }
    }

    @Test
    void theShutdown503IsDressed() throws Exception {
        CountDownLatch arrived = new CountDownLatch(1);
        CompletableFuture<Boolean> over = new CompletableFuture<>();
        Server server = new App()
                .after((r, response) -> response.withHeader("Access-Control-Allow-Origin", ORIGIN))
                .exception(HttpException.class, (r, e) -> problem(e.status(), e.getMessage()))
                .get("/hang", Handler.async(r -> {
                    r.onComplete(over::complete);
                    arrived.countDown();
                    return new CompletableFuture<>();
                }))
                .start(Requests.localServer().shutdownGrace(Duration.ofMillis(300)).build());
        try (RawClient c = RawClient.connect(server.port())) {
            c.send(Requests.get("/hang"));
            assertThat(arrived.await(5, TimeUnit.SECONDS)).isTrue();

            server.close(); // returns once the grace is over and what was left has been answered

            RawResponse response = c.readResponse();
            assertDressed(response, 503, "shutting down");
            assertClosedAfter(response, c);
            assertThat(over.get(5, TimeUnit.SECONDS)).as("the callback heard the 503 was delivered").isTrue();
        } finally {
            server.close();
        }
    }

    @Test
    void aHeadRequestGetsTheDressedHeadersButNoBody() throws Exception {
        try (RawClient c = RawClient.connect(dressed.port())) {
            RawResponse response = c.send(oversizedHead("HEAD")).readHeadResponse();

            assertThat(response.status()).isEqualTo(413);
            assertThat(response.header("Access-Control-Allow-Origin")).hasValue(ORIGIN);
            assertThat(response.header("Content-Length")).hasValueSatisfying(v -> assertThat(v).isNotEqualTo("0"));
            assertClosedAfter(response, c); // no body bytes follow the head
        }
    }

    // ---- a head that could not be parsed: the rejection hook ----

    @Test
    void a400ForAMalformedHeadIsDressedByTheRejectionHook() throws Exception {
        try (RawClient c = RawClient.connect(dressed.port())) {
            RawResponse response = c.send(BAD_HEAD).readResponse();

            assertDressed(response, 400, "header name");
            assertClosedAfter(response, c);
        }
    }

    @Test
    void a431ForTooManyHeaderFieldsIsDressedByTheRejectionHook() throws Exception {
        try (RawClient c = RawClient.connect(dressed.port())) {
            RawResponse response = c.send(tooManyHeaders()).readResponse();

            assertDressed(response, 431, "Too many header fields");
            assertClosedAfter(response, c);
        }
    }

    @Test
    void earlierPipelinedResponsesStillComeFirst() throws Exception {
        try (RawClient c = RawClient.connect(dressed.port())) {
            c.send(Requests.get("/ok") + BAD_HEAD);

            RawResponse ok = c.readResponse();
            RawResponse rejected = c.readResponse();
            assertThat(ok.bodyText()).isEqualTo("ok");
            assertDressed(rejected, 400, "header name");
            assertClosedAfter(rejected, c);
        }
    }

    // ---- the application cannot change the status or the decision to close ----

    @Test
    void theStatusAndTheCloseStayTheEnginesWhateverTheHooksReturn() throws Exception {
        for (String request : new String[] {oversizedHead("POST"), chunkedOverTheLimit()}) {
            try (RawClient c = RawClient.connect(stubborn.port())) {
                RawResponse response = c.send(request).readResponse();

                assertThat(response.status()).as("status for %s", request).isEqualTo(413);
                assertThat(response.bodyText()).isEqualTo("fine");
                assertThat(response.header("X-After")).hasValue("ran");
                assertClosedAfter(response, c);
            }
        }
        for (String request : new String[] {BAD_HEAD, tooManyHeaders()}) {
            try (RawClient c = RawClient.connect(stubborn.port())) {
                RawResponse response = c.send(request).readResponse();

                assertThat(response.status()).as("status for %s", request).isIn(400, 431);
                assertThat(response.bodyText()).isEqualTo("fine");
                assertClosedAfter(response, c);
            }
        }
        try (RawClient c = RawClient.connect(stubborn.port())) {
            RawResponse response = c.send(Requests.get("/never")).readResponse();

            assertThat(response.status()).isEqualTo(503);
            assertThat(response.header("X-After")).hasValue("ran");
            assertThat(response.closes()).as("the timeout did not close before, and does not now").isFalse();
            assertThat(c.send(Requests.get("/ok")).readResponse().status()).isEqualTo(202);
        }
    }

    // ---- a hook that fails or answers nothing: the built-in answer ----

    @Test
    void aFailingOrSilentErrorHandlerFallsBackToTheBuiltInAnswer() throws Exception {
        for (String extra : new String[] {"X-Throw: 1\r\n", "X-Null: 1\r\n"}) {
            try (RawClient c = RawClient.connect(broken.port())) {
                RawResponse response = c.send(oversizedHead("POST").replace("Host: test\r\n", "Host: test\r\n"
                        + extra)).readResponse();

                assertBuiltIn413(response);
                assertThat(response.header("Access-Control-Allow-Origin")).as("after filters still ran")
                        .hasValue(ORIGIN);
                assertClosedAfter(response, c);
            }
        }
    }

    @Test
    void aFailingAfterFilterFallsBackToTheBuiltInAnswer() throws Exception {
        try (RawClient c = RawClient.connect(broken.port())) {
            RawResponse response = c.send(oversizedHead("POST").replace("Host: test\r\n",
                    "Host: test\r\nX-Null: 1\r\nX-Break-After: 1\r\n")).readResponse();

            assertBuiltIn413(response);
            assertThat(response.header("Access-Control-Allow-Origin")).isEmpty();
            assertClosedAfter(response, c);
        }
    }

    @Test
    void aFailingOrSilentRejectionHookFallsBackToTheBuiltInAnswer() throws Exception {
        try (RawClient c = RawClient.connect(broken.port())) {
            RawResponse response = c.send(BAD_HEAD).readResponse();

            assertThat(response.status()).isEqualTo(400);
            assertThat(response.header("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/plain"));
            assertThat(response.bodyText()).contains("header name").doesNotContain("{");
            assertClosedAfter(response, c);
        }
        try (RawClient c = RawClient.connect(broken.port())) {
            RawResponse response = c.send(tooManyHeaders()).readResponse();

            assertThat(response.status()).isEqualTo(431);
            assertThat(response.bodyText()).contains("header fields").doesNotContain("{");
            assertClosedAfter(response, c);
        }
    }

    private static void assertBuiltIn413(RawResponse response) {
        assertThat(response.status()).isEqualTo(413);
        assertThat(response.header("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/plain"));
        assertThat(response.bodyText()).isEqualTo("Request body larger than " + BODY_LIMIT + " bytes\n");
    }
}
