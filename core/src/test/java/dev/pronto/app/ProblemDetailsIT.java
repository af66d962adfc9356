package dev.pronto.app;

import dev.pronto.App;
import dev.pronto.Handler;
import dev.pronto.HttpException;
import dev.pronto.ProblemException;
import dev.pronto.Response;
import dev.pronto.Server;
import dev.pronto.ServerConfig;
import dev.pronto.Status;
import dev.pronto.it.RawClient;
import dev.pronto.it.RawResponse;
import dev.pronto.it.Requests;
import dev.pronto.parser.ParseError;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static dev.pronto.it.Requests.ascii;
import static dev.pronto.it.Requests.chunkedPost;
import static dev.pronto.it.Requests.concat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code App.problemDetails(true)}: every error the framework makes, from the router, the request's views, the
 * default 500 and the engine (for a parsed request and for input that never became one), is an RFC 9457
 * {@code application/problem+json} document, with the status and the close it has in plain text; and a
 * {@link ProblemException} is one in any app.
 */
@Timeout(30)
class ProblemDetailsIT {
    private static final int BODY_LIMIT = 1024;
    private static final int LINE_LIMIT = 256;

    private static Server problems;
    private static Server debug;
    private static Server plain;
    private static Server broken;

    private static ServerConfig.Builder limits() {
        return Requests.localServer().maxBodyBytes(BODY_LIMIT).maxHeaderCount(10).maxRequestLineBytes(LINE_LIMIT)
                .handlerTimeout(Duration.ofMillis(300)).idleTimeout(Duration.ofMillis(500))
                .headerTimeout(Duration.ofMillis(300));
    }

    private static ProblemException outOfCredit() {
        return new ProblemException(403, "Your balance is 30, but that costs 50")
                .withType("https://example.com/probs/out-of-credit")
                .withTitle("You do not have enough credit")
                .with("balance", 30)
                .with("accounts", List.of("/account/12345", "/account/67890"))
                .withHeader("X-Request-Id", "r1");
    }

    private static final String OUT_OF_CREDIT = "{\"type\":\"https://example.com/probs/out-of-credit\","
            + "\"title\":\"You do not have enough credit\",\"status\":403,"
            + "\"detail\":\"Your balance is 30, but that costs 50\",\"instance\":\"/credit\",\"balance\":30,"
            + "\"accounts\":[\"/account/12345\",\"/account/67890\"]}";

    @BeforeAll
    static void start() {
        problems = new App().problemDetails(true)
                .get("/only-get", r -> Response.text("got"))
                .get("/query", r -> Response.text(r.queryParams().toString()))
                .post("/form", r -> Response.text(r.form().toString()))
                .post("/files", r -> Response.text(r.files().toString()))
                .get("/host", r -> Response.text(r.hostName().orElse("none")))
                .get("/teapot", r -> {
                    throw new HttpException(418, "I'm a \"teapot\"").withHeader("X-Brew", "never");
                })
                .get("/boom", r -> {
                    throw new IllegalStateException("secret detail");
                })
                .get("/credit", Handler.blocking(r -> {
                    throw outOfCredit();
                }))
                .get("/never", Handler.async(r -> new CompletableFuture<>()))
                .post("/body", r -> Response.text("got " + r.bodyLength()))
                .get("/ok", r -> Response.text("ok"))
                .start(limits().build());
        debug = new App().problemDetails(true).debug(true)
                .get("/boom", r -> {
                    throw new IllegalStateException("secret detail");
                })
                .start(Requests.localServer().build());
        plain = new App()
                .get("/credit", r -> {
                    throw outOfCredit();
                })
                .get("/teapot", r -> {
                    throw new HttpException(418, "teapot");
                })
                .start(Requests.localServer().build());
        broken = new App().problemDetails(true)
                .exception(HttpException.class, (r, e) -> null)
                .rejection(e -> {
                    throw new IllegalStateException("the rejection hook broke");
                })
                .post("/body", r -> Response.text("got " + r.bodyLength()))
                .start(limits().build());
    }

    @AfterAll
    static void stop() {
        problems.close();
        debug.close();
        plain.close();
        broken.close();
    }

