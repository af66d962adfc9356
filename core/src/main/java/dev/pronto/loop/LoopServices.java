package dev.pronto.loop;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * What one event loop offers every protocol it serves: the clock read once per iteration, the reaper, and the
 * connection counts (this loop's and all loops'). Used only on the loop's thread, except {@link #connectionCount()}.
 */
public final class LoopServices {
    private long now = System.nanoTime();
    private Thread thread; // the loop's thread, known from its first tick
    private final Reaper reaper;
    private volatile int connections;
    private final AtomicInteger open; // connections over all loops, for maxConnections

    /**
     * @param reaper the loop's timeout lists
     * @param open   the count of open connections over all loops
     */
    public LoopServices(Reaper reaper, AtomicInteger open) {
        this.reaper = reaper;
        this.open = open;
    }

    /**
     * Starts a loop iteration: reads the clock and expires what is past its deadline.
     *
     * @param nanoTime the loop's clock for this iteration
     * @param maxWait  the longest the loop may sleep anyway
     * @return how long the loop may sleep before the next deadline
     */
    public long tick(long nanoTime, long maxWait) {
        if (thread == null) {
            thread = Thread.currentThread();
        }
        now = nanoTime;
        return reaper.expire(nanoTime, maxWait);
    }

    /** @return {@link System#nanoTime()} as read at the start of this loop iteration */
    public long now() {
        return now;
    }

    /** @return the reaper of this loop */
    public Reaper reaper() {
        return reaper;
    }

    /** @return the loop's thread, or {@code null} before its first tick (read from another thread, racily) */
    public Thread thread() {
        return thread;
    }

    /** @return how many connections are open over all loops, this new one counted */
    public int opened() {
        connections++;
        return open.incrementAndGet();
    }

    /** A connection counted by {@link #opened()} has closed. */
    public void closed() {
        connections--;
        open.decrementAndGet();
    }

    /** @return how many connections are open on this loop (read from any thread) */
    public int connectionCount() {
        return connections;
    }
}
