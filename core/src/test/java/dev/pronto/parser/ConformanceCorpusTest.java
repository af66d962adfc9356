package dev.pronto.parser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pronto.parser.ConformanceCorpus.Case;
import dev.pronto.parser.ConformanceCorpus.Outcome;
import dev.pronto.parser.TestBuffers.Kind;
import dev.pronto.parser.TestBuffers.Placement;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs every corpus case through RequestParser and ChunkedDecoder the way a connection would (parse every complete
 * request in the buffer, read its body, stop at an error or a request that closes), with the bytes arriving whole,
 * split at every offset, and one at a time.
 */
class ConformanceCorpusTest {
    private static final List<Case> CASES = ConformanceCorpus.load();

    static Stream<Case> cases() {
        return CASES.stream();
    }

    @Test
    void holdsAtLeast270Cases() {
        assertThat(CASES).hasSizeGreaterThanOrEqualTo(270);
        assertThat(CASES.stream().map(Case::toString).distinct()).hasSameSizeAs(CASES);
    }

    @Test
    void namesTheErrorOfEveryRejection() {
        for (Case c : CASES) {
            for (Outcome o : c.outcomes()) {
                if (!o.ok()) {
                    assertThat(o.field("error")).as("%s: a rejection names its ParseError", c).isNotNull();
                    assertThat(ParseError.valueOf(o.field("error")).status()).as("%s: status", c).isEqualTo(o.status());
                }
            }
        }
    }

    @Test
    void statusTableInTheDocsMatchesTheCode() {
        Map<String, Integer> table = StatusTable.parserRejections();
        Map<String, Integer> code = new java.util.TreeMap<>();
        for (ParseError e : ParseError.values()) {
            code.put(e.name(), e.status());
        }
        assertThat(new java.util.TreeMap<>(table)).as("docs/conformance.md, table 'Parser rejections'").isEqualTo(code);
    }

    @Test
    void statusTableInTheDocsMatchesEveryCase() {
        Map<String, Integer> table = StatusTable.parserRejections();
        for (Case c : CASES) {
            for (Outcome o : c.outcomes()) {
                if (!o.ok()) {
                    assertThat(table).as("%s: docs/conformance.md lists %s", c, o.field("error"))
                            .containsEntry(o.field("error"), o.status());
                }
            }
        }
    }

