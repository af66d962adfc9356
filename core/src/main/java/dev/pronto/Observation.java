package dev.pronto;

import java.net.InetSocketAddress;
import java.util.Optional;

/**
 * One completed exchange as an {@link Observer} sees it: the request's route, method and target, the response, sizes
 * and timings. The request's own parts are absent when the engine rejected input whose head could not be parsed (a
 * 400, 414, 431 or 505, a head past the header timeout, a connection over the limit). Valid only during
 * {@link Observer#completed}: the engine reuses it.
 */
public interface Observation {
    /** @return the matched route's pattern, such as {@code /users/{id}}; empty when no route matched */
    Optional<String> route();

    /** @return the request's method; empty when no head was parsed */
    Optional<Method> method();

    /** @return the request target as sent ({@code /users/7?full=1}); empty when no head was parsed */
    Optional<String> target();

    /** @return the target's path, without the query; empty when no head was parsed */
    Optional<String> path();

    /** @return {@code HTTP/1.1} or {@code HTTP/1.0}; empty when no head was parsed */
    Optional<String> version();

    /**
     * Reads a request header named by one of the app's observers in {@link Observer#requestHeaders()}.
     *
     * @param name the header name, case-insensitive
     * @return its first value; empty when the request has none, no head was parsed, or no observer asked for it
     */
    Optional<String> requestHeader(String name);

    /** @return the response sent, whose headers include those the after filters added */
    Response response();

    /**
     * Reads a header of the response sent ({@code Content-Type} included).
     *
     * @param name the header name, case-insensitive
     * @return its first value, if any
     */
    Optional<String> responseHeader(String name);

    /** @return the response's status */
    int status();

    /** @return bytes of the request read: its head and its body as framed on the wire */
    long bytesReceived();

    /** @return bytes of the response encoded: its head and body */
    long bytesSent();

    /** @return bytes of the response's body encoded (none for {@code HEAD}) */
    long bodyBytesSent();

    /** @return {@link System#nanoTime()} when the request was read (for a rejection: when it was refused) */
    long startNanos();

    /** @return the wall-clock time of {@link #startNanos()}, in milliseconds since the epoch */
    long startEpochMillis();

    /** @return nanoseconds from {@link #startNanos()} until the response was encoded */
    long durationNanos();

    /** @return what a handler, filter or error handler threw, if one did (the response is then its error answer) */
    Optional<Throwable> failure();

    /** @return the client's address */
    InetSocketAddress remoteAddress();

    /**
     * @return whether the engine answered instead of the application: input it refused (a malformed head, a body
     *         over the limit, a bad chunked body, a connection over the limit), a timeout, or the shutdown's 503
     */
    boolean rejected();

    /** @return whether the answer is the engine's for a timeout: the header or body timeout (408), the handler's (503) */
    boolean timedOut();
}
