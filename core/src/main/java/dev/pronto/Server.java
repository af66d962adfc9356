package dev.pronto;

import dev.pronto.connection.Dispatcher;
import dev.pronto.connection.HttpEngine;
import dev.pronto.transport.nio.NioTransport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;

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

    private Server(HttpEngine engine) {
        this.engine = engine;
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
        return serve(config, handler::handle);
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
        return serve(config, request -> handler.handle(request.detach()));
    }

    static Server serve(ServerConfig config, Dispatcher dispatcher) {
        try {
            return new Server(HttpEngine.start(config, dispatcher, new NioTransport()));
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

    /** Blocks until the server has shut down. */
    public void awaitShutdown() {
        engine.awaitTermination();
    }

    /** Shuts down gracefully and waits until done; idempotent. */
    @Override
    public void close() {
        engine.shutdown();
    }
}
