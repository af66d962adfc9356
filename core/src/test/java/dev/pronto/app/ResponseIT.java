package dev.pronto.app;

import dev.pronto.App;
import dev.pronto.Cookie;
import dev.pronto.Response;
import dev.pronto.Server;
import dev.pronto.Status;
import dev.pronto.it.RawClient;
import dev.pronto.it.RawResponse;
import dev.pronto.it.Requests;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What a client receives for the {@link Response}s a handler builds: any status from 200 to 599, bodies and content
 * types, repeated headers, cookies, redirects; and that no value can inject a header, neither when it is set nor over
 * the wire.
 */
@Timeout(30)
class ResponseIT {
    private static final byte[] BINARY = binary(20_000); // larger than the bodies the engine copies
    private static final String LARGE_TEXT = "0123456789abcdef".repeat(64 * 1024); // 1 MiB
    private static final Instant EXPIRES = Instant.parse("2030-01-02T03:04:05Z");

    /** Attempts to break out of a header; each must throw when the response is built. */
    private static final Map<String, Runnable> INJECTIONS = new LinkedHashMap<>();

    static {
        Response base = Response.text("x");
        INJECTIONS.put("header-name", () -> base.withHeader("X-A\r\nX-Evil", "1"));
        INJECTIONS.put("header-value-crlf", () -> base.withHeader("X-A", "1\r\nX-Evil: 1"));
        INJECTIONS.put("header-value-lf", () -> base.withHeader("X-A", "1\nX-Evil: 1"));
        INJECTIONS.put("header-value-cr", () -> base.withHeader("X-A", "1\rX-Evil: 1"));
        INJECTIONS.put("header-value-nul", () -> base.withHeader("X-A", "1\u0000"));
        INJECTIONS.put("header-value-wide", () -> base.withHeader("X-A", "\u0d0a")); // would lose its high byte
        INJECTIONS.put("cookie-name", () -> base.withCookie(Cookie.of("a\r\nX-Evil", "1")));
        INJECTIONS.put("cookie-value", () -> base.withCookie(Cookie.of("a", "1\r\nX-Evil: 1")));
        INJECTIONS.put("cookie-path", () -> base.withCookie(Cookie.of("a", "1").withPath("/\r\nX-Evil: 1")));
        INJECTIONS.put("cookie-domain", () -> base.withCookie(Cookie.of("a", "1").withDomain("x\r\nX-Evil: 1")));
        INJECTIONS.put("redirect", () -> Response.redirect("/next\r\nX-Evil: 1"));
        INJECTIONS.put("redirect-301", () -> Response.redirect(301, "/next\nX-Evil: 1"));
        INJECTIONS.put("content-type", () -> base.withContentType("text/html\r\nX-Evil: 1"));
        INJECTIONS.put("text-content-type", () -> Response.text("x", "text/csv\r\nX-Evil: 1",
                StandardCharsets.UTF_8));
    }

    private static Server server;

