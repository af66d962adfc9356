package dev.pronto;

/**
 * Answers a request whose handling failed with an exception of type {@code T}. Register with
 * {@link App#exception(Class, ErrorHandler)}: the handler of the most specific type wins.
 *
 * @param <T> the exception type handled
 */
@FunctionalInterface
public interface ErrorHandler<T extends Throwable> {
    /**
     * Answers the failed request.
     *
     * @param request the request (valid as for the handler that failed)
     * @param error   the exception
     * @return the response
     * @throws Exception a failure of the error handler itself, answered with a plain 500 (with the built-in answer
     *                   for the engine's refusals)
     */
    Response handle(Request request, T error) throws Exception;
}
