package dev.pronto.examples;

import dev.pronto.App;
import dev.pronto.Handler;
import dev.pronto.Request;
import dev.pronto.Response;
import dev.pronto.Status;

import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Dumps the request as JSON, for tests that drive the server from outside: {@code method}, {@code path},
 * {@code query_string} ({@code null} without {@code ?}), {@code headers} (the last value of a repeated name),
 * {@code match_dict}, {@code body} (base64, {@code null} when there is none) and {@code route}. The {@code /async/…}
 * routes first wait {@code ?sleep=} seconds without holding the loop. A {@code Force-Raise: v} header makes the
 * handler throw {@code ForcedException(v)}; every failure, unknown paths included, is answered 500 with the same dump
 * plus {@code exception}.
 */
final class DumpExample {
    /** What {@code Force-Raise} makes a handler throw. */
    static final class ForcedException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ForcedException(String message) {
            super(message);
        }
    }

    private DumpExample() {
    }

    static App app() {
        App app = new App();
        for (String name : new String[] {"dump", "dump1", "dump2"}) {
            app.route("/" + name + "/{p1}/{p2}", request -> Response.json(dump(request)));
            app.route("/async/" + name + "/{p1}/{p2}", Handler.async(request -> {
                double seconds = Double.parseDouble(request.queryParams().first("sleep").orElse("0"));
                return AsyncExample.sleep(Duration.ofNanos(Math.round(seconds * 1e9)))
                        .thenApply(done -> Response.json(dump(request)));
            }));
        }
        app.exception(Throwable.class, (request, e) -> {
            Map<String, Object> dump = describe(request);
            Map<String, Object> exception = new LinkedHashMap<>();
            exception.put("type", e.getClass().getSimpleName());
            exception.put("args", e.getMessage());
            dump.put("exception", exception);
            return Response.json(dump).withStatus(Status.INTERNAL_SERVER_ERROR);
        });
        return app;
    }

    private static Map<String, Object> dump(Request request) {
        request.header("Force-Raise").ifPresent(value -> {
            throw new ForcedException(value);
        });
        return describe(request);
    }

    private static Map<String, Object> describe(Request request) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (String name : request.headerNames()) {
            headers.put(titleCase(name), request.headers(name).getLast());
        }
        Map<String, Object> dump = new LinkedHashMap<>(); // LinkedHashMap: keeps the order and allows nulls
        dump.put("method", request.method().name());
        dump.put("path", request.path());
        dump.put("query_string", request.query().orElse(null));
        dump.put("headers", headers);
        dump.put("match_dict", request.pathParams());
        dump.put("body", hasBody(request) ? Base64.getEncoder().encodeToString(request.body()) : null);
        dump.put("route", request.route().orElse(null));
        return dump;
    }

    /** A request has a body when it says so (RFC 9112 §6.3), even an empty one ({@code Content-Length: 0}). */
    private static boolean hasBody(Request request) {
        return request.bodyLength() > 0 || request.header("Content-Length").isPresent()
                || request.header("Transfer-Encoding").isPresent();
    }

    /** {@code x-FOO-bar} → {@code X-Foo-Bar}, as Japronto shows header names, so each name has one spelling. */
    private static String titleCase(String name) {
        StringBuilder b = new StringBuilder(name.length());
        boolean upper = true;
        for (char c : name.toCharArray()) {
            b.append(upper ? Character.toUpperCase(c) : Character.toLowerCase(c));
            upper = !Character.isLetter(c);
        }
        return b.toString();
    }
}
