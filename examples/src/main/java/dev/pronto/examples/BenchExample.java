package dev.pronto.examples;

import dev.pronto.App;
import dev.pronto.Response;

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

    static App app() {
        return new App()
                .get("/", request -> HELLO)
                .get("/json", request -> Response.json(Map.of("message", "Hello, World!")))
                .post("/echo", request -> Response.bytes(request.body()));
    }
}
