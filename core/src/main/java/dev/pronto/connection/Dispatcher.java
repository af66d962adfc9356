package dev.pronto.connection;

/**
 * What the engine calls for each request: routing and handler invocation live behind it. Called on the loop thread.
 */
@FunctionalInterface
public interface Dispatcher {
    /**
     * Starts answering a request.
     *
     * @param request the request, valid until this returns unless {@link HttpRequest#detach() detached}
     * @return a {@code Response}, or a {@code CompletionStage} of one; anything else, or an exception, is a 500
     * @throws Exception a failure, answered with 500
     */
    Object dispatch(HttpRequest request) throws Exception;
}
