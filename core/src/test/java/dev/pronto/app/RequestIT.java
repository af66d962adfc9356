package dev.pronto.app;

import dev.pronto.App;
import dev.pronto.Extension;
import dev.pronto.FilePart;
import dev.pronto.Handler;
import dev.pronto.Params;
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

import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import static dev.pronto.it.Requests.ascii;
import static dev.pronto.it.Requests.concat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What a handler reads from a {@link Request} sent over a real socket: target and query, headers, body views (text,
 * forms, multipart files), content type, cookies, host, peer, keep-alive, route, extensions and completion callbacks.
 * Most tests install a probe, a function of the request whose result the handler hands back to the test thread.
 */
@Timeout(30)
class RequestIT {
    private static final long WAIT_SECONDS = 5;

    /** What the {@code /probe} routes compute; set by each test before it sends its request. */
    private static volatile Function<Request, Object> probe = r -> "no probe";
    private static final BlockingQueue<Object> probed = new LinkedBlockingQueue<>();

    /** Extension computations per name and {@code X-Id}, to prove each runs once per request. */
    private static final Map<String, AtomicInteger> computed = new ConcurrentHashMap<>();
    private static final Extension<String> USER = Extension.of(r -> "user-" + count("user", r));
    private static final Extension<String> ROLE = Extension.of(r -> "role-" + count("role", r));
    /** Computed from another extension, as a user is from a session. */
    private static final Extension<String> GREETING =
            Extension.of(r -> "hello " + r.get(USER) + " #" + count("greeting", r));

    /** Completion callbacks and held async answers, by {@code X-Id}. */
    private static final Map<String, BlockingQueue<Boolean>> completions = new ConcurrentHashMap<>();
    private static final Map<String, CompletableFuture<Response>> held = new ConcurrentHashMap<>();
    private static final BlockingQueue<String> entered = new LinkedBlockingQueue<>();
    private static final BlockingQueue<String> interrupted = new LinkedBlockingQueue<>();

    private static Server server;

    @BeforeAll
    static void start() {
        Handler probeHandler = RequestIT::answerProbe;
        App app = new App()
                .route("/probe", probeHandler)
                .route("/probe/{a}/{b}", probeHandler)
                .get("/probe-async/{a}", Handler.async(r -> CompletableFuture.supplyAsync(() -> answerProbe(r))))
                .get("/probe-blocking/{a}", Handler.blocking(probeHandler))
                .before(r -> {
                    if (r.path().startsWith("/ext/")) {
                        r.get(USER); // the handler reads it again: still one computation
                    }
                    return null;
                })
                .get("/ext/plain", r -> Response.text(r.get(USER) + " " + r.get(ROLE) + " " + r.get(USER) + " "
                        + r.get(ROLE)))
                .get("/ext/async", Handler.async(r -> CompletableFuture.supplyAsync(
                        () -> Response.text(r.get(USER) + " " + r.get(ROLE) + " " + r.get(USER)))))
                .get("/ext/blocking", Handler.blocking(r -> Response.text(r.get(USER) + " " + r.get(ROLE) + " "
                        + r.get(USER))))
                .get("/nested", r -> Response.text(r.get(GREETING) + " / " + r.get(USER)))
                .get("/done/plain", r -> {
                    r.onComplete(completionOf(r));
                    return Response.text("plain done");
                })
                .get("/done/async", Handler.async(r -> {
                    r.onComplete(completionOf(r));
                    return CompletableFuture.supplyAsync(() -> Response.text("async done"));
                }))
                .get("/done/blocking", Handler.blocking(r -> {
                    r.onComplete(completionOf(r));
                    return Response.text("blocking done");
                }))
                .get("/done/plain-entered", r -> {
                    r.onComplete(completionOf(r));
                    entered.add(id(r));
                    return Response.text("plain done, queued behind a held answer");
                })
                .get("/done/held-async", Handler.async(r -> {
                    r.onComplete(completionOf(r));
                    String id = id(r);
                    entered.add(id);
                    return held.computeIfAbsent(id, k -> new CompletableFuture<>());
                }))
                .get("/done/held-blocking", Handler.blocking(r -> {
                    r.onComplete(completionOf(r));
                    String id = id(r);
                    entered.add(id);
                    try {
                        return held.computeIfAbsent(id, k -> new CompletableFuture<>()).get();
                    } catch (InterruptedException e) {
                        interrupted.add(id);
                        throw e;
                    }
                }));
        server = app.start(Requests.localServer().build());
    }

