package dev.pronto;

import dev.pronto.engine.Engine;

/**
 * Live counters of a running server, for gauges: each call reads them anew, racily (a moment's value, not a
 * snapshot of all of them together). Get them from {@link Server#stats()} or {@link Observer#started}.
 */
public final class ServerStats {
    private final Engine engine;

    ServerStats(Engine engine) {
        this.engine = engine;
    }

    /** @return connections open now, over all event loops */
    public int openConnections() {
        return engine.openConnections();
    }

    /** @return requests whose handler has been started and has not answered yet (the engine's own answers aside) */
    public long inFlightRequests() {
        return engine.inFlightRequests();
    }

    /** @return blocking handlers whose virtual thread has been started but does not run yet */
    public long queuedBlockingHandlers() {
        return engine.queuedBlockingHandlers();
    }

    /** @return blocking handlers running now on virtual threads (waiting on I/O included) */
    public long runningBlockingHandlers() {
        return engine.runningBlockingHandlers();
    }

    /** @return how many event loops serve */
    public int eventLoops() {
        return engine.eventLoops();
    }

    /**
     * Reads how long one event loop has been busy: handling events and tasks, not waiting for them.
     *
     * @param loop the loop's index, from 0 to {@link #eventLoops()} − 1
     * @return nanoseconds busy since the loop started (0 for a transport that does not measure it)
     * @throws IndexOutOfBoundsException for an index out of range
     */
    public long loopBusyNanos(int loop) {
        return engine.loopBusyNanos(loop);
    }
}
