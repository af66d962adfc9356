package dev.pronto.examples;

import dev.pronto.App;
import dev.pronto.Method;
import dev.pronto.Response;

import java.util.Set;

/**
 * Routing: a path with any method, a path with one method, a path with a set of methods, placeholders and a tail
 * parameter. An unknown path is 404; a known path with a method it does not take is 405 with {@code Allow}.
 */
final class RouterExample {
    private RouterExample() {
    }

    static App app() {
        App app = new App();
        // Exactly "/", whatever the method.
        app.route("/", request -> Response.text("Hello " + request.method() + " /!"));
        // Exactly "/love", GET only (HEAD comes with it).
        app.get("/love", request -> Response.text("Got some love"));
        // Exactly "/methods", POST or DELETE.
        app.route(Set.of(Method.POST, Method.DELETE), "/methods",
                request -> Response.text(request.method().name()));
        // "/params/" and two more segments: each placeholder takes one whole, non-empty segment.
        app.route("/params/{p1}/{p2}", request -> Response.text(request.pathParams().toString()));
        // A literal segment wins over a placeholder, whatever the order of registration.
        app.get("/users/{id}", request -> Response.text("User " + request.pathParam("id")));
        app.get("/users/me", request -> Response.text("It's you!"));
        // "/files/" and one or more segments: a last {name...} takes the rest of the path, decoded.
        app.get("/files/{path...}", request -> Response.text("File " + request.pathParam("path")));
        return app;
    }
}
