package dev.pronto.transport;

/** The per-loop side of the protocol: takes accepted channels and runs the loop's timers. */
public interface LoopHandler {
    /**
     * Takes a newly accepted channel.
     *
     * @param channel the channel, registered for read interest
     * @return the handler of its events
     */
    ChannelHandler accepted(Channel channel);

    /**
     * Called once per loop iteration, before the iteration's events, with the loop's clock.
     *
     * @param nanoTime   {@link System#nanoTime()} read once for this iteration
     * @param epochMillis {@link System#currentTimeMillis()} read once for this iteration
     * @return how many nanoseconds the loop may sleep waiting for events before it must call again
     */
    long tick(long nanoTime, long epochMillis);

    /** Makes a loop's handler. */
    @FunctionalInterface
    interface Factory {
        /**
         * Makes the handler of one loop, on that loop's thread.
         *
         * @param loop the loop
         * @return its handler
         */
        LoopHandler create(EventLoop loop);
    }
}
