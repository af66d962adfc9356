package dev.pronto.app;

import dev.pronto.Request;
import dev.pronto.Response;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * One request as a connection hands it to the application, whatever the protocol: the request, the bytes of its
 * target's path where the connection holds them (what routing reads), and the connection's ways to answer. A
 * connection reuses one exchange for all its requests; it is valid on the loop thread until
 * {@link Dispatcher#dispatch} returns.
 */
public interface Exchange {
    /** @return the request, valid until the dispatch returns */
    Request request();

    /**
     * Copies the request out of the connection's buffers, with its route, so that it stays valid on any thread until
     * its response has been sent; the copy owns the completion callbacks from then on.
     *
     * @return the private copy (the request itself if it is one already)
     */
    Request detach();

    /** @return the buffer that holds the path's bytes, read between {@link #pathStart()} and {@link #pathEnd()} */
    ByteBuffer pathBytes();

    /** @return where the path of the target starts in {@link #pathBytes()}, as sent (not percent-decoded) */
    int pathStart();

    /** @return where the path ends (before any {@code ?}); equal to the start for a target without a path */
    int pathEnd();

    /**
     * Records the route matched, which the request then reports ({@link Request#route()}, path parameters).
     *
     * @param pattern the route's pattern
     * @param names   its placeholders' names, in order
     * @param values  their decoded values, in the same order
     */
    void routed(String pattern, List<String> names, String[] values);

    /** @return what the application side last {@link #keep kept} with this connection, {@code null} at first */
    Object kept();

    /**
     * Keeps an object with this connection for its later requests: the application side's reusable scratch state
     * (the router's match holder), so that routing allocates nothing per request.
     *
     * @param value the object, used on this connection's loop thread only
     */
    void keep(Object value);

    /**
     * Answers now.
     *
     * @param response the response
     * @return this exchange's own "respond now" outcome, reused for every request: return it from the dispatch at
     *         once
     */
    Outcome.Now respond(Response response);
}
