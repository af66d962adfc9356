package dev.pronto;

/**
 * Dresses a rejection the engine makes before a request exists: a head that cannot be parsed (400, 414, 431, 505,
 * 501…), a head that does not arrive in time (408), a connection over the limit (503). Register with
 * {@link App#rejection(RejectionHandler)}. It may add headers and a body; the status, and the closing of the
 * connection that follows, stay the engine's. It runs inline on the event loop: it must not block.
 */
@FunctionalInterface
public interface RejectionHandler {
    /**
     * Answers a rejection.
     *
     * @param rejection the status and a short message; its {@link HttpException#toResponse()} is the built-in
     *                  plain-text answer, its {@link HttpException#toProblem()} that answer as a problem document
     * @return the response to send, whose status is replaced by the rejection's; {@code null} for the built-in answer
     *         (the problem document in an app with {@link App#problemDetails(boolean) problem details})
     * @throws Exception a failure, answered with the built-in answer
     */
    Response handle(HttpException rejection) throws Exception;
}
