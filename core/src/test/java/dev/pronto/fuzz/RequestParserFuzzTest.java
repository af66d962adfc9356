package dev.pronto.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.pronto.http.Methods;
import dev.pronto.parser.HeadLimits;
import dev.pronto.parser.HeaderNames;
import dev.pronto.parser.ParseError;
import dev.pronto.parser.RequestHead;
import dev.pronto.parser.RequestParser;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Fuzzes the request-head parser. An input is two split selectors, then a byte stream: one or more pipelined requests,
 * valid or not. The stream is parsed with the production limits and with tight ones that short inputs reach, and it
 * must give the same outcomes
 * <ul>
 *   <li>at index 0 of a buffer of its own, among poison in a read-only heap buffer, and at an offset in a direct buffer
 *       whose limit is the end of the range: the parser reads only [start, end) and never writes;
 *   <li>fed in three pieces cut where the selectors say, resuming after each NEED_MORE (and answering NEED_MORE again
 *       when nothing arrived): a prefix yields NEED_MORE or exactly the outcome of the whole.
 * </ul>
 * Every accepted head must hold its offsets in range and agree with a plain reading of its own fields, and, written out
 * again as {@code method SP target SP version CRLF *(name: value CRLF) CRLF}, parse to the same head.
 */
class RequestParserFuzzTest {
    // Pipelined heads parsed per stream; bodies between them are skipped by Content-Length.
    private static final int MAX_HEADS = 16;

    /** A parser and the capacity of the head it fills. */
    private record Config(String name, RequestParser parser, int capacity) {
    }

    private static final List<Config> CONFIGS = List.of(
            new Config("production limits", new RequestParser(new HeadLimits(8192, 16384, 100)), 100),
            // Limits that short inputs reach, and a head holding fewer fields than the count limit allows.
            new Config("tight limits", new RequestParser(new HeadLimits(48, 96, 4)), 3));
    // Room for any head the configurations accept, re-serialised with one SP after each colon.
    private static final RequestParser ROUND_TRIP = new RequestParser(new HeadLimits(1 << 16, 1 << 17, 100));

    /** One header field as the head reports it. */
    record Field(String name, String value, int id) {
    }

    /** What a head says, without offsets: what a re-serialised head must say again. */
    record Head(String method, int methodId, String target, String path, String query, String authority,
                int minorVersion, List<Field> fields, long contentLength, boolean chunked, boolean keepAlive,
                boolean expectContinue, int hostIndex) {
    }

    /**
     * One parse call's result.
     *
     * @param result the return value: bytes consumed, NEED_MORE or ERROR
     * @param error  the error when ERROR
     * @param at     where the request line starts, relative to the stream's first byte; 0 unless accepted
     * @param head   what the head says when accepted
     */
    record Outcome(int result, ParseError error, int at, Head head) {
    }

    // The tokens the parser recognises by packed compares, which the fuzzer would hardly spell by chance. None holds
    // an LF: Jazzer 0.30 writes dictionary entries unescaped, one a line (the seeds have line ends aplenty).
    @DictionaryEntries({"GET ", "HEAD ", "POST ", "PUT ", "DELETE ", "CONNECT ", "OPTIONS ", "TRACE ", "PATCH ",
        " HTTP/1.1", " HTTP/1.0", "http://", "https://", "[::1]:80",
        "Host: ", "Content-Length: ", "Transfer-Encoding: ", "chunked", "Connection: ", "close", "keep-alive",
        "Expect: ", "100-continue", "Content-Type", "Cookie", "Upgrade", "Accept", "Accept-Encoding",
        "Accept-Language", "User-Agent", "Authorization", "Cache-Control", "Keep-Alive", "TE", "Trailer", "Date",
        "Origin", "Referer", "Range", "If-None-Match", "If-Modified-Since", "Content-Encoding", "X-Forwarded-For"})
    @FuzzTest(maxDuration = "60s")
    void requestHead(byte[] data) {
        int selectors = Math.min(2, data.length);
        byte[] input = Arrays.copyOfRange(data, selectors, data.length);
        int n = input.length;
        int a = selectors > 0 ? Poison.cut(data[0] & 0xFF, n) : n;
        int b = selectors > 1 ? Poison.cut(data[1] & 0xFF, n) : n;
        int first = Math.min(a, b);
        int second = Math.max(a, b);
        for (Config c : CONFIGS) {
            List<Outcome> expected = stream(c, ByteBuffer.wrap(input), 0, n);
            assertThat(stream(c, Poison.heap(input), Poison.BEFORE, Poison.BEFORE + n))
                    .as("%s, among poison", c.name()).isEqualTo(expected);
            assertThat(stream(c, Poison.direct(input), Poison.BEFORE, Poison.BEFORE + n))
                    .as("%s, direct buffer with its limit at the end", c.name()).isEqualTo(expected);
            assertThat(inPieces(c, input, first, second))
                    .as("%s, cut at %d and %d of %d", c.name(), first, second, n).isEqualTo(expected.getFirst());
            Head head = expected.getFirst().head();
            if (head != null) {
                assertThat(roundTrip(head)).as("%s, re-serialised", c.name()).isEqualTo(head);
            }
        }
    }

