package dev.pronto;

/**
 * Middleware run around every routed request: {@link Before} filters may answer early, {@link After} filters may
 * change any response, including error responses. Register with {@link App#before} and {@link App#after}.
 */
public final class Filter {
    private Filter() {
    }

    /** Runs before the handler, in registration order. */
    @FunctionalInterface
    public interface Before {
        /**
         * Inspects a request.
         *
         * @param request the request
         * @return {@code null} to go on, or a response that answers the request without calling the handler
         * @throws Exception a failure, answered through the error handlers
         */
        Response before(Request request) throws Exception;
    }

    /** Runs after the handler (or an early answer or an error handler), in registration order. */
    @FunctionalInterface
    public interface After {
        /**
         * Changes or replaces a response.
         *
         * @param request  the request
         * @param response the response so far
         * @return the response to send (the same one to leave it as it is)
         * @throws Exception a failure, answered with a plain 500 (with the built-in answer for the engine's refusals)
         */
        Response after(Request request, Response response) throws Exception;
    }
}
