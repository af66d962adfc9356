package dev.pronto;

/**
 * Answers a request inline on the event loop: the fast path. It must not block; use an {@link AsyncHandler} for work
 * that completes later.
 */
@FunctionalInterface
public interface Handler {
    /**
     * Answers one request.
     *
     * @param request the request, valid only until this method returns
     * @return the response; an exception becomes a 500
     * @throws Exception any failure, answered with 500
     */
    Response handle(Request request) throws Exception;
}
