package dev.pronto.test;

import dev.pronto.transport.EventLoop;
import dev.pronto.transport.LoopHandler;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One event loop of the in-memory transport: a thread that ticks the loop's handler with the transport's clock, runs
 * posted tasks, and tells its channels' handlers when they can read or write, level-triggered like a selector.
 */
final class MemoryLoop implements EventLoop, Runnable {
    private final int index;
    private final Clock clock;
    private final LoopHandler.Factory factory;
    private final LinkedBlockingQueue<Runnable> tasks = new LinkedBlockingQueue<>();
    private final List<MemoryChannel> channels = new ArrayList<>(); // the loop's thread only
    private final Thread thread;
    private volatile boolean stopping;
    private LoopHandler handler;

    MemoryLoop(int index, Clock clock, LoopHandler.Factory factory) {
        this.index = index;
        this.clock = clock;
        this.factory = factory;
        this.thread = Thread.ofPlatform().daemon().name("pronto-memory-loop-" + index).unstarted(this);
    }

    void start() {
        thread.start();
    }

    /** Takes a channel the client opened; on the loop's thread, like an accept. */
    void accept(MemoryChannel channel) {
        execute(() -> {
            channels.add(channel);
            channel.handler(handler.accepted(channel));
        });
    }

    void remove(MemoryChannel channel) {
        channels.remove(channel);
    }

    @Override
    public void execute(Runnable task) {
        tasks.add(task);
    }

    @Override
    public boolean inLoop() {
        return Thread.currentThread() == thread;
    }

    @Override
    public int index() {
        return index;
    }

    @Override
    public void run() {
        handler = factory.create(this);
        try {
            while (!stopping) {
                long wait = handler.tick(System.nanoTime(), clock.millis());
                boolean busy = dispatchEvents();
                Runnable task = tasks.poll(busy ? 0 : Math.max(0, wait), TimeUnit.NANOSECONDS);
                while (task != null) {
                    runSafely(task);
                    task = tasks.poll();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            for (MemoryChannel c : List.copyOf(channels)) {
                c.closeByTransport();
            }
        }
    }

    /** @return whether a handler was told anything (then the loop looks again before it sleeps) */
    private boolean dispatchEvents() {
        boolean told = false;
        for (MemoryChannel c : List.copyOf(channels)) {
            if (c.isOpen() && c.readable()) {
                told = true;
                runSafely(c.handler()::onReadable);
            }
            if (c.isOpen() && c.wantsWrite()) {
                told = true;
                runSafely(c.handler()::onWritable); // memory always takes more output
            }
        }
        return told;
    }

    private static void runSafely(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            System.getLogger(MemoryLoop.class.getName()).log(System.Logger.Level.ERROR,
                    "A task of the in-memory loop failed", e);
        }
    }

    /** Stops the loop (its channels close) and waits for its thread to end. */
    void stop() {
        stopping = true;
        execute(() -> { }); // wakes the loop from its wait
        if (!inLoop()) {
            try {
                thread.join(TimeUnit.SECONDS.toMillis(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
