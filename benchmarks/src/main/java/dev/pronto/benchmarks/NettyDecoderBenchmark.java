package dev.pronto.benchmarks;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpRequestDecoder;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;

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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The peer baseline of {@link ParserBenchmark}: Netty's {@link HttpRequestDecoder} in an {@link EmbeddedChannel},
 * on the same {@link SampleRequests} in a direct buffer, with the same limits (8192-byte request line, 16384 bytes
 * of header) and Netty's default validation otherwise. For each request Netty makes a {@code DefaultHttpRequest}
 * holding an {@code HttpMethod}, the URI as a String and a {@code DefaultHttpHeaders} map of names (an
 * {@code AsciiString}, a constant for well-known ones) and String values, then a {@code LastHttpContent}: everything
 * is built eagerly, where our parser keeps offsets.
 *
 * <p>The input buffer is allocated once and retained before each write, so no buffer allocation is measured: the
 * decoder releases it once consumed, and the next operation rewinds it. The channel pipeline adds a fixed cost per
 * write (not per request); {@link #channelPassThrough} measures that alone.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Thread)
public class NettyDecoderBenchmark {
    private EmbeddedChannel channel;
    private EmbeddedChannel emptyChannel;
    private ByteBuf small;
    private ByteBuf browser;
    private ByteBuf pipelined;

    @Setup
    public void setUp() {
        HttpDecoderConfig config = new HttpDecoderConfig().setMaxInitialLineLength(8192).setMaxHeaderSize(16384);
        channel = new EmbeddedChannel(new HttpRequestDecoder(config));
        emptyChannel = new EmbeddedChannel();
        small = direct(SampleRequests.SMALL_GET);
        browser = direct(SampleRequests.BROWSER_GET);
        pipelined = direct(SampleRequests.PIPELINED_GETS);
        // Measure the success path only: each request decodes to a valid HttpRequest and its LastHttpContent.
        SampleRequests.expect(decode(small, null) == 1 && checked(small, 1), "small GET");
        SampleRequests.expect(decode(browser, null) == 1 && checked(browser, 10), "browser GET");
        SampleRequests.expect(decode(pipelined, null) == SampleRequests.PIPELINE_DEPTH, "pipelined GETs");
        // The decoder gave every input back: only our own reference is left, so reuse cannot leak or double-free.
        SampleRequests.expect(small.refCnt() == 1 && browser.refCnt() == 1 && pipelined.refCnt() == 1, "refCnt");
    }

    @TearDown
    public void tearDown() {
        channel.finishAndReleaseAll();
        emptyChannel.finishAndReleaseAll();
        small.release();
        browser.release();
        pipelined.release();
    }

    @Benchmark
    public int smallGet(Blackhole bh) {
        return decode(small, bh);
    }

    @Benchmark
    public int browserGet(Blackhole bh) {
        return decode(browser, bh);
    }

    /** Per request: the time of the whole batch of 24 divided by 24. */
    @Benchmark
    @OperationsPerInvocation(SampleRequests.PIPELINE_DEPTH)
    public int pipelinedGets(Blackhole bh) {
        return decode(pipelined, bh);
    }

    /** The harness alone: the small GET's buffer through a channel without handlers, and back out. */
    @Benchmark
    public Object channelPassThrough() {
        small.retain().readerIndex(0);
        emptyChannel.writeOneInbound(small, emptyChannel.voidPromise());
        emptyChannel.flushInbound();
        Object msg = emptyChannel.readInbound();
        ReferenceCountUtil.release(msg);
        return msg;
    }

    /** Writes {@code input} as one read, then takes every decoded object out and releases it; returns the requests. */
    private int decode(ByteBuf input, Blackhole bh) {
        input.retain().readerIndex(0); // the decoder releases it once fully read
        channel.writeOneInbound(input, channel.voidPromise());
        channel.flushInbound();
        int requests = 0;
        Object msg;
        while ((msg = channel.readInbound()) != null) {
            if (msg instanceof HttpRequest request) {
                requests += request.decoderResult().isSuccess() ? 1 : 0;
                if (bh != null) {
                    bh.consume(request.method());
                    bh.consume(request.uri());
                    bh.consume(request.headers());
                }
            } else if (bh != null) {
                bh.consume(msg);
            }
            ReferenceCountUtil.release(msg);
        }
        return requests;
    }

    /** Decodes once more and checks the header count and that every request ends with its LastHttpContent. */
    private boolean checked(ByteBuf input, int headers) {
        input.retain().readerIndex(0);
        channel.writeInbound(input);
        HttpRequest request = channel.readInbound();
        Object last = channel.readInbound();
        boolean ok = request.decoderResult().isSuccess() && request.headers().size() == headers
                && last instanceof LastHttpContent && channel.readInbound() == null;
        ReferenceCountUtil.release(last);
        return ok;
    }

    private static ByteBuf direct(byte[] bytes) {
        return Unpooled.directBuffer(bytes.length).writeBytes(bytes);
    }
}
