package dev.pronto.http1;

import dev.pronto.Observer;
import dev.pronto.ServerConfig;
import dev.pronto.app.Dispatcher;
import dev.pronto.transport.Binding;
import dev.pronto.transport.EventLoop;
import dev.pronto.transport.PortSharing;
import dev.pronto.transport.Transport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;

/** A running HTTP/1.1 server: a transport binding plus one {@link Http1Loop} per event loop. */
public final class HttpEngine {
    private final ServerConfig config;
    private final Binding binding;
    private final AtomicReferenceArray<Http1Loop> contexts;
    private final CountDownLatch ready;
    private final CountDownLatch terminated = new CountDownLatch(1);
    private final AtomicBoolean shutdownStarted = new AtomicBoolean();
    private final AtomicInteger open = new AtomicInteger();

    private HttpEngine(ServerConfig config, Dispatcher dispatcher, Transport transport, PortSharing sharing,
                       List<Observer> observers) throws IOException {
        Observer[] watching = observers.toArray(new Observer[0]);
        this.config = config;
        this.contexts = new AtomicReferenceArray<>(config.eventLoops());
        this.ready = new CountDownLatch(config.eventLoops());
        this.binding = transport.bind(new InetSocketAddress(config.host(), config.port()), config.eventLoops(),
                sharing, loop -> {
                    Http1Loop ctx = new Http1Loop(config, dispatcher, loop, open, watching);
                    contexts.set(loop.index(), ctx);
                    ready.countDown();
                    return ctx;
                });
        await(ready, 30_000);
        Thread.ofPlatform().daemon().name("pronto-watchdog").start(this::watchLoops);
    }

