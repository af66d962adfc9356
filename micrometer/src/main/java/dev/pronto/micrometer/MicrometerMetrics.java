package dev.pronto.micrometer;

import dev.pronto.App;
import dev.pronto.Handler;
import dev.pronto.Method;
import dev.pronto.Observation;
import dev.pronto.Observer;
import dev.pronto.Response;
import dev.pronto.ServerStats;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.http.Outcome;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;

/**
 * Records a Pronto app's exchanges and server counters in a Micrometer registry, following Micrometer's HTTP server
 * conventions, so that existing dashboards read them:
 * <ul>
 *   <li>{@code http.server.requests}, a timer tagged {@code method}, {@code uri} (the route pattern, never the raw
 *       path: {@code NOT_FOUND} for a 404 and {@code REDIRECTION} for a 3xx that matched no route, {@code UNKNOWN}
 *       otherwise), {@code status}, {@code outcome} ({@code SUCCESS}, {@code CLIENT_ERROR}…) and {@code exception}
 *       (the simple class name of what a handler threw, {@code none} when nothing did); a request whose head could
 *       not be parsed has {@code method} {@code UNKNOWN};</li>
 *   <li>gauges {@code pronto.server.connections}, {@code pronto.server.requests.active},
 *       {@code pronto.server.blocking.queued} and {@code pronto.server.blocking.running}, and the counter
 *       {@code pronto.server.loop.busy} (seconds, tagged {@code loop}), registered when the server starts;</li>
 *   <li>counters {@code pronto.server.rejections} (the engine's refusals of input, tagged {@code status}) and
 *       {@code pronto.server.timeouts} (tagged {@code phase}: {@code header}, {@code body} or {@code handler}).</li>
 * </ul>
 * Meters are looked up once per tag combination and cached; recording runs on the event loop.
 */
public final class MicrometerMetrics implements Observer {
    /** The content type of the Prometheus text exposition format 0.0.4. */
    public static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    private final MeterRegistry registry;
    private final ConcurrentMap<Key, Timer> timers = new ConcurrentHashMap<>();
    private final ConcurrentMap<Integer, Counter> rejections = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Counter> timeouts = new ConcurrentHashMap<>();

    /** The tags of one timer. */
    private record Key(String method, String uri, int status, String exception) {
    }

    private MicrometerMetrics(MeterRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    /**
     * Records the app's exchanges and, once it starts, its server's counters in a registry.
     *
     * @param app      the app, not started yet
     * @param registry where the meters go
     * @return the installed metrics
     */
    public static MicrometerMetrics install(App app, MeterRegistry registry) {
        MicrometerMetrics metrics = new MicrometerMetrics(registry);
        app.observe(metrics);
        return metrics;
    }

    /**
     * Records the app's metrics in a new Prometheus registry and serves it at {@code path}, in the text format 0.0.4,
     * from a blocking handler (a scrape does not hold an event loop).
     *
     * @param app  the app, not started yet
     * @param path the scrape route, such as {@code /metrics}
     * @return the registry, to add meters of your own
     */
    public static PrometheusMeterRegistry prometheus(App app, String path) {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        prometheus(app, path, registry);
        return registry;
    }

    /**
     * Records the app's metrics in a Prometheus registry and serves it at {@code path} (text format 0.0.4).
     *
     * @param app      the app, not started yet
     * @param path     the scrape route
     * @param registry the registry
     * @return the installed metrics
     */
    public static MicrometerMetrics prometheus(App app, String path, PrometheusMeterRegistry registry) {
        MicrometerMetrics metrics = install(app, registry);
        app.get(path, Handler.blocking(request -> Response.bytes(
                registry.scrape(PROMETHEUS_TEXT).getBytes(StandardCharsets.UTF_8)).withContentType(PROMETHEUS_TEXT)));
        return metrics;
    }

    @Override
    public void started(ServerStats stats) {
        Gauge.builder("pronto.server.connections", stats, ServerStats::openConnections)
                .description("Connections open").register(registry);
        Gauge.builder("pronto.server.requests.active", stats, ServerStats::inFlightRequests)
                .description("Requests whose handler is running").register(registry);
        Gauge.builder("pronto.server.blocking.queued", stats, ServerStats::queuedBlockingHandlers)
                .description("Blocking handlers started, waiting for a carrier thread").register(registry);
        Gauge.builder("pronto.server.blocking.running", stats, ServerStats::runningBlockingHandlers)
                .description("Blocking handlers running on virtual threads").register(registry);
        for (int i = 0; i < stats.eventLoops(); i++) {
            int loop = i;
            FunctionCounter.builder("pronto.server.loop.busy", stats, s -> s.loopBusyNanos(loop) / 1e9)
                    .baseUnit("seconds").tag("loop", Integer.toString(loop))
                    .description("Time the event loop spent handling events, not waiting for them")
                    .register(registry);
        }
    }

    @Override
    public void completed(Observation exchange) {
        int status = exchange.status();
        String method = exchange.method().map(Method::name).orElse("UNKNOWN");
        String uri = exchange.route().orElse(status == 404 ? "NOT_FOUND"
                : status >= 300 && status < 400 ? "REDIRECTION" : "UNKNOWN");
        String exception = exchange.failure().map(MicrometerMetrics::name).orElse("none");
        timers.computeIfAbsent(new Key(method, uri, status, exception), this::timer)
                .record(exchange.durationNanos(), TimeUnit.NANOSECONDS);
        if (exchange.timedOut()) {
            String phase = status == 503 ? "handler" : exchange.method().isPresent() ? "body" : "header";
            timeouts.computeIfAbsent(phase, p -> Counter.builder("pronto.server.timeouts").tag("phase", p)
                    .description("Requests the engine answered because they took too long").register(registry))
                    .increment();
        } else if (exchange.rejected()) {
            rejections.computeIfAbsent(status, s -> Counter.builder("pronto.server.rejections")
                    .tag("status", Integer.toString(s))
                    .description("Input the engine refused: malformed heads, limits, the shutdown")
                    .register(registry)).increment();
        }
    }

    private Timer timer(Key key) {
        return Timer.builder("http.server.requests")
                .description("HTTP server requests")
                .tag("method", key.method())
                .tag("uri", key.uri())
                .tag("status", Integer.toString(key.status()))
                .tag("outcome", Outcome.forStatus(key.status()).name())
                .tag("exception", key.exception())
                .register(registry);
    }

    private static String name(Throwable t) {
        String simple = t.getClass().getSimpleName();
        return simple.isEmpty() ? t.getClass().getName() : simple;
    }

    @Override
    public String toString() {
        return "MicrometerMetrics(" + registry.getClass().getSimpleName() + ")";
    }
}