    @Test
    void unescapesEveryEscape() {
        assertThat(ConformanceCorpus.unescape("a\\r\\n\\t\\0\\\\\\x7f\\xFFz"))
                .containsExactly('a', '\r', '\n', '\t', 0, '\\', 0x7F, (byte) 0xFF, 'z');
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void answersAsTheCorpusExpects(Case c) {
        int n = c.raw().length;
        check(c, run(c.raw(), new Placement(Kind.HEAP, 0, 0), new int[] {n}), "whole");
        for (int k = 1; k < n; k++) {
            Placement pl = new Placement(k % 2 == 0 ? Kind.HEAP : Kind.DIRECT, 3, 16);
            check(c, run(c.raw(), pl, new int[] {k, n}), "split at " + k);
        }
        int[] bytes = IntStream.rangeClosed(1, n).toArray();
        check(c, run(c.raw(), new Placement(Kind.DIRECT, 5, 16), bytes), "byte by byte");
    }

    /** What happened to one request. */
    private record Actual(boolean ok, int status, ParseError error, Map<String, List<String>> fields, byte[] body) {
    }

    private static void check(Case c, List<Actual> actual, String how) {
        String what = c + ", " + how;
        assertThat(actual).as("%s: outcomes %s", what, actual).hasSameSizeAs(c.outcomes());
        for (int i = 0; i < actual.size(); i++) {
            Outcome e = c.outcomes().get(i);
            Actual a = actual.get(i);
            String req = what + ", request " + (i + 1);
            if (!e.ok()) {
                assertThat(a.ok()).as("%s rejected, but it was accepted", req).isFalse();
                assertThat(a.status()).as("%s: status (%s)", req, a.error()).isEqualTo(e.status());
                if (e.field("error") != null) {
                    assertThat(a.error()).as(req).hasToString(e.field("error"));
                }
                continue;
            }
            assertThat(a.ok()).as("%s accepted, but got %s %s", req, a.status(), a.error()).isTrue();
            HeadView.assertFields(a.fields(), e.fields(), req);
            if (e.field("body") != null) {
                assertThat(new String(a.body(), StandardCharsets.ISO_8859_1)).as("%s: body", req)
                        .isEqualTo(new String(ConformanceCorpus.unescape(e.field("body")), StandardCharsets.ISO_8859_1));
            }
        }
    }

    /** Plays a connection: {@code arrivals} are increasing counts of input bytes received so far. */
    private static List<Actual> run(byte[] raw, Placement pl, int[] arrivals) {
        ByteBuffer buf = TestBuffers.buffer(pl, raw, 0);
        RequestParser parser = new RequestParser(new HeadLimits(ConformanceCorpus.MAX_REQUEST_LINE_BYTES,
                ConformanceCorpus.MAX_HEADER_BYTES, ConformanceCorpus.MAX_HEADER_COUNT));
        RequestHead head = new RequestHead(ConformanceCorpus.MAX_HEADER_COUNT);
        ChunkedDecoder decoder = new ChunkedDecoder(ConformanceCorpus.MAX_CHUNK_BYTES,
                ConformanceCorpus.MAX_BODY_BYTES, ConformanceCorpus.MAX_HEADER_BYTES,
                ConformanceCorpus.MAX_HEADER_COUNT);
        List<Actual> out = new ArrayList<>();
        int base = pl.before();
        int pos = 0;
        int received = 0;
        Map<String, List<String>> fields = null;
        boolean keepAlive = true;
        long bodyLeft = 0;
        boolean chunked = false;
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        BodySink sink = (b, from, to) -> {
            byte[] bytes = new byte[to - from];
            b.get(from, bytes);
            body.writeBytes(bytes);
        };
        for (int arrival : arrivals) {
            TestBuffers.arrive(buf, pl, raw, received, arrival);
            received = arrival;
            while (true) {
                if (fields == null) {
                    if (pos == received || !keepAlive) {
                        break;
                    }
                    int r = parser.parse(buf, base + pos, base + received, head);
                    if (r == RequestParser.NEED_MORE) {
                        break;
                    }
                    if (r == RequestParser.ERROR) {
                        out.add(new Actual(false, head.error().status(), head.error(), Map.of(), new byte[0]));
                        return out;
                    }
                    fields = HeadView.fields(head, buf, base + pos);
                    pos += r;
                    keepAlive = head.keepAlive();
                    chunked = head.chunked();
                    bodyLeft = Math.max(0, head.contentLength());
                    body.reset();
                    decoder.reset();
                    if (bodyLeft > ConformanceCorpus.MAX_BODY_BYTES) {
                        // The engine answers 413 from the head alone; the body is never read.
                        out.add(new Actual(false, 413, ParseError.BODY_TOO_LARGE, Map.of(), new byte[0]));
                        return out;
                    }
                }
                if (chunked) {
                    int r = decoder.decode(buf, base + pos, base + received, sink);
                    if (r == ChunkedDecoder.ERROR) {
                        out.add(new Actual(false, decoder.error().status(), decoder.error(), Map.of(), new byte[0]));
                        return out;
                    }
                    pos += r;
                    if (!decoder.done()) {
                        break;
                    }
                } else if (bodyLeft > 0) {
                    int n = (int) Math.min(bodyLeft, received - pos);
                    sink.accept(buf, base + pos, base + pos + n);
                    pos += n;
                    bodyLeft -= n;
                    if (bodyLeft > 0) {
                        break;
                    }
                }
                out.add(new Actual(true, 0, null, fields, body.toByteArray()));
                fields = null;
            }
        }
        if (fields != null || (pos < received && keepAlive)) {
            out.add(new Actual(false, 0, null, Map.of(), new byte[0]));
        }
        return out;
    }
}