    /** Parses pipelined heads from one head object (no reset in between), skipping Content-Length bodies. */
    private static List<Outcome> stream(Config c, ByteBuffer buf, int start, int end) {
        RequestHead h = new RequestHead(c.capacity());
        List<Outcome> outcomes = new ArrayList<>();
        int p = start;
        while (outcomes.size() < MAX_HEADS) {
            int r = c.parser().parse(buf, p, end, h);
            outcomes.add(outcome(r, h, buf, p, end, start));
            if (r < 0 || h.chunked() || !h.keepAlive() || h.contentLength() > end - p - r) {
                break;
            }
            p += r + (int) Math.max(h.contentLength(), 0);
        }
        return outcomes;
    }

    /** Lets the stream arrive in three pieces, parsing the first head after each; poison stands in for the rest. */
    private static Outcome inPieces(Config c, byte[] input, int first, int second) {
        byte[] b = Poison.pending(input);
        ByteBuffer buf = ByteBuffer.wrap(b);
        RequestHead h = new RequestHead(c.capacity());
        int start = Poison.BEFORE;
        int arrived = 0;
        for (int cut : new int[] {first, second, input.length}) {
            System.arraycopy(input, arrived, b, start + arrived, cut - arrived);
            arrived = cut;
            int r = c.parser().parse(buf, start, start + cut, h);
            if (r == RequestParser.NEED_MORE) {
                assertThat(c.parser().parse(buf, start, start + cut, h)).as("again with nothing new, at %d", cut)
                        .isEqualTo(RequestParser.NEED_MORE);
                if (cut < input.length) {
                    continue;
                }
            }
            return outcome(r, h, buf, start, start + cut, start);
        }
        throw new AssertionError("unreachable");
    }

    /** Re-serialises a head canonically and parses it. */
    private static Head roundTrip(Head head) {
        StringBuilder sb = new StringBuilder().append(head.method()).append(' ').append(head.target())
                .append(" HTTP/1.").append(head.minorVersion()).append("\r\n");
        for (Field f : head.fields()) {
            sb.append(f.name()).append(": ").append(f.value()).append("\r\n");
        }
        byte[] b = sb.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
        RequestHead h = new RequestHead(100);
        ByteBuffer buf = ByteBuffer.wrap(b);
        int r = ROUND_TRIP.parse(buf, 0, b.length, h);
        assertThat(r).as("parsing %s gives %s", sb, h.error()).isEqualTo(b.length);
        return outcome(r, h, buf, 0, b.length, 0).head();
    }

    /** Checks a head that a parse of [from, end) reported and reads it out; {@code base} is the stream's start. */
    private static Outcome outcome(int r, RequestHead h, ByteBuffer buf, int from, int end, int base) {
        if (r == RequestParser.NEED_MORE) {
            return new Outcome(r, null, 0, null);
        }
        if (r == RequestParser.ERROR) {
            assertThat(h.error()).as("error of a rejected head").isNotNull();
            return new Outcome(r, h.error(), 0, null);
        }
        assertThat(r).as("consumed").isPositive();
        assertThat(h.error()).as("error of an accepted head").isNull();
        checkOffsets(h, buf, from, end, from + r);
        List<Field> fields = new ArrayList<>();
        for (int i = 0; i < h.headerCount(); i++) {
            fields.add(new Field(text(buf, h.nameStart(i), h.nameEnd(i)), text(buf, h.valueStart(i), h.valueEnd(i)),
                    h.headerId(i)));
        }
        String method = text(buf, h.methodStart(), h.methodEnd());
        Head head = new Head(method, h.method(), text(buf, h.targetStart(), h.targetEnd()),
                text(buf, h.pathStart(), h.pathEnd()),
                h.queryStart() < 0 ? null : text(buf, h.queryStart(), h.queryEnd()),
                h.authorityStart() < 0 ? null : text(buf, h.authorityStart(), h.authorityEnd()),
                h.minorVersion(), List.copyOf(fields), h.contentLength(), h.chunked(), h.keepAlive(),
                h.expectContinue(), h.hostIndex());
        checkMeaning(head);
        return new Outcome(r, null, h.start() - base, head);
    }

