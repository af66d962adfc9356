package dev.pronto.examples;

import dev.pronto.App;
import dev.pronto.Response;

/**
 * Hello world: {@code GET /} answers {@code Hello world!}. The response is a constant, so the engine encodes its head
 * once and every request after that costs one copy and no allocation: the path the benchmark measures.
 */
final class HelloExample {
    private static final Response HELLO = Response.text("Hello world!");

    private HelloExample() {
    }

    static App app() {
        return new App().get("/", request -> HELLO);
    }
}
