package dev.pronto.benchmarks;

import dev.pronto.http.Methods;
import dev.pronto.parser.HeadLimits;
import dev.pronto.parser.HeaderNames;
import dev.pronto.parser.RequestHead;
import dev.pronto.parser.RequestParser;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * {@link RequestParser} on the three {@link SampleRequests}, from a direct buffer into one reused {@link RequestHead}.
 * The parser validates every byte and leaves a table of int offsets: method as a constant, target, and per header
 * field the name's and value's bounds and a known-name id; no String, no header object. The peer baseline is
 * {@link NettyDecoderBenchmark}, whose methods have the same names and inputs. {@link #browserGetWithStrings} adds
 * Strings like those Netty makes eagerly (the URI, every header value, unknown names) to show what laziness saves.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Thread)
public class ParserBenchmark {
    private final RequestParser parser = new RequestParser(new HeadLimits(8192, 16384, 100));
    private final RequestHead head = new RequestHead(100);
    private ByteBuffer small;
    private ByteBuffer browser;
    private ByteBuffer pipelined;

    @Setup
    public void setUp() {
        small = SampleRequests.direct(SampleRequests.SMALL_GET);
        browser = SampleRequests.direct(SampleRequests.BROWSER_GET);
        pipelined = SampleRequests.direct(SampleRequests.PIPELINED_GETS);
        // Measure the success path only: every input must parse whole, with the expected fields.
        SampleRequests.expect(parseOne(small, null) == small.limit() && head.headerCount() == 1, "small GET");
        SampleRequests.expect(parseOne(browser, null) == browser.limit() && head.headerCount() == 10, "browser GET");
        SampleRequests.expect(parseAll(pipelined, null) == SampleRequests.PIPELINE_DEPTH, "pipelined GETs");
    }

    @Benchmark
    public int smallGet(Blackhole bh) {
        return parseOne(small, bh);
    }

    @Benchmark
    public int browserGet(Blackhole bh) {
        return parseOne(browser, bh);
    }

    /** Per request: the time of the whole batch of 24 divided by 24. */
    @Benchmark
    @OperationsPerInvocation(SampleRequests.PIPELINE_DEPTH)
    public int pipelinedGets(Blackhole bh) {
        return parseAll(pipelined, bh);
    }

    /** The browser GET, then Strings like Netty's: the URI, every header value, and the names not known. */
    @Benchmark
    public int browserGetWithStrings(Blackhole bh) {
        int n = parseOne(browser, bh);
        bh.consume(Methods.name(head.method()));
        bh.consume(latin1(browser, head.targetStart(), head.targetEnd()));
        for (int i = 0; i < head.headerCount(); i++) {
            int id = head.headerId(i);
            bh.consume(id != HeaderNames.UNKNOWN ? HeaderNames.name(id)
                    : latin1(browser, head.nameStart(i), head.nameEnd(i)));
            bh.consume(latin1(browser, head.valueStart(i), head.valueEnd(i)));
        }
        return n;
    }

    /** Parses the one request in {@code buf}; a finished head needs no reset before the next parse. */
    private int parseOne(ByteBuffer buf, Blackhole bh) {
        int n = parser.parse(buf, 0, buf.limit(), head);
        if (bh != null) {
            consumeHead(bh);
        }
        return n;
    }

    /** Parses every request in {@code buf}, as the connection loop does with one read; returns how many. */
    private int parseAll(ByteBuffer buf, Blackhole bh) {
        int count = 0;
        int at = 0;
        int end = buf.limit();
        while (at < end) {
            int n = parser.parse(buf, at, end, head);
            if (n <= 0) {
                break;
            }
            if (bh != null) {
                consumeHead(bh);
            }
            at += n;
            count++;
        }
        return count;
    }

    /** What a request needs from the head, and what Netty's HttpRequest holds: method, URI and header fields. */
    private void consumeHead(Blackhole bh) {
        bh.consume(head.method());
        bh.consume(head.targetStart());
        bh.consume(head.targetEnd());
        bh.consume(head.headerCount());
    }

    private static String latin1(ByteBuffer buf, int from, int to) {
        byte[] b = new byte[to - from];
        buf.get(from, b);
        return new String(b, StandardCharsets.ISO_8859_1);
    }
}
