package dev.pronto.app;

import dev.pronto.HttpException;
import dev.pronto.Response;

/**
 * A rejection the engine decided, as the application's hooks see it: an {@link HttpException} with the engine's
 * status and message, whose {@link #toResponse()} is the engine's built-in answer (with its own headers, such as
 * {@code Retry-After}).
 */
final class Rejection extends HttpException {
    private static final long serialVersionUID = 1L;

    /** The built-in answer; not part of the exception's serial form. */
    private final transient Response builtIn;

    Rejection(int status, String message, Response builtIn) {
        super(status, message);
        this.builtIn = builtIn;
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
