package dev.pronto.examples;

import dev.pronto.App;
import dev.pronto.HttpException;
import dev.pronto.ProblemException;
import dev.pronto.Response;
import dev.pronto.Status;

import java.util.List;

/**
 * Error handlers: one per exception type (the most specific registered type wins), {@link HttpException} for errors
 * that carry their own status, and a catch-all for everything else. Unknown paths arrive as an
 * {@code HttpException} with status 404; a head that cannot be parsed goes to the rejection hook.
 */
final class ExceptionsExample {
    private ExceptionsExample() {
    }

    /** Thrown by {@code /cat}. */
    static final class KittyError extends RuntimeException {
        private static final long serialVersionUID = 1L;

        KittyError() {
            super("meow");
        }
    }

    /** Thrown by {@code /dog}. */
    static final class DoggieError extends RuntimeException {
        private static final long serialVersionUID = 1L;

        DoggieError() {
            super("woof");
        }
    }

    static App app() {
        App app = new App();
        app.get("/cat", request -> {
            throw new KittyError();
        });
        app.get("/dog", request -> {
            throw new DoggieError();
        });
        app.get("/teapot", request -> {
            throw new HttpException(418, "I'm a teapot, not a coffee machine");
        });
        // /divide/1/0 throws ArithmeticException, /divide/one/2 NumberFormatException: no handler of their own.
        app.get("/divide/{a}/{b}", request -> Response.text(String.valueOf(
                Integer.parseInt(request.pathParam("a")) / Integer.parseInt(request.pathParam("b")))));

        app.exception(KittyError.class, (request, e) -> Response.text("Just a kitty, " + e.getMessage()));
        app.exception(DoggieError.class, (request, e) -> Response.text("Just a doggie, " + e.getMessage()));
        // ProblemException is more specific than HttpException: this one passes it through, with the instance.
        app.exception(ProblemException.class, (request, e) -> e.toProblem(request));
        // HttpException is more specific than Exception, so this one answers 404, 405 and /teapot.
        app.exception(HttpException.class, (request, e) -> e.status() == Status.NOT_FOUND
                ? Response.text(404, "Are you lost, pal?\n")
                : e.toResponse());
        // Input so malformed that it never became a request reaches no error handler: this hook dresses the
        // engine's answer (400, 414, 431…). It adds headers and a body; the status and the close stay the engine's.
        app.rejection(e -> Response.text(e.status(), "Not even a request: " + e.getMessage() + "\n")
                .withHeader("X-Rejected-By", "pronto"));
        // The catch-all: what no handler above takes.
        app.exception(Exception.class, (request, e) -> {
            System.err.println("Failed " + request + ": " + e);
            return Response.text(500, "Something went wrong: " + e.getClass().getSimpleName() + "\n");
        });
        // An RFC 9457 problem document with members of its own, whatever app.problemDetails says.
        app.get("/orders/{id}", request -> {
            throw new ProblemException(403, "Your balance is 30, but that costs 50")
                    .withType("https://example.com/probs/out-of-credit")
                    .withTitle("You do not have enough credit")
                    .with("balance", 30)
                    .with("accounts", List.of("/account/12345", "/account/67890"));
        });
        return app;
    }
}