    /** A string as the writer quotes it: the details here hold quotes and backslashes at most. */
    private static String quoted(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** The document of an {@code about:blank} problem. */
    private static String document(int status, String detail, String instance) {
        return "{\"type\":\"about:blank\",\"title\":" + quoted(Status.reasonPhrase(status)) + ",\"status\":" + status
                + ",\"detail\":" + quoted(detail) + (instance != null ? ",\"instance\":" + quoted(instance) : "")
                + "}";
    }

    private static void assertProblem(RawResponse response, int status, String detail, String instance) {
        assertThat(response.status()).as("status of %s", response).isEqualTo(status);
        assertThat(response.header("Content-Type")).as("type of %s", response).hasValue("application/problem+json");
        assertThat(response.bodyText()).isEqualTo(document(status, detail, instance));
    }

    /** For details that quote the input: the standard members around them, and a part of the detail. */
    private static void assertProblemContaining(RawResponse response, int status, String detailPart,
                                                String instance) {
        assertThat(response.status()).as("status of %s", response).isEqualTo(status);
        assertThat(response.header("Content-Type")).hasValue("application/problem+json");
        assertThat(response.bodyText())
                .startsWith("{\"type\":\"about:blank\",\"title\":" + quoted(Status.reasonPhrase(status))
                        + ",\"status\":" + status + ",\"detail\":\"")
                .endsWith("\",\"instance\":" + quoted(instance) + "}")
                .contains(detailPart);
    }

    private static void assertClosedAfter(RawResponse response, RawClient client) throws IOException {
        assertThat(response.closes()).as("Connection: close on %s", response).isTrue();
        RawClient.Closure end = client.readUntilClosed();
        assertThat(end.bytes()).as("nothing after the problem").isEmpty();
        assertThat(end.reset()).isFalse();
    }

    private static RawResponse exchange(Server server, String request) throws IOException {
        try (RawClient c = RawClient.connect(server.port())) {
            return c.send(request).readResponse();
        }
    }

    private static RawResponse exchange(Server server, byte[] request) throws IOException {
        try (RawClient c = RawClient.connect(server.port())) {
            return c.send(request).readResponse();
        }
    }

    private static byte[] post(String target, String contentType, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return concat(ascii("POST " + target + " HTTP/1.1\r\nHost: test\r\nContent-Type: " + contentType
                + "\r\nContent-Length: " + bytes.length + "\r\n\r\n"), bytes);
    }

    // ---- the router ----

    @Test
    void theRouters404IsAProblemWhoseInstanceIsThePathWithoutTheQuery() throws Exception {
        try (RawClient c = RawClient.connect(problems.port())) {
            RawResponse response = c.send(Requests.get("/nowhere?x=1")).readResponse();

            assertProblem(response, 404, "Not Found", "/nowhere");
            assertThat(response.closes()).isFalse();
            assertThat(c.send(Requests.get("/ok")).readResponse().bodyText()).isEqualTo("ok");
        }
    }

    @Test
    void theRouters405KeepsItsAllowHeader() throws Exception {
        RawResponse response = exchange(problems, post("/only-get", "text/plain", "x"));

        assertProblem(response, 405, "Method POST not allowed", "/only-get");
        assertThat(response.header("Allow")).hasValue("GET, HEAD, OPTIONS");
    }

    @Test
    void theRouters400ForABadPercentEscapeInThePath() throws Exception {
        assertProblem(exchange(problems, Requests.get("/a%zz")), 400, "Invalid percent-encoding in the path",
                "/a%zz");
    }

    // ---- the request's views ----

    @Test
    void aBadEscapeInTheQuery() throws Exception {
        assertProblemContaining(exchange(problems, Requests.get("/query?q=%zz")), 400,
                "Invalid percent-encoding in parameter", "/query");
    }

    @Test
    void aBadEscapeInAForm() throws Exception {
        assertProblemContaining(exchange(problems, post("/form", "application/x-www-form-urlencoded", "a=%zz")),
                400, "Invalid percent-encoding in parameter", "/form");
    }

    @Test
    void aMultipartBodyWithoutABoundaryAndAMalformedOne() throws Exception {
        assertProblem(exchange(problems, post("/files", "multipart/form-data", "x")), 400,
                "multipart/form-data without a boundary", "/files");
        assertProblemContaining(exchange(problems, post("/files", "multipart/form-data; boundary=b", "no parts")),
                400, "Malformed multipart body", "/files");
    }

    @Test
    void aHostWhosePortDoesNotFit() throws Exception {
        assertProblemContaining(exchange(problems, "GET /host HTTP/1.1\r\nHost: test:99999\r\n\r\n"), 400,
                "Invalid Host header", "/host");
    }

    // ---- handlers' exceptions and the default 500 ----

    @Test
    void anHttpExceptionNoHandlerTakesKeepsItsHeaders() throws Exception {
        RawResponse response = exchange(problems, Requests.get("/teapot"));

        assertProblem(response, 418, "I'm a \"teapot\"", "/teapot");
        assertThat(response.header("X-Brew")).hasValue("never");
    }

    @Test
    void theDefault500TellsNothingOfTheFailure() throws Exception {
        RawResponse response = exchange(problems, Requests.get("/boom"));

        assertProblem(response, 500, "Internal Server Error", "/boom");
        assertThat(response.bodyText()).doesNotContain("secret");
    }

    @Test
    void inDebugModeTheDefault500CarriesTheStackTraceAsATraceMember() throws Exception {
        RawResponse response = exchange(debug, Requests.get("/boom"));

        assertThat(response.status()).isEqualTo(500);
        assertThat(response.header("Content-Type")).hasValue("application/problem+json");
        assertThat(response.bodyText())
                .startsWith(document(500, "Internal Server Error", "/boom").replaceAll("}$", "")
                        + ",\"trace\":\"java.lang.IllegalStateException: secret detail\\n\\tat ")
                .endsWith("\"}");
    }

    @Test
    void aProblemExceptionIsAProblemInAPlainTextAppWithItsMembersAndHeaders() throws Exception {
        for (Server server : new Server[] {plain, problems}) { // plain: inline; problems: a blocking handler
            RawResponse response = exchange(server, Requests.get("/credit"));

            assertThat(response.status()).isEqualTo(403);
            assertThat(response.header("Content-Type")).hasValue("application/problem+json");
            assertThat(response.header("X-Request-Id")).hasValue("r1");
            assertThat(response.bodyText()).isEqualTo(OUT_OF_CREDIT);
        }
        // An HttpException stays plain text there.
        RawResponse teapot = exchange(plain, Requests.get("/teapot"));
        assertThat(teapot.header("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/plain"));
        assertThat(teapot.bodyText()).isEqualTo("teapot\n");
    }

    // ---- the engine's refusals of a parsed request ----

    private static String oversizedHead(String method) {
        return method + " /body HTTP/1.1\r\nHost: test\r\nContent-Length: " + (BODY_LIMIT + 1) + "\r\n\r\n";
    }

    @Test
    void a413ForABodyOverTheLimitAlsoAnsweringExpect100Continue() throws Exception {
        String bodyTooLarge = "Request body larger than " + BODY_LIMIT + " bytes";
        for (String head : new String[] {oversizedHead("POST"),
                oversizedHead("POST").replace("Host: test\r\n", "Host: test\r\nExpect: 100-continue\r\n")}) {
            try (RawClient c = RawClient.connect(problems.port())) {
                RawResponse response = c.send(head).readResponse();

                assertProblem(response, 413, bodyTooLarge, "/body");
                assertClosedAfter(response, c);
            }
        }
    }

    @Test
    void a413ForAChunkedBodyOverTheLimitAndA400ForAMalformedOne() throws Exception {
        String chunk = Integer.toHexString(400) + "\r\n" + "b".repeat(400) + "\r\n";
        try (RawClient c = RawClient.connect(problems.port())) {
            RawResponse response = c.send(chunkedPost("/body", chunk.repeat(4) + "0\r\n\r\n")).readResponse();

            assertProblem(response, 413, ParseError.BODY_TOO_LARGE.message(), "/body");
            assertClosedAfter(response, c);
        }
        try (RawClient c = RawClient.connect(problems.port())) {
            RawResponse response = c.send(chunkedPost("/body", "zz\r\n")).readResponse();

            assertProblem(response, 400, ParseError.BAD_CHUNK.message(), "/body");
            assertClosedAfter(response, c);
        }
    }

    @Test
    void a408ForABodyThatStopsArriving() throws Exception {
        try (RawClient c = RawClient.connect(problems.port())) {
            RawResponse response = c.send("POST /body HTTP/1.1\r\nHost: test\r\nContent-Length: 100\r\n\r\n"
                    + "only ten..").readResponse();

            assertProblem(response, 408, "Request body arrived too slowly", "/body");
            assertClosedAfter(response, c);
        }
    }

    @Test
    void theHandlerTimeout503KeepsTheConnection() throws Exception {
        try (RawClient c = RawClient.connect(problems.port())) {
            RawResponse response = c.send(Requests.get("/never")).readResponse();

            assertProblem(response, 503, "The handler did not answer in time", "/never");
            assertThat(response.closes()).isFalse();
            assertThat(c.send(Requests.get("/ok")).readResponse().bodyText()).isEqualTo("ok");
        }
    }

    @Test
    void theShutdown503() throws Exception {
        CountDownLatch arrived = new CountDownLatch(1);
        Server server = new App().problemDetails(true)
                .get("/hang", Handler.async(r -> {
                    arrived.countDown();
                    return new CompletableFuture<>();
                }))
                .start(Requests.localServer().shutdownGrace(Duration.ofMillis(300)).build());
        try (RawClient c = RawClient.connect(server.port())) {
            c.send(Requests.get("/hang"));
            assertThat(arrived.await(5, TimeUnit.SECONDS)).isTrue();

            server.close(); // returns once the grace is over and what was left has been answered

            RawResponse response = c.readResponse();
            assertProblem(response, 503, "Service Unavailable: the server is shutting down", "/hang");
            assertClosedAfter(response, c);
        } finally {
            server.close();
        }
    }

    @Test
    void aHeadRequestGetsTheProblemsHeadersButNoBody() throws Exception {
        try (RawClient c = RawClient.connect(problems.port())) {
            RawResponse response = c.send(oversizedHead("HEAD")).readHeadResponse();

            assertThat(response.status()).isEqualTo(413);
            assertThat(response.header("Content-Type")).hasValue("application/problem+json");
            assertThat(response.header("Content-Length")).hasValue(String.valueOf(
                    document(413, "Request body larger than " + BODY_LIMIT + " bytes", "/body").length()));
            assertClosedAfter(response, c); // no body bytes follow the head
        }
    }

    // ---- the engine's rejections of input that never became a request: no instance ----

    private static String tooManyHeaders() {
        StringBuilder s = new StringBuilder("GET /ok HTTP/1.1\r\nHost: test\r\n");
        for (int i = 0; i < 12; i++) {
            s.append("X-").append(i).append(": v\r\n");
        }
        return s.append("\r\n").toString();
    }

    @Test
    void everyParseErrorOfAHeadIsAProblemWithoutInstanceAndCloses() throws Exception {
        record Case(String input, ParseError error) {
        }
        List<Case> cases = List.of(
                new Case("GET /ok HTTP/1.1\r\nHost: test\r\nBad Name: x\r\n\r\n", ParseError.INVALID_HEADER_NAME),
                new Case("GET /" + "a".repeat(LINE_LIMIT) + " HTTP/1.1\r\nHost: test\r\n\r\n",
                        ParseError.REQUEST_LINE_TOO_LONG),
                new Case(tooManyHeaders(), ParseError.TOO_MANY_HEADERS),
                new Case("GET /ok HTTP/2.0\r\nHost: test\r\n\r\n", ParseError.UNSUPPORTED_VERSION),
                new Case("CONNECT test:443 HTTP/1.1\r\nHost: test:443\r\n\r\n", ParseError.CONNECT_NOT_SUPPORTED),
                new Case("POST /body HTTP/1.1\r\nHost: test\r\nTransfer-Encoding: x-custom, chunked\r\n\r\n",
                        ParseError.UNSUPPORTED_TRANSFER_CODING),
                new Case("POST /body HTTP/1.1\r\nHost: test\r\nExpect: 200-ok\r\nContent-Length: 1\r\n\r\nx",
                        ParseError.UNSUPPORTED_EXPECTATION));
        List<Integer> statuses = new ArrayList<>();
        for (Case c : cases) {
            try (RawClient client = RawClient.connect(problems.port())) {
                RawResponse response = client.send(c.input()).readResponse();

                assertProblem(response, c.error().status(), c.error().message(), null);
                assertClosedAfter(response, client);
                statuses.add(response.status());
            }
        }
        assertThat(statuses).containsExactly(400, 414, 431, 505, 501, 501, 417);
    }

    @Test
    void a408ForAHeadThatDoesNotArriveInTime() throws Exception {
        try (RawClient c = RawClient.connect(problems.port())) {
            c.send("GET /ok HTTP/1.1\r\nHost: test\r\nX-Half: ");

            RawResponse response = c.readResponse();

            assertProblem(response, 408, "Request head not received within the header timeout", null);
            assertClosedAfter(response, c);
        }
    }

    @Test
    void a503PastTheConnectionLimitKeepsRetryAfter() throws Exception {
        try (Server server = new App().problemDetails(true).get("/ok", r -> Response.text("ok"))
                .start(Requests.localServer().maxConnections(1).build());
             RawClient held = RawClient.connect(server.port())) {
            assertThat(held.send(Requests.get("/ok")).readResponse().status()).isEqualTo(200);
            try (RawClient extra = RawClient.connect(server.port())) {
                RawResponse response = extra.readResponse();

                assertProblem(response, 503, "Too many connections: try again later", null);
                assertThat(response.header("Retry-After")).hasValue("1");
                assertClosedAfter(response, extra);
            }
        }
    }

    // ---- hooks that fail or answer nothing: the problem, not the plain text ----

    @Test
    void aSilentErrorHandlerOrAFailingRejectionHookLeavesTheProblem() throws Exception {
        try (RawClient c = RawClient.connect(broken.port())) {
            RawResponse response = c.send(oversizedHead("POST")).readResponse();

            assertProblem(response, 413, "Request body larger than " + BODY_LIMIT + " bytes", "/body");
            assertClosedAfter(response, c);
        }
        try (RawClient c = RawClient.connect(broken.port())) {
            RawResponse response = c.send(tooManyHeaders()).readResponse();

            assertProblem(response, 431, ParseError.TOO_MANY_HEADERS.message(), null);
            assertClosedAfter(response, c);
        }
    }
}
