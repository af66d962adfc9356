package dev.pronto.examples;

import dev.pronto.Response;
import dev.pronto.Server;
import dev.pronto.ServerConfig;

/**
 * Hello world: every request gets {@code Hello world!}. The response is a constant, so the engine encodes its head
 * once and every request after that costs one copy and no allocation.
 */
final class HelloExample {
    private static final Response HELLO = Response.text("Hello world!");

    private HelloExample() {
    }

    static Server start(ServerConfig config) {
        return Server.start(config, request -> HELLO);
    }
}
