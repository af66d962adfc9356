package dev.pronto.benchmarks;

import dev.pronto.App;
import dev.pronto.Response;
import dev.pronto.ServerConfig;
import dev.pronto.app.Dispatcher;
import dev.pronto.engine.Engine;
import dev.pronto.http1.MemoryExchange;

import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
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

/**
 * The whole request → response path of one connection in memory ({@link MemoryExchange}): read, parse, dispatch,
 * encode the hello-world response into the write batch, one write. {@code dispatcher*} answers from a bare
 * {@link Dispatcher}; {@code app*} goes through a real {@link App}: its router, filter chain and handler;
 * {@code json*} is the same App answering {@code GET /json} with {@code Response.json(Map.of("message", "Hello,
 * World!"))}, serialised by {@code pronto-json} (Jackson) on every request, as bench/'s JSON workload does. Run with
 * {@code -prof gc}: in steady state the hello-world paths should allocate about 0 B/op; the JSON path's figure is
 * what one serialisation and its {@code Response} cost.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Thread)
public class ExchangeBenchmark {
    private static final Response HELLO = Response.text("Hello world!");

    private final ByteBuffer oneGet = SampleRequests.direct(SampleRequests.SMALL_GET);
    private final ByteBuffer pipelinedGets = SampleRequests.direct(SampleRequests.PIPELINED_GETS);
    private final ByteBuffer oneJsonGet = SampleRequests.direct(SampleRequests.SMALL_JSON_GET);
    private final ByteBuffer pipelinedJsonGets = SampleRequests.direct(SampleRequests.PIPELINED_JSON_GETS);
    private final ByteBuffer out = ByteBuffer.allocateDirect(64 * 1024);
    private MemoryExchange plain;
    private MemoryExchange routed;

    @Setup
    public void setUp() throws ReflectiveOperationException {
        plain = new MemoryExchange(ServerConfig.defaults(), exchange -> exchange.respond(HELLO));
        App app = new App()
                .get("/", request -> HELLO)
                .get("/json", request -> Response.json(Map.of("message", "Hello, World!")))
                .get("/users/{id}", request -> Response.text(request.pathParam("id")));
        routed = new MemoryExchange(ServerConfig.defaults(), dispatcher(app));
        for (MemoryExchange e : new MemoryExchange[] {plain, routed}) {
            SampleRequests.expect(answers(e, oneGet) == 1, "one GET");
            SampleRequests.expect(answers(e, pipelinedGets) == SampleRequests.PIPELINE_DEPTH, "pipelined GETs");
        }
        SampleRequests.expect(answers(routed, oneJsonGet) == 1, "one JSON GET");
        SampleRequests.expect(answers(routed, pipelinedJsonGets) == SampleRequests.PIPELINE_DEPTH, "pipelined JSON GETs");
        SampleRequests.expect(new String(lastOutput(), StandardCharsets.US_ASCII).endsWith("{\"message\":\"Hello, World!\"}"),
                "the JSON body");
    }

    /**
     * The engine's view of an app. {@code App.engine()} is package-private on purpose (the public API is
     * {@code start}/{@code run}, which open sockets); the benchmarks run on the class path, where reflection may
     * open it, so that the app path can be measured without a network.
     */
    private static Dispatcher dispatcher(App app) throws ReflectiveOperationException {
        Method m = App.class.getDeclaredMethod("engine");
        m.setAccessible(true);
        return ((Engine) m.invoke(app)).dispatcher();
    }

    @Benchmark
    public long dispatcherOneGet() {
        return exchange(plain, oneGet);
    }

    /** Per request: the 24 requests of one read, answered with one write, divided by 24. */
    @Benchmark
    @OperationsPerInvocation(SampleRequests.PIPELINE_DEPTH)
    public long dispatcherPipelinedGets() {
        return exchange(plain, pipelinedGets);
    }

    @Benchmark
    public long appOneGet() {
        return exchange(routed, oneGet);
    }

    /** Per request, as {@link #dispatcherPipelinedGets}. */
    @Benchmark
    @OperationsPerInvocation(SampleRequests.PIPELINE_DEPTH)
    public long appPipelinedGets() {
        return exchange(routed, pipelinedGets);
    }

    /** {@code GET /json} through the App: routing, {@code Map.of}, Jackson, the response. */
    @Benchmark
    public long jsonOneGet() {
        return exchange(routed, oneJsonGet);
    }

    /** Per request, as {@link #dispatcherPipelinedGets}. */
    @Benchmark
    @OperationsPerInvocation(SampleRequests.PIPELINE_DEPTH)
    public long jsonPipelinedGets() {
        return exchange(routed, pipelinedJsonGets);
    }

    /** Delivers {@code request} as one read; returns the bytes written back. */
    private long exchange(MemoryExchange e, ByteBuffer request) {
        request.rewind();
        out.clear();
        return e.exchange(request, out);
    }

    /** Exchanges once and counts the 200 responses written back, checking that the connection stays open. */
    private int answers(MemoryExchange e, ByteBuffer request) {
        long written = exchange(e, request);
        byte[] bytes = lastOutput();
        String text = new String(bytes, StandardCharsets.US_ASCII);
        SampleRequests.expect(written == bytes.length && e.isOpen() && e.writes() == 1, "one write, still open");
        return text.split("HTTP/1.1 200 OK\r\n", -1).length - 1;
    }

    private byte[] lastOutput() {
        byte[] bytes = new byte[out.position()];
        out.get(0, bytes);
        return bytes;
    }
}