    /** Every offset lies in [from, end) and in order, and the bytes at the boundaries are the delimiters. */
    private static void checkOffsets(RequestHead h, ByteBuffer buf, int from, int end, int headEnd) {
        assertThat(h.end()).as("end").isEqualTo(headEnd).isLessThanOrEqualTo(end);
        assertThat(text(buf, headEnd - 4, headEnd)).as("bytes before the end").isEqualTo("\r\n\r\n");
        assertThat(h.start()).as("start").isBetween(from, headEnd).isEqualTo(h.methodStart());
        assertThat(h.methodEnd()).as("method end").isGreaterThan(h.methodStart()).isEqualTo(h.targetStart() - 1);
        assertThat(buf.get(h.methodEnd())).as("byte after the method").isEqualTo((byte) ' ');
        assertThat(h.targetEnd()).as("target end").isGreaterThan(h.targetStart()).isLessThan(headEnd);
        assertThat(buf.get(h.targetEnd())).as("byte after the target").isEqualTo((byte) ' ');
        assertThat(h.pathStart()).as("path start").isBetween(h.targetStart(), h.targetEnd());
        assertThat(h.pathEnd()).as("path end").isBetween(h.pathStart(), h.targetEnd());
        if (h.queryStart() < 0) {
            assertThat(h.queryEnd()).as("query end without a query").isEqualTo(-1);
        } else {
            assertThat(h.queryStart()).as("query start").isBetween(h.pathEnd() + 1, h.targetEnd());
            assertThat(buf.get(h.queryStart() - 1)).as("byte before the query").isEqualTo((byte) '?');
            assertThat(h.queryEnd()).as("query end").isEqualTo(h.targetEnd());
        }
        if (h.authorityStart() < 0) {
            assertThat(h.authorityEnd()).as("authority end without an authority").isEqualTo(-1);
        } else {
            assertThat(h.authorityStart()).as("authority start").isBetween(h.targetStart(), h.targetEnd());
            assertThat(h.authorityEnd()).as("authority end").isBetween(h.authorityStart(), h.pathStart());
        }
        int previous = h.targetEnd();
        for (int i = 0; i < h.headerCount(); i++) {
            assertThat(h.nameStart(i)).as("name start %d", i).isGreaterThan(previous);
            assertThat(h.nameEnd(i)).as("name end %d", i).isGreaterThan(h.nameStart(i));
            assertThat(buf.get(h.nameEnd(i))).as("byte after name %d", i).isEqualTo((byte) ':');
            assertThat(h.valueStart(i)).as("value start %d", i).isGreaterThan(h.nameEnd(i));
            assertThat(h.valueEnd(i)).as("value end %d", i).isBetween(h.valueStart(i), headEnd - 4);
            previous = h.valueEnd(i);
        }
    }

