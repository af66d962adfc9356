package dev.pronto.transport;

import java.util.concurrent.Executor;

/** One event-loop thread. {@link #execute} may be called from any thread; the task runs on the loop. */
public interface EventLoop extends Executor {
    /** @return whether the calling thread is this loop's thread */
    boolean inLoop();

    /** @return this loop's index in its binding, from 0 */
    int index();

    /**
     * Reads how long this loop has been busy: running its events and tasks, not waiting for them. Read from any
     * thread; a transport that does not measure it answers 0.
     *
     * @return nanoseconds busy since the loop started
     */
    default long busyNanos() {
        return 0;
    }
}