    /**
     * Logs a plain handler, or a write to one connection, that holds its event loop past
     * {@link ServerConfig#stallWarning()}: a blocking call made by mistake on the loop stalls every connection of that
     * loop, and so would a write that does not return. It samples each loop's counter of finished dispatches and
     * writes; the hot path pays a few opaque stores per request and per write.
     */
    private void watchLoops() {
        long threshold = config.stallWarning().toNanos();
        long period = Math.max(TimeUnit.MILLISECONDS.toNanos(10), Math.min(threshold / 4,
                TimeUnit.MILLISECONDS.toNanos(250)));
        int n = contexts.length();
        long[] seenSequence = new long[n];
        long[] seenSince = new long[n];
        long[] warnedSequence = new long[n];
        java.util.Arrays.fill(seenSequence, -1); // nothing seen yet: the first sample only starts the clock
        java.util.Arrays.fill(warnedSequence, -1);
        try {
            while (!terminated.await(period, TimeUnit.NANOSECONDS)) {
                long now = System.nanoTime();
                for (int i = 0; i < n; i++) {
                    Http1Loop ctx = contexts.get(i);
                    long sequence = ctx.dispatchSequence();
                    HttpRequest running = ctx.dispatchingNow();
                    HttpConnection writing = running == null ? ctx.writingNow() : null;
                    if (running == null && writing == null || sequence != seenSequence[i]) {
                        seenSequence[i] = sequence;
                        seenSince[i] = now;
                    } else if (now - seenSince[i] >= threshold && warnedSequence[i] != sequence) {
                        warnedSequence[i] = sequence;
                        if (running != null) {
                            warnStall(ctx, running, now - seenSince[i]);
                        } else {
                            warnWriteStall(ctx, writing, now - seenSince[i]);
                        }
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void warnStall(Http1Loop ctx, HttpRequest running, long nanos) {
        Thread loop = ctx.thread();
        StringBuilder b = new StringBuilder("Event loop ").append(loop == null ? "?" : loop.getName())
                .append(" has been running one handler for over ").append(TimeUnit.NANOSECONDS.toMillis(nanos))
                .append(" ms (route ").append(running.routeForDiagnostics())
                .append("): a blocking call on the event loop stalls every connection of the loop;")
                .append(" make the handler Handler.blocking(...) or Handler.async(...).");
        log(loop, b);
    }

    private static void warnWriteStall(Http1Loop ctx, HttpConnection writing, long nanos) {
        Thread loop = ctx.thread();
        StringBuilder b = new StringBuilder("Event loop ").append(loop == null ? "?" : loop.getName())
                .append(" has been writing to one connection for over ").append(TimeUnit.NANOSECONDS.toMillis(nanos))
                .append(" ms (peer ").append(peer(writing)).append(", route of its latest request ")
                .append(writing.routeForDiagnostics())
                .append("): every other connection of the loop waits. The loop writes in slices of ")
                .append(WriteBatch.CAPACITY / 1024).append(" KiB that never block, so the time goes to the")
                .append(" transport or the system (see the stack).");
        log(loop, b);
    }

    /** @return the connection's peer as {@code host:port}, or "?" */
    private static String peer(HttpConnection c) {
        try {
            InetSocketAddress a = c.remoteAddress();
            return a.getHostString() + ":" + a.getPort();
        } catch (RuntimeException e) {
            return "?"; // a log line must not fail the watchdog
        }
    }

    private static void log(Thread loop, StringBuilder b) {
        if (loop != null) {
            for (StackTraceElement e : loop.getStackTrace()) {
                b.append("\n\tat ").append(e);
            }
        }
        System.getLogger(HttpEngine.class.getName()).log(System.Logger.Level.WARNING, b.toString());
    }

    /**
     * Binds and starts serving.
     *
     * @param config     the configuration
     * @param dispatcher what answers each request
     * @param transport  the transport to run on
     * @return the running engine
     * @throws IOException if the address cannot be bound
     */
    public static HttpEngine start(ServerConfig config, Dispatcher dispatcher, Transport transport)
            throws IOException {
        return start(config, dispatcher, transport, PortSharing.EXCLUSIVE);
    }

    /**
     * Binds, sharing the port with sibling processes or not, and starts serving.
     *
     * @param config     the configuration
     * @param dispatcher what answers each request
     * @param transport  the transport to run on
     * @param sharing    whether the port is shared with the launcher's other worker processes
     * @return the running engine
     * @throws IOException if the address cannot be bound
     */
    public static HttpEngine start(ServerConfig config, Dispatcher dispatcher, Transport transport,
            PortSharing sharing) throws IOException {
        return start(config, dispatcher, transport, sharing, List.of());
    }

    /**
     * Binds and starts serving, with observers of every exchange.
     *
     * @param config     the configuration
     * @param dispatcher what answers each request
     * @param transport  the transport to run on
     * @param sharing    whether the port is shared with the launcher's other worker processes
     * @param observers  told of each completed exchange, on the event loops; none: the hook costs nothing
     * @return the running engine
     * @throws IOException if the address cannot be bound
     */
    public static HttpEngine start(ServerConfig config, Dispatcher dispatcher, Transport transport,
            PortSharing sharing, List<Observer> observers) throws IOException {
        return new HttpEngine(config, dispatcher, transport, sharing, observers);
    }

    /** @return whether the calling thread is one of this engine's event loops */
    public boolean inLoop() {
        for (EventLoop loop : binding.loops()) {
            if (loop.inLoop()) {
                return true;
            }
        }
        return false;
    }

    /** @return the bound address, with the actual port */
    public InetSocketAddress address() {
        return binding.localAddress();
    }

    /** @return how many connections are open, over all loops */
    public int connectionCount() {
        int n = 0;
        for (int i = 0; i < contexts.length(); i++) {
            n += contexts.get(i).connectionCount();
        }
        return n;
    }

    /** @return handlers started and not answered yet, over all loops (read racily) */
    public long inFlightRequests() {
        long n = 0;
        for (int i = 0; i < contexts.length(); i++) {
            n += contexts.get(i).inFlight();
        }
        return n;
    }

    /** @return how many event loops serve */
    public int eventLoops() {
        return contexts.length();
    }

    /**
     * @param loop a loop's index
     * @return nanoseconds that loop has been busy (see {@link EventLoop#busyNanos()})
     */
    public long loopBusyNanos(int loop) {
        return contexts.get(loop).loop.busyNanos();
    }

    /**
     * @return whether a shutdown has begun: from its first moment, through the readiness delay in which the engine
     *         still serves, to the end (read from any thread)
     */
    public boolean draining() {
        return shutdownStarted.get();
    }

    /**
     * Shuts down gracefully and waits until done: for {@link ServerConfig#readinessDelay()} the engine goes on
     * accepting and serving (with {@link #draining()} true, so that a readiness probe fails and load balancers stop
     * sending work), then new connections are refused, idle ones close, in-flight requests may finish within the
     * grace period, and what is left then is answered with 503. Idempotent.
     *
     * @throws IllegalStateException on one of this engine's event loops, which the shutdown needs
     */
    public void shutdown() {
        if (inLoop()) {
            throw new IllegalStateException("shutdown() on an event loop would wait for that loop forever");
        }
        if (!shutdownStarted.compareAndSet(false, true)) {
            awaitTermination();
            return;
        }
        try {
            // Time for a load balancer to see readiness fail: what it still sends meanwhile is served as usual.
            TimeUnit.NANOSECONDS.sleep(config.readinessDelay().toNanos());
            binding.stopAccepting();
            onEveryLoop(Http1Loop::beginShutdown);
            long deadline = System.nanoTime() + config.shutdownGrace().toNanos();
            while (connectionCount() > 0 && System.nanoTime() - deadline < 0) {
                Thread.sleep(5); // polling the loops' counters; shutdown happens once, latency here is harmless
            }
            onEveryLoop(Http1Loop::forceShutdown);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            binding.close();
            terminated.countDown();
        }
    }

    /** Blocks until {@link #shutdown()} has finished. */
    public void awaitTermination() {
        try {
            terminated.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void onEveryLoop(java.util.function.Consumer<Http1Loop> step) {
        CountDownLatch done = new CountDownLatch(contexts.length());
        for (int i = 0; i < contexts.length(); i++) {
            Http1Loop ctx = contexts.get(i);
            EventLoop loop = ctx.loop;
            loop.execute(() -> {
                try {
                    step.accept(ctx);
                } finally {
                    done.countDown();
                }
            });
        }
        await(done, 10_000);
    }

    private static void await(CountDownLatch latch, long millis) {
        try {
            if (!latch.await(millis, TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("event loops did not answer within " + millis + " ms");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
