package dev.pronto.benchmarks;

import dev.pronto.Response;
import dev.pronto.response.HttpDate;
import dev.pronto.response.ResponseEncoder;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@link ResponseEncoder#encodeHead} into a direct buffer, like the connection's write batch, with the loop's
 * {@link HttpDate} and encoder. The encoder keeps the fixed head (status line, Content-Type, Content-Length, its
 * headers) of a response encoded twice, so a constant response costs a lookup, one copy and the Date line; a response
 * built per request costs a lookup that misses, and is encoded field by field.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Thread)
public class EncoderBenchmark {
    private static final Response HELLO = Response.text("Hello world!");

    private final HttpDate date = new HttpDate();
    private final ResponseEncoder encoder = new ResponseEncoder();
    private final ByteBuffer out = ByteBuffer.allocateDirect(4096);
    private String requestId;

    @Setup
    public void setUp() {
        date.update(System.currentTimeMillis());
        // Not a compile-time constant, so that the JIT cannot fold the fresh response's headers.
        requestId = Long.toString(System.nanoTime() & 0xFFFF);
        encoder.encodeHead(HELLO, ResponseEncoder.KEEP_ALIVE_DEFAULT, date, out.clear());
        encoder.encodeHead(HELLO, ResponseEncoder.KEEP_ALIVE_DEFAULT, date, out.clear()); // now cached
    }

    /** The constant hello-world response: its cached head, then Date and the final CRLF. */
    @Benchmark
    public int cachedHead() {
        out.clear();
        encoder.encodeHead(HELLO, ResponseEncoder.KEEP_ALIVE_DEFAULT, date, out);
        return out.position();
    }

    /**
     * A response built for this request with two extra headers, encoded once (never cached). Includes building the
     * response; {@link #freshResponseOnly} measures that part alone.
     */
    @Benchmark
    public int uncachedHead() {
        out.clear();
        encoder.encodeHead(freshResponse(), ResponseEncoder.KEEP_ALIVE_DEFAULT, date, out);
        return out.position();
    }

    /** The baseline of {@link #uncachedHead}: building the response without encoding it. */
    @Benchmark
    public Response freshResponseOnly() {
        return freshResponse();
    }

    private Response freshResponse() {
        return Response.text("Hello world!").withHeader("X-Request-Id", requestId)
                .withHeader("Cache-Control", "no-store");
    }
}
