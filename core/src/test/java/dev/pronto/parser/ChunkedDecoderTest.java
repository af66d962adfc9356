package dev.pronto.parser;

import static dev.pronto.parser.ParseError.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pronto.parser.TestBuffers.Placement;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Table-driven chunked-body tests, each fed whole, split at every offset and one byte at a time, on heap and direct
 * buffers between garbage: every way must give the same body bytes, or the same error.
 */
class ChunkedDecoderTest {
    /** Limits of a decoder: chunk, body, trailer bytes, trailer count. */
    record Limits(long chunk, long body, int trailerBytes, int trailerCount) {
        ChunkedDecoder decoder() {
            return new ChunkedDecoder(chunk, body, trailerBytes, trailerCount);
        }
    }

    private static final Limits LIMITS = new Limits(32, 64, 64, 4);

    /** One row: the encoded body (plus bytes after it that must stay unconsumed), then the body or the error. */
    record Case(String name, String raw, String rest, String body, ParseError error, Limits limits) {
        @Override
        public String toString() {
            return name;
        }

        Case limits(Limits l) {
            return new Case(name, raw, rest, body, error, l);
        }

        Case followedBy(String next) {
            return new Case(name, raw, next, body, error, limits);
        }
    }

    static Case ok(String name, String raw, String body) {
        return new Case(name, raw, "", body, null, LIMITS);
    }

    static Case bad(String name, String raw, ParseError error) {
        return new Case(name, raw, "", null, error, LIMITS);
    }

    static Stream<Case> valid() {
        return Stream.of(
                ok("decodesOneChunk", "5\r\nhello\r\n0\r\n\r\n", "hello"),
                ok("decodesSeveralChunks", "5\r\nhello\r\n1\r\n,\r\n6\r\n world\r\n0\r\n\r\n", "hello, world"),
                ok("decodesEmptyBody", "0\r\n\r\n", ""),
                ok("readsHexDigitsInEitherCase", "a\r\n0123456789\r\nB\r\nabcdefghijk\r\n0\r\n\r\n",
                        "0123456789abcdefghijk"),
                ok("acceptsLeadingZeros", "0005\r\nhello\r\n000\r\n\r\n", "hello"),
                ok("acceptsSixteenDigits", "0000000000000005\r\nhello\r\n0\r\n\r\n", "hello"),
                ok("acceptsLeadingZerosBeyondSixteenDigits", "0".repeat(40) + "5\r\nhello\r\n" + "0".repeat(30)
                        + "\r\n\r\n", "hello"),
                ok("passesCrlfInsideData", "4\r\n\r\n\r\n\r\n0\r\n\r\n", "\r\n\r\n"),
                ok("passesBinaryData", "3\r\n\0\u00ff\n\r\n0\r\n\r\n", "\0\u00ff\n"),
                ok("ignoresExtensionName", "5;a\r\nhello\r\n0\r\n\r\n", "hello"),
                ok("ignoresExtensionWithTokenValue", "5;a=b\r\nhello\r\n0\r\n\r\n", "hello"),
                ok("ignoresExtensionsWithBadWhitespace", "5 ; a = b ;\tc\r\nhello\r\n0\r\n\r\n", "hello"),
                ok("ignoresQuotedExtensionValue", "5;a=\"q\\\"x; y\"\r\nhello\r\n0\r\n\r\n", "hello"),
                ok("ignoresSpaceAfterQuotedValue", "5;a=\"x\" ;b\r\nhello\r\n0\r\n\r\n", "hello"),
                ok("ignoresSeveralExtensions", "5;a=b;c=d;e\r\nhello\r\n0;last=1\r\n\r\n", "hello"),
                ok("discardsTrailers", "5\r\nhello\r\n0\r\nX-T: v\r\nY:\r\n\r\n", "hello"),
                ok("acceptsObsTextInTrailer", "0\r\nX: caf\u00e9\t!\r\n\r\n", ""),
                ok("acceptsChunkAtLimit", "20\r\n" + "x".repeat(32) + "\r\n0\r\n\r\n", "x".repeat(32)),
                ok("acceptsBodyAtLimit", "20\r\n" + "x".repeat(32) + "\r\n20\r\n" + "y".repeat(32) + "\r\n0\r\n\r\n",
                        "x".repeat(32) + "y".repeat(32)),
                ok("acceptsTrailersAtLimit", "0\r\n" + "T: 1\r\n".repeat(4) + "\r\n", ""),
                ok("stopsBeforeThePipelinedRequest", "3\r\nabc\r\n0\r\n\r\n", "abc")
                        .followedBy("GET / HTTP/1.1\r\n\r\n"),
                ok("stopsBeforeAnyFollowingByte", "0\r\n\r\n", "").followedBy("\r\n"));
    }

