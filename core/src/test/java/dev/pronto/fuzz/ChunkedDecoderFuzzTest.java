package dev.pronto.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.pronto.parser.BodySink;
import dev.pronto.parser.ChunkedDecoder;
import dev.pronto.parser.ParseError;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

/**
 * Fuzzes the chunked-body decoder. An input is two selectors, then the bytes after a request head: a chunked body,
 * valid or not, possibly followed by the next request. With roomy limits and with tight ones, the outcome (bytes
 * consumed or the error, whether the body ended, the data handed to the sink) must be the same
 * <ul>
 *   <li>at index 0 of a buffer of its own, among poison in a read-only heap buffer, and at an offset in a direct buffer
 *       whose limit is the end of the range; the sink only ever sees ranges of the current call;
 *   <li>fed in three pieces cut where the selectors say, and one byte at a time.
 * </ul>
 * A body it accepts, chunked again in pieces of a size the selectors pick, decodes to the same data.
 */
class ChunkedDecoderFuzzTest {
    /** The limits of one decoder. */
    private record Limits(String name, long maxChunk, long maxBody, int maxTrailerBytes, int maxTrailerCount) {
        ChunkedDecoder decoder() {
            return new ChunkedDecoder(maxChunk, maxBody, maxTrailerBytes, maxTrailerCount);
        }
    }

    private static final List<Limits> LIMITS = List.of(
            new Limits("roomy limits", 1 << 20, 1 << 20, 8192, 100),
            new Limits("tight limits", 16, 40, 24, 2));

    /**
     * What decoding a stream gave.
     *
     * @param consumed bytes consumed, or ERROR
     * @param done     whether the final CRLF was consumed
     * @param error    the error when ERROR
     * @param data     the chunk data the sink received, in hex
     */
    record Outcome(int consumed, boolean done, ParseError error, String data) {
    }

    @DictionaryEntries({";", "=", "\"", "\\", ": ", "ffffffffffffffff", "0000000000000000"})
    @FuzzTest(maxDuration = "60s")
    void chunkedBody(byte[] data) {
        int selectors = Math.min(2, data.length);
        byte[] input = Arrays.copyOfRange(data, selectors, data.length);
        int n = input.length;
        int a = selectors > 0 ? data[0] & 0xFF : 0;
        int b = selectors > 1 ? data[1] & 0xFF : 0;
        int first = Math.min(Poison.cut(a, n), Poison.cut(b, n));
        int second = Math.max(Poison.cut(a, n), Poison.cut(b, n));
        for (Limits l : LIMITS) {
            Outcome expected = decode(l, ByteBuffer.wrap(input), 0, null, n);
            assertThat(decode(l, Poison.heap(input), Poison.BEFORE, null, n))
                    .as("%s, among poison", l.name()).isEqualTo(expected);
            assertThat(decode(l, Poison.direct(input), Poison.BEFORE, null, n))
                    .as("%s, direct buffer with its limit at the end", l.name()).isEqualTo(expected);
            assertThat(decode(l, null, Poison.BEFORE, input, first, second, n))
                    .as("%s, cut at %d and %d of %d", l.name(), first, second, n).isEqualTo(expected);
            assertThat(decode(l, null, Poison.BEFORE, input, IntStream.rangeClosed(0, n).toArray()))
                    .as("%s, one byte at a time", l.name()).isEqualTo(expected);
            if (expected.done()) {
                byte[] body = HexFormat.of().parseHex(expected.data());
                byte[] chunked = rechunk(body, 1 + a % 16, (b & 1) != 0, (b & 2) != 0);
                Outcome again = decode(l, Poison.heap(chunked), Poison.BEFORE, null, chunked.length);
                assertThat(again).as("%s, re-chunked as %s", l.name(), latin1(chunked))
                        .isEqualTo(new Outcome(chunked.length, true, null, expected.data()));
            }
        }
    }

    /**
     * Decodes [start, start + cut) for each cut in turn, continuing after what each call consumed.
     *
     * @param buf     the buffer holding the bytes, or null to let {@code arrival} arrive in a poisoned buffer
     * @param arrival the bytes that arrive before each call, or null when {@code buf} holds them all
     */
    private static Outcome decode(Limits l, ByteBuffer buf, int start, byte[] arrival, int... cuts) {
        byte[] b = arrival == null ? null : Poison.pending(arrival);
        ByteBuffer in = arrival == null ? buf : ByteBuffer.wrap(b);
        ChunkedDecoder d = l.decoder();
        Sink sink = new Sink();
        int p = start;
        int arrived = 0;
        for (int cut : cuts) {
            if (arrival != null) {
                System.arraycopy(arrival, arrived, b, start + arrived, cut - arrived);
                arrived = cut;
            }
            int end = start + cut;
            sink.from = p;
            sink.to = end;
            int r = d.decode(in, p, end, sink);
            if (r == ChunkedDecoder.ERROR) {
                assertThat(d.error()).as("error of a rejected body").isNotNull();
                assertThat(d.decode(in, end, end, sink)).as("a rejected body stays rejected")
                        .isEqualTo(ChunkedDecoder.ERROR);
                return new Outcome(r, false, d.error(), sink.hex());
            }
            assertThat(r).as("consumed of %d", end - p).isBetween(0, end - p);
            if (!d.done()) {
                assertThat(r).as("an unfinished body consumes all").isEqualTo(end - p);
            }
            p += r;
        }
        if (d.done()) {
            assertThat(d.bodyBytes()).as("body bytes").isEqualTo(sink.out.size());
        }
        return new Outcome(p - start, d.done(), d.error(), sink.hex());
    }

    /** Chunks a body canonically: hex sizes, then the last chunk, an optional trailer and the final CRLF. */
    private static byte[] rechunk(byte[] body, int size, boolean upperCase, boolean trailer) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < body.length; i += size) {
            int n = Math.min(size, body.length - i);
            String hex = Integer.toHexString(n);
            out.writeBytes(((upperCase ? hex.toUpperCase(Locale.ROOT) : hex) + "\r\n").getBytes(
                    StandardCharsets.US_ASCII));
            out.write(body, i, n);
            out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        out.writeBytes((trailer ? "0\r\nX-T: v\r\n\r\n" : "0\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    private static String latin1(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    /** Collects the data and checks that each range lies within the current call's range. */
    private static final class Sink implements BodySink {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        int from;
        int to;

        @Override
        public void accept(ByteBuffer buf, int rangeFrom, int rangeTo) {
            assertThat(rangeFrom).as("data start").isBetween(from, to);
            assertThat(rangeTo).as("data end").isBetween(rangeFrom, to);
            byte[] b = new byte[rangeTo - rangeFrom];
            buf.get(rangeFrom, b);
            out.writeBytes(b);
        }

        String hex() {
            return HexFormat.of().formatHex(out.toByteArray());
        }
    }
}
