package dev.pronto.app;

import dev.pronto.HttpException;
import dev.pronto.Response;

/**
 * A rejection the engine decided, as the application's hooks see it: an {@link HttpException} with the engine's
 * status, message and headers (such as {@code Retry-After}), whose {@link #toResponse()} is the engine's built-in
 * plain-text answer and whose {@link #toProblem(dev.pronto.Request)} is that answer as a problem document.
 */
final class Rejection extends HttpException {
    private static final long serialVersionUID = 1L;

    /** The built-in answer; not part of the exception's serial form. */
    private final transient Response builtIn;

    Rejection(int status, String message, Response builtIn) {
        super(status, message);
        this.builtIn = builtIn;
        for (var field : builtIn.headers()) { // Retry-After and the like: on the problem form too
            withHeader(field.getKey(), field.getValue());
        }
    }

    /** The engine's decision, not a failure: no stack trace to fill (it would point into the engine only). */
    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }

    @Override
    public Response toResponse() {
        return builtIn;
    }
}