    static Stream<Case> invalid() {
        Limits huge = new Limits(Long.MAX_VALUE, Long.MAX_VALUE, 64, 4);
        return Stream.of(
                bad("rejectsMissingChunkSize", "\r\nhello\r\n0\r\n\r\n", BAD_CHUNK),
                bad("rejectsNonHexChunkSize", "g\r\nhello\r\n0\r\n\r\n", BAD_CHUNK),
                bad("rejectsSignedChunkSize", "-5\r\nhello\r\n0\r\n\r\n", BAD_CHUNK),
                bad("rejectsHexPrefix", "0x5\r\nhello\r\n0\r\n\r\n", BAD_CHUNK),
                bad("rejectsSpaceBeforeChunkSize", " 5\r\nhello\r\n0\r\n\r\n", BAD_CHUNK),
                bad("rejectsSpaceAfterChunkSize", "5 \r\nhello\r\n0\r\n\r\n", BAD_CHUNK),
                bad("rejectsEmptyExtensionName", "5;\r\nhello\r\n0\r\n\r\n", BAD_CHUNK),
                bad("rejectsEmptyExtensionValue", "5;a=\r\nhello\r\n0\r\n\r\n", BAD_CHUNK),
                bad("rejectsExtensionNameWithSpace", "5;a b\r\nhello\r\n0\r\n\r\n", BAD_CHUNK),
                bad("rejectsTokenValueWithSpace", "5;a=b c\r\nhello\r\n0\r\n\r\n", BAD_CHUNK),
                bad("rejectsUnterminatedQuotedValue", "5;a=\"x\r\nhello\r\n0\r\n\r\n", BAD_CHUNK),
                bad("rejectsControlByteInQuotedValue", "5;a=\"\u0001\"\r\nhello\r\n0\r\n\r\n", BAD_CHUNK),
                bad("rejectsJunkAfterQuotedValue", "5;a=\"x\"y\r\nhello\r\n0\r\n\r\n", BAD_CHUNK),
                bad("rejectsDataLongerThanSize", "5\r\nhelloo\r\n0\r\n\r\n", BAD_CHUNK),
                bad("rejectsDataWithoutCrlf", "5\r\nhello0\r\n\r\n", BAD_CHUNK),
                bad("rejectsBareLfAfterSize", "5\nhello\r\n0\r\n\r\n", BARE_LF),
                bad("rejectsBareLfAfterExtension", "5;a\nhello\r\n0\r\n\r\n", BARE_LF),
                bad("rejectsBareLfAfterData", "5\r\nhello\n0\r\n\r\n", BARE_LF),
                bad("rejectsDataShorterThanSize", "5\r\nhell\r\n0\r\n\r\n", BARE_LF),
                bad("rejectsBareLfAfterLastChunk", "0\n\r\n", BARE_LF),
                bad("rejectsBareLfAsFinalLine", "0\r\n\n", BARE_LF),
                bad("rejectsBareLfAfterTrailer", "0\r\nX: y\n\r\n", BARE_LF),
                bad("rejectsBareLfBeforeChunkSize", "5\r\nhello\r\n\n0\r\n\r\n", BARE_LF),
                bad("rejectsBareCrAfterSize", "5\rhello\r\n0\r\n\r\n", BARE_CR),
                bad("rejectsBareCrAfterData", "5\r\nhello\r0\r\n\r\n", BARE_CR),
                bad("rejectsBareCrAsFinalLine", "0\r\n\rX", BARE_CR),
                bad("rejectsBareCrAfterTrailer", "0\r\nX: y\rZ\r\n\r\n", BARE_CR),
                bad("rejectsChunkOverLimit", "21\r\n", CHUNK_TOO_LARGE),
                bad("rejectsChunkSizeOverflow", "10000000000000000\r\n", CHUNK_SIZE_OVERFLOW).limits(huge),
                bad("rejectsChunkSizeBeyondLong", "8000000000000000\r\n", CHUNK_SIZE_OVERFLOW).limits(huge),
                bad("rejectsAllFsChunkSize", "ffffffffffffffffff\r\n", CHUNK_SIZE_OVERFLOW).limits(huge),
                bad("rejectsOverflowingSizeAsMalformedNotLarge", "ffffffffffffffffff\r\n", CHUNK_SIZE_OVERFLOW),
                bad("rejectsLargeSizeWithBrokenLineAsMalformed", "21 x\r\n", BAD_CHUNK),
                bad("rejectsLargeSizeOnceItsLineEnds", "21;a=b\r\n", CHUNK_TOO_LARGE),
                bad("rejectsBodyOverLimit", "20\r\n" + "x".repeat(32) + "\r\n20\r\n" + "y".repeat(32)
                        + "\r\n1\r\nz\r\n0\r\n\r\n", BODY_TOO_LARGE),
                bad("rejectsObsFoldInTrailer", "0\r\nX: a\r\n b\r\n\r\n", OBS_FOLD),
                bad("rejectsWhitespaceBeforeColonInTrailer", "0\r\nX : v\r\n\r\n", WHITESPACE_BEFORE_COLON),
                bad("rejectsSpaceInTrailerName", "0\r\nX Y: v\r\n\r\n", INVALID_HEADER_NAME),
                bad("rejectsEmptyTrailerName", "0\r\n: v\r\n\r\n", INVALID_HEADER_NAME),
                bad("rejectsTrailerWithoutColon", "0\r\nX\r\n\r\n", INVALID_HEADER_NAME),
                bad("rejectsNulInTrailerValue", "0\r\nX: a\0\r\n\r\n", CONTROL_IN_VALUE),
                bad("rejectsTooManyTrailers", "0\r\n" + "T: 1\r\n".repeat(5) + "\r\n", TOO_MANY_TRAILERS),
                bad("rejectsTrailersOverLimit", "0\r\nT: " + "v".repeat(60) + "\r\n\r\n", TRAILERS_TOO_LARGE));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("valid")
    void decodesValidBody(Case c) {
        feedEveryWay(c);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalid")
    void rejectsInvalidBody(Case c) {
        feedEveryWay(c);
    }

    @Test
    void capsExtensionBytesPerBody() {
        String ext = ";e=" + "x".repeat(1000);
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < 17; i++) {
            body.append("1").append(ext).append("\r\nx\r\n");
        }
        byte[] in = TestBuffers.bytes(body.append("0\r\n\r\n").toString());
        ChunkedDecoder d = new ChunkedDecoder(100, 100, 100, 10);
        assertThat(d.decode(ByteBuffer.wrap(in), 0, in.length, (b, f, t) -> { })).isEqualTo(ChunkedDecoder.ERROR);
        assertThat(d.error()).isEqualTo(CHUNK_LINES_TOO_LONG);
        assertThat(d.error().status()).isEqualTo(400);
        d.reset();
        int consumed = 0;
        for (int k = 1; k <= in.length; k++) {
            int r = d.decode(ByteBuffer.wrap(in), consumed, k, (b, f, t) -> { });
            if (r == ChunkedDecoder.ERROR) {
                break;
            }
            consumed += r;
        }
        assertThat(d.error()).isEqualTo(CHUNK_LINES_TOO_LONG);
    }

    @Test
    void capsLeadingZerosPerBody() {
        byte[] in = TestBuffers.bytes("0".repeat(17 * 1024) + "1\r\nx\r\n0\r\n\r\n");
        ChunkedDecoder d = new ChunkedDecoder(100, 100, 100, 10);
        assertThat(d.decode(ByteBuffer.wrap(in), 0, in.length, (b, f, t) -> { })).isEqualTo(ChunkedDecoder.ERROR);
        assertThat(d.error()).isEqualTo(CHUNK_LINES_TOO_LONG);
    }

    @Test
    void keepsFailingAfterAnError() {
        ChunkedDecoder d = LIMITS.decoder();
        ByteBuffer buf = ByteBuffer.wrap(TestBuffers.bytes("x0\r\n\r\n"));
        assertThat(d.decode(buf, 0, 6, (b, f, t) -> { })).isEqualTo(ChunkedDecoder.ERROR);
        assertThat(d.decode(buf, 1, 6, (b, f, t) -> { })).isEqualTo(ChunkedDecoder.ERROR);
        d.reset();
        assertThat(d.decode(buf, 1, 6, (b, f, t) -> { })).isEqualTo(5);
        assertThat(d.done()).isTrue();
    }

    @Test
    void consumesNothingOnceDone() {
        ChunkedDecoder d = LIMITS.decoder();
        ByteBuffer buf = ByteBuffer.wrap(TestBuffers.bytes("0\r\n\r\n0\r\n\r\n"));
        assertThat(d.decode(buf, 0, 10, (b, f, t) -> { })).isEqualTo(5);
        assertThat(d.decode(buf, 5, 10, (b, f, t) -> { })).isZero();
        assertThat(d.done()).isTrue();
    }

    @Test
    void countsBodyBytes() {
        ChunkedDecoder d = LIMITS.decoder();
        byte[] in = TestBuffers.bytes("5\r\nhello\r\n2\r\nab\r\n0\r\n\r\n");
        d.decode(ByteBuffer.wrap(in), 0, in.length, (b, f, t) -> { });
        assertThat(d.bodyBytes()).isEqualTo(7);
    }

    @Test
    void rejectsNegativeLimits() {
        assertThatThrownBy(() -> new ChunkedDecoder(-1, 1, 1, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    // ---- feeding ----

    private static void feedEveryWay(Case c) {
        byte[] in = TestBuffers.bytes(c.raw() + c.rest());
        for (Placement pl : TestBuffers.ALL) {
            ByteBuffer buf = TestBuffers.buffer(pl, in, in.length);
            byte[] before = TestBuffers.snapshot(buf);
            Collector sink = new Collector(pl.before(), pl.before() + in.length);
            ChunkedDecoder d = c.limits().decoder();
            int r = d.decode(buf, pl.before(), pl.before() + in.length, sink);
            check(c, d, r, sink, "whole on " + pl);
            assertThat(TestBuffers.snapshot(buf)).as("buffer untouched").isEqualTo(before);
        }
        for (Placement pl : TestBuffers.WRITABLE) {
            for (int k = 0; k <= in.length; k++) {
                feedInTwo(c, in, pl, k);
            }
            feedByteByByte(c, in, pl);
        }
    }

    private static void feedInTwo(Case c, byte[] in, Placement pl, int k) {
        ByteBuffer buf = TestBuffers.buffer(pl, in, k);
        ChunkedDecoder d = c.limits().decoder();
        String how = "split at " + k + " on " + pl;
        Collector sink = new Collector(pl.before(), pl.before() + k);
        int first = d.decode(buf, pl.before(), pl.before() + k, sink);
        if (first == ChunkedDecoder.ERROR) {
            check(c, d, first, sink, how);
            return;
        }
        assertThat(first).as(how).isBetween(0, k);
        TestBuffers.arrive(buf, pl, in, k, in.length);
        sink.range(pl.before() + first, pl.before() + in.length);
        int second = d.decode(buf, pl.before() + first, pl.before() + in.length, sink);
        check(c, d, second == ChunkedDecoder.ERROR ? second : first + second, sink, how);
    }

    private static void feedByteByByte(Case c, byte[] in, Placement pl) {
        ByteBuffer buf = TestBuffers.buffer(pl, in, 0);
        ChunkedDecoder d = c.limits().decoder();
        Collector sink = new Collector(0, 0);
        int consumed = 0;
        for (int k = 1; k <= in.length; k++) {
            TestBuffers.arrive(buf, pl, in, k - 1, k);
            sink.range(pl.before() + consumed, pl.before() + k);
            int r = d.decode(buf, pl.before() + consumed, pl.before() + k, sink);
            if (r == ChunkedDecoder.ERROR) {
                check(c, d, r, sink, "byte by byte at " + k + " on " + pl);
                return;
            }
            consumed += r;
        }
        check(c, d, consumed, sink, "byte by byte on " + pl);
    }

    private static void check(Case c, ChunkedDecoder d, int consumed, Collector sink, String how) {
        if (c.error() != null) {
            assertThat(consumed).as("result, " + how).isEqualTo(ChunkedDecoder.ERROR);
            assertThat(d.error()).as("error, " + how).isEqualTo(c.error());
            return;
        }
        assertThat(d.error()).as("error, " + how).isNull();
        assertThat(d.done()).as("done, " + how).isTrue();
        assertThat(consumed).as("consumed, " + how).isEqualTo(TestBuffers.bytes(c.raw()).length);
        assertThat(sink.text()).as("body, " + how).isEqualTo(c.body());
        assertThat(d.bodyBytes()).isEqualTo(c.body().length());
    }

    /** Collects body bytes and checks that every range lies inside the one the decoder was given. */
    static final class Collector implements BodySink {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private int from;
        private int to;

        Collector(int from, int to) {
            range(from, to);
        }

        void range(int f, int t) {
            from = f;
            to = t;
        }

        @Override
        public void accept(ByteBuffer buf, int f, int t) {
            assertThat(f).isGreaterThanOrEqualTo(from).isLessThan(t);
            assertThat(t).isLessThanOrEqualTo(to);
            byte[] b = new byte[t - f];
            buf.get(f, b);
            out.writeBytes(b);
        }

        String text() {
            return out.toString(StandardCharsets.ISO_8859_1);
        }
    }
}