    @BeforeAll
    static void start() {
        App app = new App()
                .get("/status/{code}", r -> Response.status(Integer.parseInt(r.pathParam("code"))))
                .get("/status-text/{code}", r -> Response.text(Integer.parseInt(r.pathParam("code")), "body"))
                .get("/text", r -> Response.text("héllo €"))
                .get("/html", r -> Response.html("<p>héllo</p>"))
                .get("/bytes", r -> Response.bytes(BINARY))
                .get("/small-bytes", r -> Response.bytes(new byte[] {0, 1, 2, (byte) 0xff, '\r', '\n'}))
                .get("/csv", r -> Response.text("a;é", "text/csv", StandardCharsets.ISO_8859_1))
                .get("/png", r -> Response.bytes(new byte[] {(byte) 0x89, 'P', 'N', 'G'}).withContentType("image/png"))
                .get("/large", r -> Response.text(LARGE_TEXT))
                .get("/created", r -> Response.text(201, "made").withHeader("Location", "/things/1"))
                .get("/headers", r -> Response.text("h").withHeader("X-A", "1").withHeader("x-b", "tab\tand é")
                        .withHeader("X-A", "2"))
                .get("/huge-header", r -> Response.text("h").withHeader("X-Huge", "v".repeat(300_000)))
                .get("/huge-type", r -> Response.text("t").withContentType("text/plain; p=" + "v".repeat(300_000)))
                .get("/cookies", r -> Response.text("c")
                        .withCookie(Cookie.of("session", "abc").withPath("/").withDomain("example.com")
                                .withMaxAge(Duration.ofHours(1)).withExpires(EXPIRES).secure().httpOnly()
                                .withSameSite(Cookie.SameSite.STRICT))
                        .withCookie(Cookie.of("theme", "\"dark\"").withSameSite(Cookie.SameSite.LAX))
                        .withCookie(Cookie.delete("old").withPath("/app")))
                .get("/redirect/{code}", r -> Response.redirect(Integer.parseInt(r.pathParam("code")),
                        "https://example.com/next?from=" + r.pathParam("code")))
                .get("/found", r -> Response.redirect("/elsewhere"))
                .get("/inject/{what}", r -> {
                    INJECTIONS.get(r.pathParam("what")).run();
                    return Response.text("not refused: " + r.pathParam("what"));
                });
        server = app.start(Requests.localServer().build());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    // ---- statuses ----

    @Test
    void everyFinalStatusFrom200To599IsSentWithItsPhraseOnOneConnection() throws Exception {
        // 1xx are interim: one cannot be a final answer (StagesIT: it becomes a 500).
        StringBuilder pipeline = new StringBuilder();
        for (int code = 200; code <= 599; code++) {
            pipeline.append(Requests.get("/status/" + code));
        }
        try (RawClient c = RawClient.connect(server.port())) {
            List<RawResponse> responses = c.send(pipeline.toString()).readResponses(400);

            for (int code = 200; code <= 599; code++) {
                RawResponse r = responses.get(code - 200);
                assertThat(r.status()).as("status").isEqualTo(code);
                assertThat(r.reason()).as("reason of %d", code).isEqualTo(Status.reasonPhrase(code)).isNotBlank();
                assertThat(r.closes()).as("%d closes the connection", code).isFalse();
                assertThat(r.body()).as("body of %d", code).isEmpty();
                boolean hasBody = code != 204 && code != 304;
                assertThat(r.header("Content-Length")).as("Content-Length of %d", code)
                        .isEqualTo(hasBody ? java.util.Optional.of("0") : java.util.Optional.empty());
            }
            assertThat(c.send(Requests.get("/text")).readResponse().status()).isEqualTo(200);
        }
    }

    @Test
    void unregisteredStatusesGetTheGenericPhraseOfTheirClass() throws Exception {
        Map<Integer, String> expected = Map.of(299, "Success", 399, "Redirection", 432, "Client Error",
                599, "Server Error", 418, "I'm a teapot", 422, "Unprocessable Content");
        try (RawClient c = RawClient.connect(server.port())) {
            for (Map.Entry<Integer, String> e : expected.entrySet()) {
                RawResponse r = c.send(Requests.get("/status-text/" + e.getKey())).readResponse();
                assertThat(r.status()).isEqualTo(e.getKey());
                assertThat(r.reason()).isEqualTo(e.getValue());
                assertThat(r.bodyText()).isEqualTo("body");
            }
        }
    }

    // ---- bodies and content types ----

    @Test
    void textHtmlAndBytesBodiesWithTheirContentTypes() throws Exception {
        try (RawClient c = RawClient.connect(server.port())) {
            RawResponse text = c.send(Requests.get("/text")).readResponse();
            assertThat(text.header("Content-Type")).contains("text/plain; charset=utf-8");
            assertThat(text.header("Content-Length")).contains("10");
            assertThat(text.body()).isEqualTo("héllo €".getBytes(StandardCharsets.UTF_8));

            RawResponse html = c.send(Requests.get("/html")).readResponse();
            assertThat(html.header("Content-Type")).contains("text/html; charset=utf-8");
            assertThat(html.bodyText()).isEqualTo("<p>héllo</p>");

            RawResponse bytes = c.send(Requests.get("/bytes")).readResponse();
            assertThat(bytes.header("Content-Type")).contains("application/octet-stream");
            assertThat(bytes.body()).isEqualTo(BINARY);

            RawResponse small = c.send(Requests.get("/small-bytes")).readResponse();
            assertThat(small.body()).containsExactly(0, 1, 2, 0xff, '\r', '\n');

            RawResponse csv = c.send(Requests.get("/csv")).readResponse();
            assertThat(csv.header("Content-Type")).contains("text/csv; charset=iso-8859-1");
            assertThat(csv.body()).isEqualTo("a;é".getBytes(StandardCharsets.ISO_8859_1));

            RawResponse png = c.send(Requests.get("/png")).readResponse();
            assertThat(png.headers("Content-Type")).containsExactly("image/png");
            assertThat(png.body()).containsExactly(0x89, 'P', 'N', 'G');

            RawResponse large = c.send(Requests.get("/large")).readResponse();
            assertThat(large.bodyText()).isEqualTo(LARGE_TEXT);

            RawResponse created = c.send(Requests.get("/created")).readResponse();
            assertThat(created.status()).isEqualTo(201);
            assertThat(created.header("Location")).contains("/things/1");
            assertThat(created.bodyText()).isEqualTo("made");
        }
    }

    @Test
    void serverManagedFieldsAppearOnce() throws Exception {
        try (RawClient c = RawClient.connect(server.port())) {
            RawResponse r = c.send(Requests.get("/headers")).readResponse();

            assertThat(r.headers("Content-Length")).containsExactly("1");
            assertThat(r.headers("Content-Type")).containsExactly("text/plain; charset=utf-8");
            assertThat(r.headers("Date")).hasSize(1);
            assertThat(r.headers("Connection")).isEmpty();
        }
    }

    // ---- headers ----

    @Test
    void repeatedHeaderNamesAreSentAsSeparateFieldsInOrder() throws Exception {
        try (RawClient c = RawClient.connect(server.port())) {
            RawResponse r = c.send(Requests.get("/headers")).readResponse();

            assertThat(r.headers("X-A")).containsExactly("1", "2");
            assertThat(r.headers()).extracting(RawResponse.Header::name).contains("x-b"); // the name as given
            assertThat(r.header("X-B")).contains("tab\tand é"); // HTAB and Latin-1 are field-value bytes
        }
    }

    @Test
    void headerLargerThanTheWriteBatchIsSentWhole() throws Exception {
        try (RawClient c = RawClient.connect(server.port())) {
            RawResponse r = c.send(Requests.get("/huge-header")).readResponse();

            assertThat(r.header("X-Huge")).contains("v".repeat(300_000));
            assertThat(r.bodyText()).isEqualTo("h");
            assertThat(c.send(Requests.get("/text")).readResponse().status()).isEqualTo(200);
        }
    }

    @Test
    void contentTypeLargerThanTheWriteBatchIsSentWhole() throws Exception {
        try (RawClient c = RawClient.connect(server.port())) {
            // Connection: close, so that whatever the server sends can be read to its end and shown.
            String raw = c.send(Requests.get("/huge-type", "Connection: close")).readUntilClosed().text();

            String start = raw.substring(0, Math.min(raw.length(), 40));
            assertThat(start).as("the first bytes of %d sent", raw.length()).startsWith("HTTP/1.1 200 OK\r\n");
            assertThat(raw.contains("\r\nContent-Type: text/plain; p=" + "v".repeat(300_000) + "\r\n"))
                    .as("Content-Type sent whole").isTrue();
            assertThat(raw.substring(raw.length() - 5)).isEqualTo("\r\n\r\nt");
        }
    }

    @Test
    void cookiesAreSentAsOneSetCookieFieldEachWithEveryAttribute() throws Exception {
        try (RawClient c = RawClient.connect(server.port())) {
            RawResponse r = c.send(Requests.get("/cookies")).readResponse();

            assertThat(r.headers("Set-Cookie")).containsExactly(
                    "session=abc; Path=/; Domain=example.com; Max-Age=3600; Expires=Wed, 02 Jan 2030 03:04:05 GMT;"
                            + " Secure; HttpOnly; SameSite=Strict",
                    "theme=\"dark\"; SameSite=Lax",
                    "old=; Path=/app; Max-Age=0");
        }
    }

    @Test
    void sameSiteNoneWithoutSecureIsRefused() {
        Cookie insecure = Cookie.of("a", "1").withSameSite(Cookie.SameSite.NONE);

        assertThatThrownBy(() -> Response.text("x").withCookie(insecure)).isInstanceOf(IllegalStateException.class);
        assertThat(Response.text("x").withCookie(insecure.secure()).headers())
                .containsExactly(Map.entry("Set-Cookie", "a=1; Secure; SameSite=None"));
    }

    // ---- redirects ----

    @Test
    void redirectsCarryStatusAndLocationWithoutBody() throws Exception {
        try (RawClient c = RawClient.connect(server.port())) {
            for (int code : new int[] {301, 302, 303, 307, 308}) {
                RawResponse r = c.send(Requests.get("/redirect/" + code)).readResponse();
                assertThat(r.status()).isEqualTo(code);
                assertThat(r.reason()).isEqualTo(Status.reasonPhrase(code));
                assertThat(r.headers("Location")).containsExactly("https://example.com/next?from=" + code);
                assertThat(r.header("Content-Length")).contains("0");
                assertThat(r.body()).isEmpty();
            }
            RawResponse found = c.send(Requests.get("/found")).readResponse();
            assertThat(found.status()).isEqualTo(302);
            assertThat(found.header("Location")).contains("/elsewhere");
        }
        for (int notRedirect : new int[] {200, 300, 304, 404}) {
            assertThatThrownBy(() -> Response.redirect(notRedirect, "/x")).isInstanceOf(IllegalArgumentException.class);
        }
    }

    // ---- header injection ----

    @Test
    void everyWayToInjectAHeaderIsRefusedWhenSet() {
        INJECTIONS.forEach((what, attempt) ->
                assertThatThrownBy(attempt::run).as(what).isInstanceOf(IllegalArgumentException.class));
    }

    @Test
    void handlerThatTriesToInjectGets500AndTheConnectionStaysClean() throws Exception {
        StringBuilder pipeline = new StringBuilder();
        for (String what : INJECTIONS.keySet()) {
            pipeline.append(Requests.get("/inject/" + what)).append(Requests.get("/text"));
        }
        try (RawClient c = RawClient.connect(server.port())) {
            List<RawResponse> responses = c.send(pipeline.toString()).readResponses(2 * INJECTIONS.size());

            int i = 0;
            for (String what : INJECTIONS.keySet()) {
                RawResponse refused = responses.get(i++);
                assertThat(refused.status()).as(what).isEqualTo(500);
                assertThat(refused.bodyText()).as(what).isEqualTo("Internal Server Error\n");
                assertThat(refused.header("X-Evil")).as(what).isEmpty();
                RawResponse next = responses.get(i++);
                assertThat(next.status()).as("after %s", what).isEqualTo(200);
                assertThat(next.bodyText()).as("after %s", what).isEqualTo("héllo €");
                assertThat(next.header("X-Evil")).as("after %s", what).isEmpty();
            }
        }
    }

    private static byte[] binary(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i * 31 + (i >> 8));
        }
        return b;
    }
}
