package dev.pronto.launcher;

import java.time.Duration;

/**
 * How long to wait before restarting a worker that exited: 0.1 s after the first exit, doubling after each quick
 * one up to 10 s, and back to 0.1 s once a worker has lived 30 s. A crashing worker is never restarted in a tight
 * loop, and one that crashes rarely comes back at once.
 */
final class Backoff {
    static final Duration INITIAL = Duration.ofMillis(100);
    static final Duration MAX = Duration.ofSeconds(10);
    static final Duration RESET_AFTER = Duration.ofSeconds(30);

    private Duration next = INITIAL;

    /**
     * @param uptime how long the worker that just exited had run
     * @return how long to wait before starting its replacement
     */
    Duration delayAfter(Duration uptime) {
        if (uptime.compareTo(RESET_AFTER) >= 0) {
            next = INITIAL;
        }
        Duration delay = next;
        next = next.multipliedBy(2).compareTo(MAX) > 0 ? MAX : next.multipliedBy(2);
        return delay;
    }
}
