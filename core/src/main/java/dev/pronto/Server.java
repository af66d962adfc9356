package dev.pronto;

import dev.pronto.engine.Engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A running HTTP/1.1 server. {@link #close()} shuts it down gracefully: new connections are refused at once, idle
 * ones close, in-flight requests finish within {@link ServerConfig#shutdownGrace()}, later ones get 503, then the
 * stop hooks run.
 *
 * <pre>{@code
 * Response hello = Response.text("Hello world!");
 * Server server = Server.start(ServerConfig.builder().port(8080).build(), request -> hello);
 * server.closeOnSignals().awaitShutdown();
 * }</pre>
 */
public final class Server implements AutoCloseable {
    /**
     * The system property the launcher sets on each worker JVM it starts ({@code -Dpronto.port.group=TOKEN}): the
     * workers of one launcher share their port, and nobody else does.
     */
    static final String PORT_GROUP = "pronto.port.group";

    private final Engine engine;
    private final List<Runnable> stopHooks;
    private final ServerStats stats;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final AtomicBoolean closing = new AtomicBoolean();
    private volatile Thread shutdownThread; // set once, before it starts

    private Server(Engine engine, List<Runnable> stopHooks) {
        this.engine = engine;
        this.stopHooks = stopHooks;
        this.stats = new ServerStats(engine);
    }

    /**
     * Starts serving every request with one handler, run inline on the event loops.
     *
     * @param config  the configuration
     * @param handler the handler; it must not block
     * @return the running server
     * @throws UncheckedIOException     if the address cannot be listened on, e.g. {@code Cannot listen on
     *                                  HOST:PORT: address already in use}
     * @throws IllegalArgumentException if no transport present has the configured id ({@code unknown transport
     *                                  ID; known transports: auto, nio})
     */
    public static Server start(ServerConfig config, Handler handler) {
        return serve(config, Engine.of(handler), List.of());
    }

    /**
     * Starts serving every request with one asynchronous handler.
     *
     * @param config  the configuration
     * @param handler the handler; its stages may complete on any thread
     * @return the running server
     * @throws UncheckedIOException     if the address cannot be listened on, e.g. {@code Cannot listen on
     *                                  HOST:PORT: address already in use}
     * @throws IllegalArgumentException if no transport present has the configured id ({@code unknown transport
     *                                  ID; known transports: auto, nio})
     */
    public static Server startAsync(ServerConfig config, AsyncHandler handler) {
        return serve(config, Engine.ofAsync(handler), List.of());
    }

    static Server serve(ServerConfig config, Engine engine, List<Runnable> stopHooks) {
        // A port in use is never shared, except between the worker processes of one launcher.
        boolean siblings = !System.getProperty(PORT_GROUP, "").isEmpty();
        try {
            engine.listen(config, siblings);
            return new Server(engine, stopHooks);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot listen on " + config.host() + ":" + config.port() + ": "
                    + reason(e), e);
        }
    }

    /** @return why listening failed, in the words of the rest of the message: "address already in use" */
    private static String reason(IOException e) {
        if (e instanceof UnknownHostException) {
            return "unknown host";
        }
        String message = e.getMessage();
        if (message == null || message.isEmpty()) {
            return e.getClass().getSimpleName();
        }
        return Character.toLowerCase(message.charAt(0)) + message.substring(1);
    }

    /**
     * Formats the line that {@link App#run} and the launcher print once connections are accepted, which scripts
     * and tests read.
     *
     * @param host      the configured host
     * @param port      the port listened on
     * @param processes how many processes serve it
     * @param loops     how many event loops each process runs
     * @return {@code Accepting connections on http://HOST:PORT (N processes × M loops)}
     */
    public static String acceptingLine(String host, int port, int processes, int loops) {
        String urlHost = host.contains(":") ? "[" + host + "]" : host; // RFC 3986 §3.2.2: an IPv6 literal
        return "Accepting connections on http://" + urlHost + ":" + port + " (" + processes
                + (processes == 1 ? " process" : " processes") + " × " + loops + (loops == 1 ? " loop" : " loops")
                + ")";
    }

    /** @return the port the server listens on (useful after binding port 0) */
    public int port() {
        return engine.address().getPort();
    }

    /** @return the running server's counters (open connections, requests in flight, busy loops…), read live */
    public ServerStats stats() {
        return stats;
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
            sun.misc.Signal.handle(new sun.misc.Signal(name), signal -> beginShutdown());
        }
        return this;
    }

    /**
     * Blocks until the server has shut down and its stop hooks have run.
     *
     * @throws IllegalStateException on one of the server's event loops or in a stop hook, where it would wait
     *                               forever for a shutdown that needs that very thread
     */
    public void awaitShutdown() {
        if (engine.inLoop() || Thread.currentThread() == shutdownThread) {
            throw new IllegalStateException("awaitShutdown() " + (engine.inLoop() ? "on the server's event loop"
                    : "in a stop hook") + " would wait forever: the shutdown needs this thread");
        }
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Starts the graceful shutdown (idempotent): it runs on a thread of its own, and then runs the app's stop hooks.
     * From any other thread this waits until all is done. Called by the server's own code (on one of its event
     * loops, in a blocking handler, in a stop hook) it returns at once instead, since the shutdown waits for that
     * very code: the calling request is answered, and {@link #awaitShutdown()} on another thread tells the end.
     */
    @Override
    public void close() {
        beginShutdown();
        if (engine.inLoop() || Engine.inBlockingHandler() || Thread.currentThread() == shutdownThread) {
            return;
        }
        awaitShutdown();
    }

    private void beginShutdown() {
        if (closing.compareAndSet(false, true)) {
            // Not a daemon: a program whose main has returned still drains and runs its stop hooks.
            Thread thread = Thread.ofPlatform().name("pronto-shutdown").unstarted(this::shutdown);
            shutdownThread = thread;
            thread.start();
        }
    }

    private void shutdown() {
        System.Logger log = System.getLogger(Server.class.getName());
        try {
            engine.shutdown();
        } catch (RuntimeException e) {
            log.log(System.Logger.Level.ERROR, "Shutdown failed; running the stop hooks", e);
        } finally {
            try {
                for (Runnable hook : stopHooks) {
                    try {
                        hook.run();
                    } catch (RuntimeException e) {
                        log.log(System.Logger.Level.ERROR, "Stop hook failed", e);
                    }
                }
            } finally {
                stopped.countDown();
            }
        }
    }
}
