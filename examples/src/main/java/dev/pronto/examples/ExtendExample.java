package dev.pronto.examples;

import dev.pronto.App;
import dev.pronto.Extension;
import dev.pronto.Response;
import dev.pronto.Status;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Extending requests: a typed {@link Extension} (the current user, read from the {@code X-User} header) computed once
 * per request and shared by a route group's before filter and the handler; an after filter that adds headers to every
 * response, errors included; completion callbacks run once a response has gone out; start and stop hooks.
 */
final class ExtendExample {
    /** The user a request comes from. */
    record User(String name) {
        static final User ANONYMOUS = new User("stranger");

        boolean isAnonymous() {
            return this == ANONYMOUS;
        }
    }

    /** The current user: computed on first use, then kept for the rest of the request. */
    static final Extension<User> USER = Extension.of(request ->
            request.header("X-User").filter(name -> !name.isBlank()).map(User::new).orElse(User.ANONYMOUS));

    private ExtendExample() {
    }

    static App app() {
        AtomicLong delivered = new AtomicLong();
        App app = new App();
        app.onStart(() -> System.out.println("extend: starting"));
        app.onStop(() -> System.out.println("extend: " + delivered.get() + " callback responses delivered"));

        // After filters see every response: from handlers, before filters, error handlers, 404 and 405.
        app.after((request, response) -> response.withHeader("Access-Control-Allow-Origin", "*"));

        app.get("/hello", request -> Response.text("Hello " + request.get(USER).name() + "!"));
        // A group's filters run for its routes only. Before filters may answer early: anonymous users stay out.
        app.group("/admin", admin -> {
            admin.before(request -> request.get(USER).isAnonymous()
                    ? Response.text(Status.UNAUTHORIZED, "Who are you? Send X-User.\n")
                    : null);
            admin.get("", request -> Response.text("Welcome to the control room, " + request.get(USER).name()));
        });
        app.get("/callback", request -> {
            // Runs on the event loop once the response has been handed to the network (or the client has gone).
            request.onComplete(written -> {
                if (written) {
                    delivered.incrementAndGet();
                }
            });
            return Response.text("A callback will count this response once it is sent");
        });
        app.get("/stats", request -> Response.text("Responses delivered with a callback: " + delivered.get()));
        return app;
    }
}