    @AfterAll
    static void stop() {
        held.values().forEach(f -> f.complete(Response.text("released at the end")));
        server.close();
    }

    @BeforeEach
    void clear() {
        probed.clear();
    }

    // ---- target and query ----

    @Test
    void queryIsAbsentWithoutQuestionMarkAndEmptyWithOne() throws Exception {
        assertThat(probe(Request::query, Requests.get("/probe"))).isEqualTo(Optional.empty());
        assertThat(probe(Request::query, Requests.get("/probe?"))).isEqualTo(Optional.of(""));
        assertThat(probe(Request::queryParams, Requests.get("/probe?"))).isEqualTo(Params.empty());
        assertThat(probe(Request::query, Requests.get("/probe?a=%20b+c"))).isEqualTo(Optional.of("a=%20b+c"));
        assertThat(probe(r -> r.path() + " " + r.target(), Requests.get("/probe?x=1")))
                .isEqualTo("/probe /probe?x=1");
    }

    @Test
    void queryParamsAreDecodedMultiValuedAndInOrder() throws Exception {
        Params p = (Params) probe(Request::queryParams,
                Requests.get("/probe?tag=a+b&q=%20x%20&tag=c%2Bd&tag=%C3%A9t%C3%A9&flag&empty=&&=v"));

        assertThat(p.all("tag")).containsExactly("a b", "c+d", "été");
        assertThat(p.first("q")).contains(" x ");
        assertThat(p.first("flag")).contains("");
        assertThat(p.first("empty")).contains("");
        assertThat(p.first("")).contains("v");
        assertThat(p.names()).containsExactly("tag", "q", "flag", "empty", "");
        assertThat(p.first("missing")).isEmpty();
    }

    @Test
    void invalidPercentEscapeInQueryIs400AndConnectionGoesOn() throws Exception {
        probe = Request::queryParams;
        try (RawClient c = RawClient.connect(server.port())) {
            for (String bad : new String[] {"/probe?a=%ZZ", "/probe?a=%4", "/probe?%=1", "/probe?a=1&b=%G0"}) {
                RawResponse r = c.send(Requests.get(bad)).readResponse();
                assertThat(r.status()).as(bad).isEqualTo(400);
                assertThat(r.bodyText()).as(bad).contains("percent");
            }
            assertThat(c.send(Requests.get("/probe?a=%41")).readResponse().bodyText()).isEqualTo("Params{a=[A]}");
        }
    }

    // ---- headers ----

    @Test
    void headersAreCaseInsensitiveMultiValuedAndTrimmed() throws Exception {
        String request = Requests.get("/probe", "X-Multi: one", "x-multi:two", "X-MULTI:   three  ", "Accept: */*");

        assertThat(probe(r -> r.header("x-mUlTi"), request)).isEqualTo(Optional.of("one"));
        assertThat(probe(r -> r.headers("X-MULTI"), request)).isEqualTo(List.of("one", "two", "three"));
        assertThat(probe(r -> r.headers("X-Absent"), request)).isEqualTo(List.of());
        assertThat(probe(r -> r.header("X-Absent"), request)).isEqualTo(Optional.empty());
        assertThat(probe(Request::headerNames, request))
                .isEqualTo(List.of("Host", "X-Multi", "x-multi", "X-MULTI", "Accept"));
    }

