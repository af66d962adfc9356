package dev.pronto.connection;

import dev.pronto.ServerConfig;
import dev.pronto.transport.Binding;
import dev.pronto.transport.EventLoop;
import dev.pronto.transport.Transport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReferenceArray;

/** A running HTTP/1.1 server: a transport binding plus one {@link LoopContext} per event loop. */
public final class HttpEngine {
    private final ServerConfig config;
    private final Binding binding;
    private final AtomicReferenceArray<LoopContext> contexts;
    private final CountDownLatch ready;
    private final CountDownLatch terminated = new CountDownLatch(1);
    private final AtomicBoolean shutdownStarted = new AtomicBoolean();

    private HttpEngine(ServerConfig config, Dispatcher dispatcher, Transport transport) throws IOException {
        this.config = config;
        this.contexts = new AtomicReferenceArray<>(config.eventLoops());
        this.ready = new CountDownLatch(config.eventLoops());
        this.binding = transport.bind(new InetSocketAddress(config.host(), config.port()), config.eventLoops(),
                loop -> {
                    LoopContext ctx = new LoopContext(config, dispatcher, loop);
                    contexts.set(loop.index(), ctx);
                    ready.countDown();
                    return ctx;
                });
        await(ready, 30_000);
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
        return new HttpEngine(config, dispatcher, transport);
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

    /**
     * Shuts down gracefully and waits until done: new connections are refused at once, idle ones close, in-flight
     * requests may finish within the grace period, and what is left then is answered with 503. Idempotent.
     */
    public void shutdown() {
        if (!shutdownStarted.compareAndSet(false, true)) {
            awaitTermination();
            return;
        }
        try {
            binding.stopAccepting();
            onEveryLoop(LoopContext::beginShutdown);
            long deadline = System.nanoTime() + config.shutdownGrace().toNanos();
            while (connectionCount() > 0 && System.nanoTime() - deadline < 0) {
                Thread.sleep(5); // polling the loops' counters; shutdown happens once, latency here is harmless
            }
            onEveryLoop(LoopContext::forceShutdown);
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

    private void onEveryLoop(java.util.function.Consumer<LoopContext> step) {
        CountDownLatch done = new CountDownLatch(contexts.length());
        for (int i = 0; i < contexts.length(); i++) {
            LoopContext ctx = contexts.get(i);
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
