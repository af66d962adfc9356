package dev.pronto;

import dev.pronto.connection.Dispatcher;
import dev.pronto.connection.HttpEngine;
import dev.pronto.transport.nio.NioTransport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A running HTTP/1.1 server. {@link #close()} shuts it down gracefully: new connections are refused at once, idle
 * ones close, in-flight requests finish within {@link ServerConfig#shutdownGrace()}, later ones get 503.
 *
 * <pre>{@code
 * Response hello = Response.text("Hello world!");
 * Server server = Server.start(ServerConfig.defaults(), request -> hello);
 * server.closeOnSignals().awaitShutdown();
 * }</pre>
 */
public final class Server implements AutoCloseable {
    private final HttpEngine engine;
    private final List<Runnable> stopHooks;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final AtomicBoolean closing = new AtomicBoolean();

    private Server(HttpEngine engine, List<Runnable> stopHooks) {
        this.engine = engine;
        this.stopHooks = stopHooks;
    }

    /**
     * Starts serving every request with one handler, run inline on the event loops.
     *
     * @param config  the configuration
     * @param handler the handler; it must not block
     * @return the running server
     * @throws UncheckedIOException if the address cannot be bound
     */
    public static Server start(ServerConfig config, Handler handler) {
        return serve(config, handler::handle, List.of());
    }

    /**
     * Starts serving every request with one asynchronous handler.
     *
     * @param config  the configuration
     * @param handler the handler; its stages may complete on any thread
     * @return the running server
     * @throws UncheckedIOException if the address cannot be bound
     */
    public static Server startAsync(ServerConfig config, AsyncHandler handler) {
        return serve(config, request -> handler.handle(request.detach()), List.of());
    }

    static Server serve(ServerConfig config, Dispatcher dispatcher, List<Runnable> stopHooks) {
        try {
            return new Server(HttpEngine.start(config, dispatcher, new NioTransport()), stopHooks);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot listen on " + config.host() + ":" + config.port() + ": "
                    + e.getMessage(), e);
        }
    }

    /** @return the port the server listens on (useful after binding port 0) */
    public int port() {
        return engine.address().getPort();
    }

    /** @return the address the server listens on */
    public InetSocketAddress address() {
        return engine.address();
    }

    /**
     * Makes SIGTERM and SIGINT start a graceful shutdown, after which {@link #awaitShutdown()} returns and the
     * program can exit with status 0.
     *
     * @return this server
     */
    @SuppressWarnings("restriction")
    public Server closeOnSignals() {
        for (String name : new String[] {"TERM", "INT"}) {
            sun.misc.Signal.handle(new sun.misc.Signal(name), signal -> Thread.ofPlatform()
                    .name("pronto-shutdown").start(this::close));
        }
        return this;
    }

    /** Blocks until the server has shut down and its stop hooks have run. */
    public void awaitShutdown() {
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Shuts down gracefully, runs the app's stop hooks, and waits until done; idempotent. */
    @Override
    public void close() {
        if (!closing.compareAndSet(false, true)) {
            awaitShutdown();
            return;
        }
        try {
            engine.shutdown();
            for (Runnable hook : stopHooks) {
                try {
                    hook.run();
                } catch (RuntimeException e) {
                    System.getLogger(Server.class.getName()).log(System.Logger.Level.ERROR, "Stop hook failed", e);
                }
            }
        } finally {
            stopped.countDown();
        }
    }
}
