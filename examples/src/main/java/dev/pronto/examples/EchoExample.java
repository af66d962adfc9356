package dev.pronto.examples;

import dev.pronto.Method;
import dev.pronto.Response;
import dev.pronto.Server;
import dev.pronto.ServerConfig;

/**
 * Echo: POST and PUT get their request body back byte for byte (Content-Length or chunked, read completely first),
 * with the request's content type; every other request gets {@code OK}.
 */
final class EchoExample {
    private static final Response OK = Response.text("OK");

    private EchoExample() {
    }

    static Server start(ServerConfig config) {
        return Server.start(config, request -> {
            Method m = request.method();
            if (m != Method.POST && m != Method.PUT) {
                return OK;
            }
            Response echo = Response.bytes(request.body());
            return request.header("Content-Type").map(echo::withContentType).orElse(echo);
        });
    }
}
