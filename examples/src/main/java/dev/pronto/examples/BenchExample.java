package dev.pronto.examples;

import dev.pronto.AccessLog;
import dev.pronto.App;
import dev.pronto.Response;
import dev.pronto.micrometer.MicrometerMetrics;

import java.util.Map;

/**
 * The routes the side-by-side benchmark (bench/run.sh) measures, as every peer serves them: {@code GET /} a constant
 * hello world, {@code GET /json} a small object serialised to JSON on every request, and {@code POST /echo} the
 * request body back.
 */
final class BenchExample {
    private static final Response HELLO = Response.text("Hello world!");

    private BenchExample() {
    }

    /**
     * The same routes with what a production service turns on: Micrometer metrics served at {@code /metrics} and a
     * JSON access log (to the JUL console handler unless configured otherwise), so the bench gives their cost.
     */
    static App observed() {
        App app = app();
        MicrometerMetrics.prometheus(app, "/metrics");
        return app.observe(AccessLog.json());
    }

    static App app() {
        return new App()
                .get("/", request -> HELLO)
                .get("/json", request -> Response.json(Map.of("message", "Hello, World!")))
                .post("/echo", request -> Response.bytes(request.body()));
    }
}
