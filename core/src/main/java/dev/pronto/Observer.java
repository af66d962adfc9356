package dev.pronto;

import java.util.Set;

/**
 * Sees every completed exchange of a server: each response the engine encodes, whether a handler, a filter, the
 * router or the engine itself (a malformed head, a timeout, the shutdown) made it. Register with
 * {@link App#observe(Observer)}; an app with no observer pays nothing for the hook.
 *
 * <p>Observers run on the event loop, inline, right after the response is encoded and before it is written: they
 * must not block (hand slow work, such as a log appender's I/O, to another thread). The {@link Observation} they get
 * is the connection's own, reused for its next exchange: copy what you keep.
 */
@FunctionalInterface
public interface Observer {
    /**
     * An exchange has completed: its response is encoded, ready to be written.
     *
     * @param exchange what happened; valid only during this call
     */
    void completed(Observation exchange);

    /**
     * The server has started; called once, before the first exchange, on the thread that started it.
     *
     * @param stats the running server's counters, live (each call reads them anew)
     */
    default void started(ServerStats stats) {
    }

    /**
     * Names the request headers this observer reads through {@link Observation#requestHeader}: only those are
     * copied out of a request, and only while an observer is installed.
     *
     * @return header names, case-insensitive
     */
    default Set<String> requestHeaders() {
        return Set.of();
    }
}