    /** The head agrees with a plain reading of its own method, version and fields (RFC 9110, RFC 9112). */
    private static void checkMeaning(Head h) {
        assertThat(Methods.name(h.methodId())).as("method id of %s", h.method())
                .isEqualTo(List.of("GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH")
                        .contains(h.method()) ? h.method() : "OTHER");
        assertThat(h.method().chars().allMatch(RequestParserFuzzTest::isTchar)).as("method is a token").isTrue();
        checkTarget(h);
        List<String> contentLengths = new ArrayList<>();
        List<String> codings = new ArrayList<>();
        List<String> connection = new ArrayList<>();
        int hosts = 0;
        boolean expect = false;
        for (Field f : h.fields()) {
            String name = f.name().toLowerCase(Locale.ROOT);
            assertThat(f.name().chars().allMatch(RequestParserFuzzTest::isTchar)).as("name %s", f.name()).isTrue();
            assertThat(f.value().chars().allMatch(c -> c == '\t' || c >= 0x20 && c != 0x7F))
                    .as("value of %s has no controls", f.name()).isTrue();
            assertThat(f.value()).as("value of %s is trimmed", f.name())
                    .doesNotStartWith(" ").doesNotStartWith("\t").doesNotEndWith(" ").doesNotEndWith("\t");
            assertThat(HeaderNames.name(f.id())).as("id of %s", f.name()).isEqualTo(knownName(name));
            switch (name) {
                case "content-length" -> contentLengths.add(f.value());
                case "transfer-encoding" -> codings.addAll(elements(f.value()));
                case "connection" -> connection.addAll(elements(f.value()));
                case "host" -> hosts++;
                case "expect" -> {
                    assertThat(f.value()).as("Expect").isEqualToIgnoringCase("100-continue");
                    expect = true;
                }
                default -> {
                }
            }
        }
        // RFC 9112 §6.3: one Content-Length of digits, or chunked last and once, never both.
        assertThat(contentLengths).as("Content-Length fields").hasSizeLessThanOrEqualTo(1);
        if (contentLengths.isEmpty()) {
            assertThat(h.contentLength()).as("Content-Length").isEqualTo(-1);
        } else {
            assertThat(contentLengths.getFirst()).as("Content-Length").matches("[0-9]+");
            assertThat(h.contentLength()).as("Content-Length")
                    .isEqualTo(new BigInteger(contentLengths.getFirst()).longValueExact());
        }
        assertThat(h.chunked()).as("chunked, from codings %s", codings).isEqualTo(!codings.isEmpty());
        if (h.chunked()) {
            assertThat(codings).as("codings").containsExactly("chunked");
            assertThat(h.contentLength()).as("Content-Length with chunked").isEqualTo(-1);
            assertThat(h.minorVersion()).as("version with chunked").isEqualTo(1);
        }
        // RFC 9112 §3.2: exactly one Host in HTTP/1.1, at most one in HTTP/1.0.
        assertThat(hosts).as("Host fields").isEqualTo(h.minorVersion() == 1 ? 1 : hosts).isLessThanOrEqualTo(1);
        assertThat(h.hostIndex() < 0 ? "" : h.fields().get(h.hostIndex()).name().toLowerCase(Locale.ROOT))
                .as("field at the Host index").isEqualTo(hosts == 0 ? "" : "host");
        // RFC 9112 §9.3: persistent unless close; HTTP/1.0 only with keep-alive.
        assertThat(h.keepAlive()).as("keep-alive, from Connection %s", connection).isEqualTo(
                !connection.contains("close") && (h.minorVersion() == 1 || connection.contains("keep-alive")));
        assertThat(h.expectContinue()).as("expect-continue").isEqualTo(expect && h.minorVersion() == 1);
    }

    /** The target has only visible ASCII but '#', and its form fits the method (RFC 9112 §3.2). */
    private static void checkTarget(Head h) {
        String t = h.target();
        assertThat(t.chars().allMatch(c -> c > 0x20 && c < 0x7F && c != '#')).as("target bytes").isTrue();
        if (h.methodId() == Methods.CONNECT) {
            assertThat(h.authority()).as("authority of CONNECT").isEqualTo(t);
            assertThat(h.path()).as("path of CONNECT").isEmpty();
            assertThat(h.query()).as("query of CONNECT").isNull();
        } else if (t.startsWith("/")) {
            int q = t.indexOf('?');
            assertThat(h.path()).as("path").isEqualTo(q < 0 ? t : t.substring(0, q));
            assertThat(h.query()).as("query").isEqualTo(q < 0 ? null : t.substring(q + 1));
            assertThat(h.authority()).as("authority of origin-form").isNull();
        } else if (t.equals("*")) {
            assertThat(h.methodId()).as("method of asterisk-form").isEqualTo(Methods.OPTIONS);
        } else {
            assertThat(t.toLowerCase(Locale.ROOT)).as("absolute-form").matches("https?://.*");
            assertThat(h.authority()).as("authority of absolute-form").isNotEmpty();
        }
    }

    /** @return the lower-cased, OWS-trimmed, non-empty elements of a comma-separated list (RFC 9110 §5.6.1) */
    private static List<String> elements(String value) {
        List<String> elements = new ArrayList<>();
        for (String e : value.split(",", -1)) {
            int from = 0;
            int to = e.length();
            while (from < to && (e.charAt(from) == ' ' || e.charAt(from) == '\t')) {
                from++;
            }
            while (to > from && (e.charAt(to - 1) == ' ' || e.charAt(to - 1) == '\t')) {
                to--;
            }
            if (from < to) {
                elements.add(e.substring(from, to).toLowerCase(Locale.ROOT));
            }
        }
        return elements;
    }

    private static String knownName(String lowerCaseName) {
        for (int id = 1; !HeaderNames.name(id).isEmpty(); id++) {
            if (HeaderNames.name(id).equals(lowerCaseName)) {
                return lowerCaseName;
            }
        }
        return "";
    }

    private static boolean isTchar(int c) {
        return c > 0x20 && c < 0x7F && "\"(),/:;<=>?@[\\]{}".indexOf(c) < 0;
    }

    private static String text(ByteBuffer buf, int from, int to) {
        byte[] b = new byte[to - from];
        buf.get(from, b);
        return new String(b, StandardCharsets.ISO_8859_1);
    }
}
