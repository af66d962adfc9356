package dev.pronto.benchmarks;

import dev.pronto.router.RoutePattern;
import dev.pronto.router.Router;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * {@link Router#match} over a 20-route table of a small REST service, reading the raw path from a direct buffer as
 * the engine does (the path sits after {@code "GET "} inside the buffer), into one reused {@link Router.Match}.
 * Static paths are one hash probe; placeholders walk the segment trie and decode each value into a String; a path
 * with a {@code %} escape is copied and decoded first. {@code tailParameter} routes a static folder's file through
 * the same table plus a {@code {path...}} tail route (a table of its own, so that the other cases measure the same
 * 20 routes as before tail parameters existed): the trie backtracks from the placeholders to the tail and joins the
 * rest of the path into one value.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Thread)
public class RouterBenchmark {
    private static final List<String> ROUTES = List.of(
            "/",
            "/health",
            "/metrics",
            "/login",
            "/logout",
            "/api/v1/status",
            "/api/v1/users",
            "/api/v1/orders",
            "/static/app.js",
            "/static/app.css",
            "/users/{id}",
            "/users/{id}/posts",
            "/users/{id}/posts/{postId}",
            "/users/{id}/followers",
            "/orders/{orderId}",
            "/orders/{orderId}/items/{itemId}",
            "/search/{term}",
            "/files/{name}",
            "/teams/{team}/members/{member}",
            "/teams/{team}/settings");

    private final Router.Match<String> match = new Router.Match<>();
    private Router<String> router;
    private Router<String> withTail;
    private Path staticPath;
    private Path onePlaceholder;
    private Path twoPlaceholders;
    private Path percentEncoded;
    private Path notFound;
    private Path tailParameter;

    /** A request line in a direct buffer and where its path is. */
    private record Path(ByteBuffer buf, int from, int to) {
        static Path of(String path) {
            byte[] line = ("GET " + path + " HTTP/1.1\r\n").getBytes(StandardCharsets.US_ASCII);
            return new Path(SampleRequests.direct(line), 4, 4 + path.length());
        }
    }

    @Setup
    public void setUp() {
        Map<RoutePattern, String> routes = new LinkedHashMap<>();
        ROUTES.forEach(p -> routes.put(RoutePattern.parse(p), p));
        router = Router.of(routes);
        routes.put(RoutePattern.parse("/files/{path...}"), "/files/{path...}");
        withTail = Router.of(routes);
        staticPath = Path.of("/api/v1/users");
        onePlaceholder = Path.of("/users/12345");
        twoPlaceholders = Path.of("/orders/98765/items/42");
        percentEncoded = Path.of("/search/caf%C3%A9%20au%20lait");
        // Shares "/users/{id}/" with four routes, so the trie walks and backtracks before giving up.
        notFound = Path.of("/users/12345/likes");
        tailParameter = Path.of("/files/css/site/main.css");

        SampleRequests.expect(route(staticPath) == Router.Result.FOUND && "/api/v1/users".equals(match.value()), "static");
        SampleRequests.expect(route(onePlaceholder) == Router.Result.FOUND && match.params()[0].equals("12345"), "one");
        SampleRequests.expect(route(twoPlaceholders) == Router.Result.FOUND && match.params().length == 2, "two");
        SampleRequests.expect(route(percentEncoded) == Router.Result.FOUND
                && match.params()[0].equals("café au lait"), "percent-encoded");
        SampleRequests.expect(route(notFound) == Router.Result.NOT_FOUND, "404");
        SampleRequests.expect(withTail.match(tailParameter.buf(), tailParameter.from(), tailParameter.to(), match)
                == Router.Result.FOUND && match.params()[0].equals("css/site/main.css"), "tail");
    }

    @Benchmark
    public void staticPath(Blackhole bh) {
        consume(route(staticPath), bh);
    }

    @Benchmark
    public void onePlaceholder(Blackhole bh) {
        consume(route(onePlaceholder), bh);
    }

    @Benchmark
    public void twoPlaceholders(Blackhole bh) {
        consume(route(twoPlaceholders), bh);
    }

    @Benchmark
    public void percentEncoded(Blackhole bh) {
        consume(route(percentEncoded), bh);
    }

    @Benchmark
    public void notFound(Blackhole bh) {
        consume(route(notFound), bh);
    }

    @Benchmark
    public void tailParameter(Blackhole bh) {
        consume(withTail.match(tailParameter.buf(), tailParameter.from(), tailParameter.to(), match), bh);
    }

    private Router.Result route(Path p) {
        return router.match(p.buf(), p.from(), p.to(), match);
    }

    private void consume(Router.Result result, Blackhole bh) {
        bh.consume(result);
        bh.consume(match.value());
        bh.consume(match.params());
    }
}
