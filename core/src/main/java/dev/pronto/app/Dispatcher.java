package dev.pronto.app;

import dev.pronto.Request;
import dev.pronto.Response;

/**
 * What a connection calls for each request, whatever its protocol: routing and handler invocation live behind it.
 * Called on the loop thread.
 */
@FunctionalInterface
public interface Dispatcher {
    /**
     * Starts answering a request.
     *
     * @param exchange the request and what the connection offers to answer it, valid until this returns (a
     *                 {@link Exchange#detach() detached} request stays valid longer)
     * @return respond now, respond later, or upgrade; {@code null}, or an exception, is a 500
     * @throws Exception a failure, answered with 500
     */
    Outcome dispatch(Exchange exchange) throws Exception;

    /**
     * Lets the application dress a response the engine made itself: for a request whose head was parsed (a body
     * over the limit or too slow, a handler timeout, the shutdown) or, with no request, for input that never became
     * one (a head that could not be parsed or did not arrive, a connection over the limit). The engine keeps the
     * status and the decision to close whatever this returns, and sends {@code builtIn} if it throws or returns
     * {@code null}.
     *
     * @param request the request, valid until this returns; {@code null} when no head was parsed
     * @param status  the status the client gets
     * @param message a short message naming the problem
     * @param builtIn the engine's own answer
     * @return the response to send
     * @throws Exception a failure, answered with {@code builtIn}
     */
    default Response rejected(Request request, int status, String message, Response builtIn) throws Exception {
        return builtIn;
    }
}
