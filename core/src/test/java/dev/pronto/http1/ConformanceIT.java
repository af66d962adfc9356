package dev.pronto.http1;

import dev.pronto.Request;
import dev.pronto.Response;
import dev.pronto.Server;
import dev.pronto.http.Methods;
import dev.pronto.it.RawClient;
import dev.pronto.it.RawResponse;
import dev.pronto.parser.ConformanceCorpus;
import dev.pronto.parser.ConformanceCorpus.Case;
import dev.pronto.parser.ConformanceCorpus.Field;
import dev.pronto.parser.ConformanceCorpus.Outcome;
import dev.pronto.parser.RequestHead;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static dev.pronto.it.Requests.localServer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Replays the conformance corpus ({@code conformance/*.md}, see {@link ConformanceCorpus}) over real sockets against
 * one server configured with the corpus limits, so that the whole engine (transport, framing, body reading,
 * pipelining, error responses and closing), not only the parser, is held to it.
 *
 * <p>The handler echoes what the engine understood in an {@code X-Echo} response header (never in the body, so that
 * HEAD requests are checked too): lines {@code key=value}, values escaped like the corpus ({@code \\}, {@code \xHH}),
 * the whole base64-encoded. The keys are those of the parser-level corpus test ({@code HeadView} in
 * {@code dev.pronto.parser}), taken from the engine's own {@link RequestHead} behind the {@link HttpRequest} the
 * handler receives, with the header lines and the body taken from the public {@link Request} API
 * ({@link Request#headerNames()}, {@link Request#headers(String)}, {@link Request#body()}); the public API is
 * cross-checked against the head where it must agree.
 *
 * <p>Corpus semantics that a socket cannot observe exactly, and what is checked instead (counted, and printed
 * after the run; none is skipped silently):
 * <ul>
 *   <li>{@code error: NAME} names the {@code ParseError}; on the wire only the status shows (the corpus README
 *       says so), so the status is checked and the name is counted as unobservable.</li>
 *   <li>{@code start} is an offset into the input of one request; the engine's offsets point into its own read
 *       buffer. The handler echoes the head's bytes instead, and the test locates them in the raw stream right
 *       after the previous request (its head plus its body's framing): the gap must be empty lines only, and its
 *       length is compared with {@code start}. Every accepted request is located this way, so the framing of
 *       every pipeline is checked even where the corpus does not ask for {@code start}.</li>
 *   <li>The parser test also replays each case split at every offset; here every case is sent whole, and
 *       {@link #splitsAnywhere()} sends a handful of cases split at every offset and byte by byte.</li>
 * </ul>
 */
@Timeout(120)
class ConformanceIT {
    private static final List<Case> CASES = ConformanceCorpus.load();
    /**
     * Cases sent split at every offset and byte by byte: bodies, chunking, pipelining, 100-continue, and rejections
     * that must come as soon as their last byte arrives (never at the header timeout, which is longer than a read).
     */
    private static final List<String> SPLIT_CASES = List.of(
            "01-request-line: leading empty lines are skipped",
            "03-host-connection-expect: Expect 100-continue",
            "04-content-length: body bytes that look like line ends",
            "05-chunked: chunk extensions are ignored",
            "07-pipelining: a chunked body then a GET",
            "07-pipelining: a POST body then a GET",
            "11-early-rejection: truncated version",
            "11-early-rejection: duplicate Host before the head ends",
            "11-early-rejection: chunked with a parameter before the head ends",
            "12-line-limits: limit reached inside the method");
    /** Bounds every read; a server that never answers fails the case within this. */
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(3);
    private static final String ECHO_HEADER = "X-Echo";

    private static final AtomicInteger CASES_RUN = new AtomicInteger();
    private static final AtomicInteger CASES_PASSED = new AtomicInteger();
    private static final AtomicInteger OUTCOMES = new AtomicInteger();
    private static final AtomicInteger FIELDS = new AtomicInteger();
    private static final AtomicInteger START_FIELDS = new AtomicInteger();
    private static final AtomicInteger ERROR_NAMES_UNOBSERVABLE = new AtomicInteger();
    private static final AtomicInteger SPLIT_EXCHANGES = new AtomicInteger();

    private static Server server;
    private static long startNanos;

    @BeforeAll
    static void startServer() {
        startNanos = System.nanoTime();
        server = Server.start(localServer()
                .maxRequestLineBytes(ConformanceCorpus.MAX_REQUEST_LINE_BYTES)
                .maxHeaderBytes(ConformanceCorpus.MAX_HEADER_BYTES)
                .maxHeaderCount(ConformanceCorpus.MAX_HEADER_COUNT)
                .maxBodyBytes(ConformanceCorpus.MAX_BODY_BYTES)
                .maxChunkBytes(ConformanceCorpus.MAX_CHUNK_BYTES)
                .build(), ConformanceIT::echo);
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
        System.out.printf(Locale.ROOT, "ConformanceIT: %d cases over sockets (%d passed, %d failed), %d outcomes,"
                        + " %d fields compared (%d start offsets derived from the echoed head), %d error names"
                        + " not observable on the wire (status checked instead), %d split exchanges, %d ms%n",
                CASES_RUN.get(), CASES_PASSED.get(), CASES_RUN.get() - CASES_PASSED.get(), OUTCOMES.get(),
                FIELDS.get(), START_FIELDS.get(), ERROR_NAMES_UNOBSERVABLE.get(), SPLIT_EXCHANGES.get(),
                (System.nanoTime() - startNanos) / 1_000_000);
    }

    @TestFactory
    Stream<DynamicTest> answersEveryCaseAsTheCorpusExpects() {
        assertThat(CASES).hasSizeGreaterThanOrEqualTo(120);
        return CASES.stream().map(c -> DynamicTest.dynamicTest(c.toString(), () -> {
            CASES_RUN.incrementAndGet();
            exchange(c, RawClient::send, "whole", true);
            CASES_PASSED.incrementAndGet();
        }));
    }

    /** The engine must not depend on how the bytes of a request were split across reads. */
    @TestFactory
    Stream<DynamicTest> splitsAnywhere() {
        List<Case> chosen = SPLIT_CASES.stream().map(name -> CASES.stream().filter(c -> c.toString().equals(name))
                .findFirst().orElseThrow(() -> new AssertionError("no corpus case " + name))).toList();
        return chosen.stream().map(c -> DynamicTest.dynamicTest(c + " (split)", () -> {
            byte[] raw = c.raw();
            exchange(c, RawClient::sendByteByByte, "byte by byte", false);
            for (int k = 1; k < raw.length; k++) {
                int cut = k;
                exchange(c, (client, bytes) -> client.sendInPieces(bytes, cut), "split at " + k, false);
            }
        }));
    }

    // ---- the server side ----

    /** Answers 200 with everything the engine understood of the request in {@link #ECHO_HEADER}. */
    private static Response echo(Request request) {
        HttpRequest r = (HttpRequest) request;
        RequestHead h = r.head();
        ByteBuffer buf = r.buffer();
        StringBuilder e = new StringBuilder();
        // Parser-level fields, exactly as HeadView renders them for the in-memory corpus test.
        put(e, "method", text(buf, h.methodStart(), h.methodEnd()));
        put(e, "method-id", Methods.name(h.method()));
        put(e, "target", text(buf, h.targetStart(), h.targetEnd()));
        put(e, "path", text(buf, h.pathStart(), h.pathEnd()));
        put(e, "query", h.queryStart() < 0 ? "none" : text(buf, h.queryStart(), h.queryEnd()));
        put(e, "authority", h.authorityStart() < 0 ? "none" : text(buf, h.authorityStart(), h.authorityEnd()));
        put(e, "version", "1." + h.minorVersion());
        put(e, "content-length", h.contentLength() < 0 ? "none" : Long.toString(h.contentLength()));
        put(e, "chunked", Boolean.toString(h.chunked()));
        put(e, "keep-alive", Boolean.toString(h.keepAlive()));
        put(e, "expect-continue", Boolean.toString(h.expectContinue()));
        put(e, "host", h.hostIndex() < 0 ? "none"
                : text(buf, h.valueStart(h.hostIndex()), h.valueEnd(h.hostIndex())));
        put(e, "head", text(buf, h.start(), h.end()));
        for (int i = 0; i < h.headerCount(); i++) {
            put(e, "head-header", text(buf, h.nameStart(i), h.nameEnd(i)) + ": "
                    + text(buf, h.valueStart(i), h.valueEnd(i)));
        }
        // Public API: header lines in order (repeated names repeated), the body, and values to cross-check.
        List<String> names = request.headerNames();
        put(e, "headers", Integer.toString(names.size()));
        Map<String, Integer> seen = new HashMap<>();
        for (String name : names) {
            int nth = seen.merge(name.toLowerCase(Locale.ROOT), 1, Integer::sum) - 1;
            List<String> values = request.headers(name);
            put(e, "header", name + ": " + (nth < values.size() ? values.get(nth) : "<missing value " + nth + ">"));
        }
        put(e, "body", new String(request.body(), StandardCharsets.ISO_8859_1));
        put(e, "api-method", request.method().name());
        put(e, "api-target", request.target());
        put(e, "api-query", request.query().orElse("none"));
        put(e, "api-host", request.header("Host").orElse("none"));
        put(e, "api-keep-alive", Boolean.toString(request.keepAlive()));
        String encoded = Base64.getEncoder().encodeToString(e.toString().getBytes(StandardCharsets.ISO_8859_1));
        return Response.bytes(new byte[0]).withHeader(ECHO_HEADER, encoded);
    }

    private static void put(StringBuilder echo, String key, String value) {
        echo.append(key).append('=').append(escape(value)).append('\n');
    }

    private static String text(ByteBuffer buf, int from, int to) {
        byte[] b = new byte[to - from];
        buf.get(from, b);
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    /** The corpus escapes, which {@link ConformanceCorpus#unescape} reverses: any byte survives on one line. */
    private static String escape(String latin1) {
        StringBuilder s = new StringBuilder(latin1.length());
        for (int i = 0; i < latin1.length(); i++) {
            char c = latin1.charAt(i);
            if (c == '\\') {
                s.append("\\\\");
            } else if (c == '\r') {
                s.append("\\r");
            } else if (c == '\n') {
                s.append("\\n");
            } else if (c == '\t') {
                s.append("\\t");
            } else if (c < 0x20 || c >= 0x7f) {
                s.append(String.format(Locale.ROOT, "\\x%02x", (int) c));
            } else {
                s.append(c);
            }
        }
        return s.toString();
    }

    // ---- the client side ----

    @FunctionalInterface
    private interface Sender {
        void send(RawClient client, byte[] raw) throws IOException;
    }

    /**
     * Sends the case on a fresh connection and checks every outcome in order, then that the connection ends as
     * expected: closed right after a rejection or a request that does not keep the connection alive, else closed
     * by the server once the client half-closes, with no further response in either case.
     */
    private static void exchange(Case c, Sender sender, String how, boolean count) throws IOException {
        byte[] raw = c.raw();
        String what = c + " [" + how + "] raw \"" + escape(new String(raw, StandardCharsets.ISO_8859_1)) + "\"";
        List<String> seen = new ArrayList<>();
        try (RawClient client = RawClient.connect(server.port())) {
            client.timeout(READ_TIMEOUT);
            sender.send(client, raw);
            if (!count) {
                SPLIT_EXCHANGES.incrementAndGet();
            }
            int inputPos = 0;
            boolean keepAlive = true;
            for (int i = 0; i < c.outcomes().size(); i++) {
                Outcome expected = c.outcomes().get(i);
                String req = what + ", request " + (i + 1) + " of " + c.outcomes().size() + " (expected "
                        + describe(expected) + ")";
                RawResponse response = readFinalResponse(client, req, seen);
                seen.add(summarize(response));
                if (count) {
                    OUTCOMES.incrementAndGet();
                }
                if (!expected.ok()) {
                    assertThat(response.status()).as("%s: status; responses so far %s", req, seen)
                            .isEqualTo(expected.status());
                    assertThat(response.closes()).as("%s: Connection: close on %s", req, response).isTrue();
                    if (count && expected.field("error") != null) {
                        ERROR_NAMES_UNOBSERVABLE.incrementAndGet();
                    }
                    assertClosed(client, req + ", after the rejection", seen);
                    return;
                }
                assertThat(response.status()).as("%s accepted, but got %s; responses so far %s", req, response,
                        seen).isEqualTo(200);
                Map<String, List<String>> actual = decodeEcho(response, req);
                crossCheck(actual, req);
                inputPos = locate(raw, inputPos, actual, req);
                assertFields(actual, expected.fields(), req, count);
                keepAlive = Boolean.parseBoolean(one(actual, "keep-alive"));
            }
            if (keepAlive) {
                // Everything sent was answered and the connection stays open: a half-close must end it cleanly.
                client.shutdownOutput();
            }
            assertClosed(client, what + ", after the last response (keep-alive " + keepAlive + ")", seen);
        }
    }

    /** Reads the next final response, skipping interim ones (100 Continue). */
    private static RawResponse readFinalResponse(RawClient client, String req, List<String> seen) {
        while (true) {
            RawResponse response;
            try {
                response = client.readResponse();
            } catch (IOException e) {
                throw new AssertionError(req + ": no response (" + e + "); responses so far " + seen, e);
            }
            if (response.status() >= 200) {
                return response;
            }
            seen.add(summarize(response));
        }
    }

    private static void assertClosed(RawClient client, String what, List<String> seen) {
        RawClient.Closure end;
        try {
            end = client.readUntilClosed();
        } catch (IOException e) {
            throw new AssertionError(what + ": the server did not close the connection (" + e
                    + "); responses " + seen, e);
        }
        assertThat(end.bytes()).as("%s: bytes after the expected responses (%s); responses %s", what, end, seen)
                .isEmpty();
        assertThat(end.reset()).as("%s: the connection was reset instead of closed; responses %s", what, seen)
                .isFalse();
    }

    private static Map<String, List<String>> decodeEcho(RawResponse response, String req) {
        String encoded = response.header(ECHO_HEADER).orElseThrow(() -> new AssertionError(
                req + ": 200 without " + ECHO_HEADER + ": " + response));
        String text = new String(Base64.getDecoder().decode(encoded), StandardCharsets.ISO_8859_1);
        Map<String, List<String>> fields = new LinkedHashMap<>();
        fields.put("header", new ArrayList<>());
        fields.put("head-header", new ArrayList<>());
        for (String line : text.split("\n")) {
            int eq = line.indexOf('=');
            String value = new String(ConformanceCorpus.unescape(line.substring(eq + 1)), StandardCharsets.ISO_8859_1);
            fields.computeIfAbsent(line.substring(0, eq), k -> new ArrayList<>()).add(value);
        }
        return fields;
    }

    /** The public API must say what the engine's head says. */
    private static void crossCheck(Map<String, List<String>> a, String req) {
        assertThat(a.get("header")).as("%s: Request.headerNames()/headers() against the parsed head", req)
                .isEqualTo(a.get("head-header"));
        assertThat(one(a, "api-method")).as("%s: Request.method()", req).isEqualTo(one(a, "method"));
        assertThat(one(a, "api-target")).as("%s: Request.target()", req).isEqualTo(one(a, "target"));
        assertThat(one(a, "api-query")).as("%s: Request.query()", req).isEqualTo(one(a, "query"));
        assertThat(one(a, "api-host")).as("%s: Request.header(\"Host\")", req).isEqualTo(one(a, "host"));
        assertThat(one(a, "api-keep-alive")).as("%s: Request.keepAlive()", req).isEqualTo(one(a, "keep-alive"));
    }

    /**
     * Finds the echoed head in the raw stream where this request's input begins (after empty lines only), records
     * how many bytes of empty lines came first as {@code start}, and returns where the next request's input begins.
     */
    private static int locate(byte[] raw, int inputPos, Map<String, List<String>> a, String req) {
        byte[] head = one(a, "head").getBytes(StandardCharsets.ISO_8859_1);
        int p = inputPos;
        while (!regionEquals(raw, p, head) && p + 1 < raw.length && raw[p] == '\r' && raw[p + 1] == '\n') {
            p += 2;
        }
        if (!regionEquals(raw, p, head)) {
            fail("%s: the engine parsed a head that is not at input offset %d (after empty lines): \"%s\"", req,
                    inputPos, escape(one(a, "head")));
        }
        a.put("start", List.of(Integer.toString(p - inputPos)));
        int bodyAt = p + head.length;
        if (Boolean.parseBoolean(one(a, "chunked"))) {
            return chunkedEnd(raw, bodyAt, req);
        }
        String cl = one(a, "content-length");
        return bodyAt + (cl.equals("none") ? 0 : Integer.parseInt(cl));
    }

    /** Skips a well-formed chunked body (chunks, last chunk, trailer section) starting at {@code at}. */
    private static int chunkedEnd(byte[] raw, int at, String req) {
        int q = at;
        while (true) {
            int eol = crlf(raw, q, req);
            String line = new String(raw, q, eol - q, StandardCharsets.ISO_8859_1);
            int digits = 0;
            while (digits < line.length() && Character.digit(line.charAt(digits), 16) >= 0) {
                digits++;
            }
            long size = Long.parseLong(line.substring(0, digits), 16); // what follows is BWS and extensions
            q = eol + 2;
            if (size == 0) {
                while (true) {
                    eol = crlf(raw, q, req);
                    boolean empty = eol == q;
                    q = eol + 2;
                    if (empty) {
                        return q;
                    }
                }
            }
            q += (int) size + 2;
        }
    }

    private static int crlf(byte[] raw, int from, String req) {
        for (int i = from; i + 1 < raw.length; i++) {
            if (raw[i] == '\r' && raw[i + 1] == '\n') {
                return i;
            }
        }
        throw new AssertionError(req + ": accepted a chunked body whose framing the raw stream does not hold");
    }

    private static boolean regionEquals(byte[] raw, int at, byte[] part) {
        return at + part.length <= raw.length && Arrays.equals(raw, at, at + part.length, part, 0, part.length);
    }

    /** Mirrors HeadView.assertFields and the body check of ConformanceCorpusTest. */
    private static void assertFields(Map<String, List<String>> actual, List<Field> expected, String req,
                                     boolean count) {
        for (Field f : expected) {
            if (f.key().equals("error") || f.key().equals("consumed")) {
                continue;
            }
            assertThat(actual).as("%s: unknown field %s", req, f.key()).containsKey(f.key());
            String value = new String(ConformanceCorpus.unescape(f.value()), StandardCharsets.ISO_8859_1);
            if (f.key().equals("header")) {
                assertThat(actual.get("header")).as("%s: headers", req).contains(value);
            } else {
                assertThat(actual.get(f.key())).as("%s: %s (echo %s)", req, f.key(), actual)
                        .containsExactly(value);
            }
            if (count) {
                FIELDS.incrementAndGet();
                if (f.key().equals("start")) {
                    START_FIELDS.incrementAndGet();
                }
            }
        }
    }

    private static String one(Map<String, List<String>> fields, String key) {
        List<String> values = fields.get(key);
        if (values == null || values.size() != 1) {
            throw new AssertionError("echo holds " + values + " for " + key + ": " + fields);
        }
        return values.getFirst();
    }

    private static String describe(Outcome o) {
        return (o.ok() ? "ok" : "status " + o.status()) + (o.fields().isEmpty() ? "" : " " + o.fields());
    }

    private static String summarize(RawResponse r) {
        String echo = r.header(ECHO_HEADER).map(v -> new String(Base64.getDecoder().decode(v),
                StandardCharsets.ISO_8859_1).replace("\n", "; ")).orElse(null);
        return r.status() + (echo != null ? " {" + echo + "}" : r.body().length > 0 ? " \"" + r.bodyText() + "\"" : "");
    }
}