    @Test
    void headerMapIsCaseInsensitiveImmutableAndKeepsEveryValue() throws Exception {
        @SuppressWarnings("unchecked")
        Map<String, List<String>> map = (Map<String, List<String>>) probe(Request::headerMap,
                Requests.get("/probe", "X-Multi: one", "x-multi: two", "Accept: */*"));

        assertThat(map.get("X-MULTI")).containsExactly("one", "two");
        assertThat(map.get("x-multi")).containsExactly("one", "two");
        assertThat(map.get("host")).containsExactly("test");
        assertThat(map.get("ACCEPT")).containsExactly("*/*");
        assertThat(map).hasSize(3);
        assertThat(map.containsKey("X-Absent")).isFalse();
        assertThatThrownBy(() -> map.put("X-New", List.of("v"))).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> map.get("X-Multi").add("v")).isInstanceOf(UnsupportedOperationException.class);
    }

    // ---- bodies ----

    @Test
    void bodyBytesArriveExactly() throws Exception {
        byte[] body = new byte[512];
        for (int i = 0; i < body.length; i++) {
            body[i] = (byte) i;
        }
        Object seen = probe(r -> List.of(r.body(), r.bodyLength()), Requests.post("/probe", body));

        assertThat(((List<?>) seen).get(0)).isEqualTo(body);
        assertThat(((List<?>) seen).get(1)).isEqualTo(512);
        assertThat(probe(r -> r.body().length + " " + r.text().isEmpty(), Requests.get("/probe"))).isEqualTo("0 true");
    }

    @Test
    void textIsDecodedWithTheDeclaredCharsetElseUtf8() throws Exception {
        byte[] latin1 = "café ünïcode".getBytes(StandardCharsets.ISO_8859_1);
        byte[] utf8 = "café ünïcode €".getBytes(StandardCharsets.UTF_8);

        assertThat(probe(Request::text, post("/probe", "text/plain; charset=ISO-8859-1", latin1)))
                .isEqualTo("café ünïcode");
        assertThat(probe(Request::text, post("/probe", "text/plain", utf8))).isEqualTo("café ünïcode €");
        assertThat(probe(Request::text, postWithoutType("/probe", utf8))).isEqualTo("café ünïcode €");
        assertThat(probe(Request::text, post("/probe", "text/plain; charset=\"utf-8\"", utf8)))
                .isEqualTo("café ünïcode €");
        assertThat(probe(Request::text, post("/probe", "text/plain; charset=x-no-such-charset", utf8)))
                .isEqualTo("café ünïcode €");
    }

    @Test
    void mimeTypeIsLowerCasedWithoutParametersAndCharsetIsParsed() throws Exception {
        byte[] body = ascii("x");
        Function<Request, Object> both = r -> r.mimeType().orElse("none") + " | " + r.charset().map(Object::toString)
                .orElse("none");

        assertThat(probe(both, post("/probe", "Text/HTML ; Charset=\"ISO-8859-1\"", body)))
                .isEqualTo("text/html | ISO-8859-1");
        assertThat(probe(both, post("/probe", "application/json", body))).isEqualTo("application/json | none");
        assertThat(probe(both, post("/probe", "text/plain; charset=nonsense", body))).isEqualTo("text/plain | none");
        assertThat(probe(both, postWithoutType("/probe", body))).isEqualTo("none | none");
    }

    @Test
    void urlencodedFormIsDecoded() throws Exception {
        byte[] body = ascii("a=1&b=x+y&a=%C3%A9t%C3%A9&empty=&flag&c=%2B%26%3D");
        Params form = (Params) probe(Request::form, post("/probe", "application/x-www-form-urlencoded", body));

        assertThat(form.all("a")).containsExactly("1", "été");
        assertThat(form.first("b")).contains("x y");
        assertThat(form.first("empty")).contains("");
        assertThat(form.first("flag")).contains("");
        assertThat(form.first("c")).contains("+&=");
        assertThat(form.names()).containsExactly("a", "b", "empty", "flag", "c");
        assertThat(probe(r -> r.files().size(), post("/probe", "application/x-www-form-urlencoded", body)))
                .isEqualTo(0);
        assertThat(probe(Request::form, post("/probe", "Application/X-WWW-Form-Urlencoded; charset=UTF-8",
                ascii("k=v")))).isEqualTo(Params.builder().add("k", "v").build());
        assertThat(probe(Request::form, post("/probe", "application/json", ascii("k=v")))).isEqualTo(Params.empty());
    }

    @Test
    void urlencodedFormDecodesUnescapedUtf8AsUtf8() throws Exception {
        // WHATWG URL §5.1: the body is bytes; bytes that were not percent-encoded are decoded as UTF-8 like the rest.
        byte[] body = concat(ascii("name="), "été".getBytes(StandardCharsets.UTF_8), ascii("&escaped=%C3%A9t%C3%A9"));
        Params form = (Params) probe(Request::form, post("/probe", "application/x-www-form-urlencoded", body));

        assertThat(form.first("escaped")).contains("été");
        assertThat(form.first("name")).contains("été");
    }

    @Test
    void multipartFormGivesTextFieldsAndTwoFilesByteForByte() throws Exception {
        String boundary = "----pronto-7MA4YWxkTrZu0gW";
        byte[] small = new byte[600];
        for (int i = 0; i < small.length; i++) {
            small[i] = (byte) i;
        }
        small[300] = '\r'; // a CRLF and dashes inside the content, short of the delimiter
        small[301] = '\n';
        small[302] = '-';
        small[303] = '-';
        byte[] large = new byte[150_000]; // spans several reads
        new Random(42).nextBytes(large);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(ascii("--" + boundary + "\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\n"));
        body.writeBytes("Hello été".getBytes(StandardCharsets.UTF_8));
        body.writeBytes(ascii("\r\n--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"first\"; filename=\"a.bin\"\r\n\r\n"));
        body.writeBytes(small);
        body.writeBytes(ascii("\r\n--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"second\"; filename=\"b.png\"\r\n"
                + "Content-Type: image/png\r\n\r\n"));
        body.writeBytes(large);
        body.writeBytes(ascii("\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nagain"
                + "\r\n--" + boundary + "--\r\n"));
        byte[] request = post("/probe", "multipart/form-data; boundary=" + boundary, body.toByteArray());

        List<?> seen = (List<?>) probe(r -> List.of(r.form(), r.files(), r.mimeType().orElseThrow()), request);

        Params form = (Params) seen.get(0);
        assertThat(form.all("title")).containsExactly("Hello été", "again");
        assertThat(form.names()).containsExactly("title");
        @SuppressWarnings("unchecked")
        List<FilePart> files = (List<FilePart>) seen.get(1);
        assertThat(files).hasSize(2);
        assertThat(files.get(0).field()).isEqualTo("first");
        assertThat(files.get(0).filename()).isEqualTo("a.bin");
        assertThat(files.get(0).contentType()).isEqualTo("application/octet-stream");
        assertThat(files.get(0).bytes()).isEqualTo(small);
        assertThat(files.get(1).field()).isEqualTo("second");
        assertThat(files.get(1).filename()).isEqualTo("b.png");
        assertThat(files.get(1).contentType()).isEqualTo("image/png");
        assertThat(files.get(1).size()).isEqualTo(large.length);
        assertThat(files.get(1).bytes()).isEqualTo(large);
        assertThat(seen.get(2)).isEqualTo("multipart/form-data");
    }

    @Test
    void malformedMultipartIs400() throws Exception {
        probe = Request::files;
        byte[] noClose = ascii("--b\r\nContent-Disposition: form-data; name=\"x\"\r\n\r\nvalue");
        try (RawClient c = RawClient.connect(server.port())) {
            assertThat(c.send(post("/probe", "multipart/form-data; boundary=b", noClose)).readResponse().status())
                    .isEqualTo(400);
            assertThat(c.send(post("/probe", "multipart/form-data", noClose)).readResponse().status())
                    .isEqualTo(400);
        }
    }

    // ---- cookies, host, peer, keep-alive ----

    @Test
    void cookiesOfSeveralHeadersAreParsedAndUnquoted() throws Exception {
        String request = Requests.get("/probe", "Cookie: a=1; b=\"quoted\";c=; d = spaced ",
                "Cookie: e=5; a=second");

        assertThat(probe(Request::cookies, request))
                .isEqualTo(Map.of("a", "1", "b", "quoted", "c", "", "d", "spaced", "e", "5"));
        assertThat(probe(r -> r.cookie("b").orElseThrow() + r.cookie("B").isPresent(), request))
                .isEqualTo("quotedfalse");
        assertThat(probe(Request::cookies, Requests.get("/probe"))).isEqualTo(Map.of());
    }

    @Test
    void hostNameAndPortComeFromTheHostHeader() throws Exception {
        Function<Request, Object> host = r -> r.hostName().orElse("none") + " " + r.hostPort();

        assertThat(probe(host, hostRequest("[::1]:8080"))).isEqualTo("::1 " + OptionalInt.of(8080));
        assertThat(probe(host, hostRequest("[::1]"))).isEqualTo("::1 " + OptionalInt.empty());
        assertThat(probe(host, hostRequest("Example.COM:443"))).isEqualTo("example.com " + OptionalInt.of(443));
        assertThat(probe(host, hostRequest("localhost"))).isEqualTo("localhost " + OptionalInt.empty());
        assertThat(probe(host, hostRequest("127.0.0.1:1"))).isEqualTo("127.0.0.1 " + OptionalInt.of(1));
        assertThat(probe(host, "GET /probe HTTP/1.0\r\n\r\n")).isEqualTo("none " + OptionalInt.empty());
    }

    @Test
    void hostOfAnAbsoluteFormTargetWinsOverTheHostHeader() throws Exception {
        // RFC 9112 §3.2.2: with an absolute-form target the server MUST ignore Host and use the target's authority.
        String request = "GET http://example.com:9000/probe HTTP/1.1\r\nHost: other.test\r\n\r\n";

        assertThat(probe(r -> r.path() + " " + r.hostName().orElse("none") + " " + r.hostPort(), request))
                .isEqualTo("/probe example.com " + OptionalInt.of(9000));
    }

    @Test
    void remoteAddressIsTheClientsSocket() throws Exception {
        probe = r -> r.remoteAddress();
        try (RawClient c = RawClient.connect(server.port())) {
            assertThat(c.send(Requests.get("/probe")).readResponse().status()).isEqualTo(200);
            InetSocketAddress remote = (InetSocketAddress) probed.poll(WAIT_SECONDS, TimeUnit.SECONDS);
            assertThat(remote).isNotNull();
            assertThat(remote.getAddress().getHostAddress()).isEqualTo("127.0.0.1");
            assertThat(remote.getPort()).isEqualTo(c.socket().getLocalPort());
        }
    }

    @Test
    void keepAliveFollowsVersionAndConnectionHeader() throws Exception {
        Function<Request, Object> keep = r -> r.version() + " " + r.keepAlive();
        String v10 = "GET /probe HTTP/1.0\r\nHost: test\r\n\r\n";
        String v10KeepAlive = "GET /probe HTTP/1.0\r\nHost: test\r\nConnection: keep-alive\r\n\r\n";
        String v11Close = "GET /probe HTTP/1.1\r\nHost: test\r\nConnection: close\r\n\r\n";

        assertThat(probe(keep, v10)).isEqualTo("HTTP/1.0 false");
        assertThat(probe(keep, v10KeepAlive)).isEqualTo("HTTP/1.0 true");
        assertThat(probe(keep, Requests.get("/probe"))).isEqualTo("HTTP/1.1 true");
        assertThat(probe(keep, v11Close)).isEqualTo("HTTP/1.1 false");
        probe = keep;
        try (RawClient c = RawClient.connect(server.port())) {
            RawResponse first = c.send(v10KeepAlive).readResponse();
            assertThat(first.header("Connection")).contains("keep-alive");
            RawResponse second = c.send(v10).readResponse(); // same connection: it was kept
            assertThat(second.bodyText()).isEqualTo("HTTP/1.0 false");
            assertThat(second.closes()).isTrue();
            assertThat(c.readUntilClosed().bytes()).isEmpty();
        }
    }

    // ---- route and path parameters, in every kind of handler ----

    @Test
    void pathParamsAndRouteInPlainAsyncAndBlockingHandlers() throws Exception {
        Function<Request, Object> route = r -> r.route().orElse("none") + " " + r.pathParams();

        assertThat(probe(route, Requests.get("/probe/x%20y/%C3%A9"))).isEqualTo("/probe/{a}/{b} {a=x y, b=é}");
        assertThat(probe(route, Requests.get("/probe"))).isEqualTo("/probe {}");
        assertThat(probe(route, Requests.get("/probe-async/1"))).isEqualTo("/probe-async/{a} {a=1}");
        assertThat(probe(route, Requests.get("/probe-blocking/2"))).isEqualTo("/probe-blocking/{a} {a=2}");
        assertThat(probe(r -> r.pathParam("b"), Requests.get("/probe/1/two"))).isEqualTo("two");
        probe = r -> r.pathParam("nope");
        try (RawClient c = RawClient.connect(server.port())) {
            assertThat(c.send(Requests.get("/probe/1/2")).readResponse().status()).isEqualTo(500); // no such name
        }
    }

    @Test
    void asyncAndBlockingHandlersSeeTheirOwnRequestWhilePipelined() throws Exception {
        probe = r -> r.pathParam("a") + " " + r.header("X-N").orElseThrow() + " " + r.queryParams().first("q")
                .orElseThrow();
        StringBuilder pipeline = new StringBuilder();
        for (int i = 0; i < 10; i++) {
            String kind = i % 2 == 0 ? "/probe-async/" : "/probe-blocking/";
            pipeline.append(Requests.get(kind + i + "?q=" + i, "X-N: " + i));
        }
        try (RawClient c = RawClient.connect(server.port())) {
            List<RawResponse> responses = c.send(pipeline.toString()).readResponses(10);
            for (int i = 0; i < 10; i++) {
                assertThat(responses.get(i).bodyText()).isEqualTo(i + " " + i + " " + i);
            }
        }
    }

    // ---- extensions ----

    @Test
    void extensionsAreComputedOncePerRequestAcrossFilterAndHandler() throws Exception {
        try (RawClient c = RawClient.connect(server.port())) {
            List<RawResponse> responses = c.send(Requests.get("/ext/plain", "X-Id: p1")
                    + Requests.get("/ext/plain", "X-Id: p2")).readResponses(2);

            assertThat(responses).extracting(RawResponse::bodyText)
                    .containsExactly("user-1 role-1 user-1 role-1", "user-1 role-1 user-1 role-1");
        }
        assertThat(computations("user", "p1")).isEqualTo(1);
        assertThat(computations("role", "p1")).isEqualTo(1);
        assertThat(computations("user", "p2")).as("the next request on the connection computes its own").isEqualTo(1);
        assertThat(computations("role", "p2")).isEqualTo(1);
    }

    @Test
    void extensionsAreComputedOnceInAsyncAndBlockingHandlers() throws Exception {
        try (RawClient c = RawClient.connect(server.port())) {
            List<RawResponse> responses = c.send(Requests.get("/ext/async", "X-Id: a1")
                    + Requests.get("/ext/blocking", "X-Id: b1") + Requests.get("/ext/async", "X-Id: a2"))
                    .readResponses(3);

            assertThat(responses).extracting(RawResponse::bodyText)
                    .containsOnly("user-1 role-1 user-1");
        }
        for (String id : new String[] {"a1", "b1", "a2"}) {
            assertThat(computations("user", id)).as("user of %s", id).isEqualTo(1);
            assertThat(computations("role", id)).as("role of %s", id).isEqualTo(1);
        }
    }

    @Test
    void extensionComputedFromAnotherExtensionLeavesBothComputedOnce() throws Exception {
        try (RawClient c = RawClient.connect(server.port())) {
            RawResponse r = c.send(Requests.get("/nested", "X-Id: n1")).readResponse();

            assertThat(r.status()).isEqualTo(200);
            assertThat(r.bodyText()).isEqualTo("hello user-1 #1 / user-1");
        }
        assertThat(computations("greeting", "n1")).isEqualTo(1);
        assertThat(computations("user", "n1")).as("the inner extension, read again after the outer").isEqualTo(1);
    }

    // ---- completion callbacks ----

    @Test
    void completionCallbackGetsTrueOnceTheResponseIsWritten() throws Exception {
        for (String kind : new String[] {"plain", "async", "blocking"}) {
            String id = "done-" + kind;
            try (RawClient c = RawClient.connect(server.port())) {
                RawResponse r = c.send(Requests.get("/done/" + kind, "X-Id: " + id)).readResponse();
                assertThat(r.bodyText()).isEqualTo(kind + " done");
            }
            assertThat(completion(id).poll(WAIT_SECONDS, TimeUnit.SECONDS)).as(kind).isTrue();
        }
    }

    @Test
    void completionCallbackGetsFalseWhenTheClientResetsBeforeAnAsyncAnswer() throws Exception {
        String id = "reset-async";
        RawClient c = RawClient.connect(server.port());
        c.send(Requests.get("/done/held-async", "X-Id: " + id));
        assertThat(entered.poll(WAIT_SECONDS, TimeUnit.SECONDS)).isEqualTo(id);
        abort(c);

        assertThat(completion(id).poll(WAIT_SECONDS, TimeUnit.SECONDS)).isFalse();
        held.get(id).complete(Response.text("too late")); // nobody to send it to: ignored
        try (RawClient next = RawClient.connect(server.port())) {
            assertThat(next.send(Requests.get("/done/plain", "X-Id: after-reset")).readResponse().status())
                    .isEqualTo(200);
        }
    }

    @Test
    void completionCallbackOfAResponseQueuedBehindAHeldOneGetsFalseOnReset() throws Exception {
        RawClient c = RawClient.connect(server.port());
        c.send(Requests.get("/done/held-async", "X-Id: held-first") + Requests.get("/done/plain-entered",
                "X-Id: queued-second"));
        assertThat(List.of(entered.poll(WAIT_SECONDS, TimeUnit.SECONDS), entered.poll(WAIT_SECONDS, TimeUnit.SECONDS)))
                .containsExactly("held-first", "queued-second");
        abort(c);

        assertThat(completion("held-first").poll(WAIT_SECONDS, TimeUnit.SECONDS)).isFalse();
        assertThat(completion("queued-second").poll(WAIT_SECONDS, TimeUnit.SECONDS))
                .as("the plain response was ready but never written").isFalse();
    }

    @Test
    void completionCallbackGetsFalseAndBlockingHandlerIsInterruptedWhenTheClientResets() throws Exception {
        String id = "reset-blocking";
        RawClient c = RawClient.connect(server.port());
        c.send(Requests.get("/done/held-blocking", "X-Id: " + id));
        assertThat(entered.poll(WAIT_SECONDS, TimeUnit.SECONDS)).isEqualTo(id);
        abort(c);

        assertThat(completion(id).poll(WAIT_SECONDS, TimeUnit.SECONDS)).isFalse();
        assertThat(interrupted.poll(WAIT_SECONDS, TimeUnit.SECONDS)).isEqualTo(id);
    }

    // ---- helpers ----

    private static Response answerProbe(Request r) {
        Object value = probe.apply(r);
        probed.add(value);
        return Response.text(String.valueOf(value));
    }

    /** Installs a probe, sends one request on a new connection, and returns what the probe computed. */
    private static Object probe(Function<Request, Object> f, String request) throws Exception {
        return probe(f, ascii(request));
    }

    private static Object probe(Function<Request, Object> f, byte[] request) throws Exception {
        probe = f;
        probed.clear();
        try (RawClient c = RawClient.connect(server.port())) {
            RawResponse r = c.send(request).readResponse();
            assertThat(r.status()).as("status of %s", r).isEqualTo(200);
        }
        Object value = probed.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        assertThat(value).as("probe result").isNotNull();
        return value;
    }

    private static byte[] post(String target, String contentType, byte[] body) {
        return concat(ascii("POST " + target + " HTTP/1.1\r\nHost: test\r\nContent-Type: " + contentType
                + "\r\nContent-Length: " + body.length + "\r\n\r\n"), body);
    }

    private static byte[] postWithoutType(String target, byte[] body) {
        return Requests.post(target, body);
    }

    private static String hostRequest(String host) {
        return "GET /probe HTTP/1.1\r\nHost: " + host + "\r\n\r\n";
    }

    /** Closes with a reset (SO_LINGER 0) rather than a FIN: the client is gone, not merely done sending. */
    private static void abort(RawClient c) throws Exception {
        c.socket().setSoLinger(true, 0);
        c.close();
    }

    private static String id(Request r) {
        return r.header("X-Id").orElse("none");
    }

    private static int count(String name, Request r) {
        return computed.computeIfAbsent(name + ":" + id(r), k -> new AtomicInteger()).incrementAndGet();
    }

    private static int computations(String name, String id) {
        AtomicInteger n = computed.get(name + ":" + id);
        return n == null ? 0 : n.get();
    }

    private static BlockingQueue<Boolean> completion(String id) {
        return completions.computeIfAbsent(id, k -> new LinkedBlockingQueue<>());
    }

    private static Request.CompletionCallback completionOf(Request r) {
        BlockingQueue<Boolean> q = completion(id(r));
        return q::add;
    }

}
