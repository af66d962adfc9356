package dev.pronto.transport;

import java.util.concurrent.Executor;

/** One event-loop thread. {@link #execute} may be called from any thread; the task runs on the loop. */
public interface EventLoop extends Executor {
    /** @return whether the calling thread is this loop's thread */
    boolean inLoop();

    /** @return this loop's index in its binding, from 0 */
    int index();
}
