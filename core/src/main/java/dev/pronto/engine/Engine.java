package dev.pronto.engine;

import dev.pronto.AsyncHandler;
import dev.pronto.ErrorHandler;
import dev.pronto.Filter;
import dev.pronto.Handler;
import dev.pronto.HealthCheck;
import dev.pronto.Method;
import dev.pronto.Observer;
import dev.pronto.RejectionHandler;
import dev.pronto.ServerConfig;
import dev.pronto.TrailingSlash;
import dev.pronto.app.AppDispatcher;
import dev.pronto.app.Dispatcher;
import dev.pronto.app.Outcome;
import dev.pronto.app.RouteTable;
import dev.pronto.app.Scope;
import dev.pronto.codec.ContentType;
import dev.pronto.health.HealthProbe;
import dev.pronto.http1.HttpEngine;
import dev.pronto.transport.PortSharing;
import dev.pronto.transport.TransportProvider;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The public API's one door into the engine: an app's route table while it is configured, then its application side
 * bound to a transport and served. {@code App}, {@code Server} and {@code FilePart} reach everything internal
 * through this class and nothing else, so that the API package depends on no internal package but this one (and the
 * launcher, which sits beside the engine as a client of the API; ArchitectureTest keeps both so).
 */
public final class Engine {
    private final RouteTable routes; // null for an engine that serves one handler
    private Dispatcher dispatcher;
    private List<Observer> observers = List.of();
    private volatile HttpEngine http; // set once listening; read by the health probes on any thread

    /** Creates the engine of an app, with no routes yet. */
    public Engine() {
        this(new RouteTable(), null);
    }

    private Engine(RouteTable routes, Dispatcher dispatcher) {
        this.routes = routes;
        this.dispatcher = dispatcher;
    }

    /**
     * An engine that answers every request with one handler, run inline on the event loops.
     *
     * @param handler the handler
     * @return the engine, not listening yet
     */
    public static Engine of(Handler handler) {
        return new Engine(null, exchange -> exchange.respond(handler.handle(exchange.request())));
    }

    /**
     * An engine that answers every request with one asynchronous handler, given a private copy of the request.
     *
     * @param handler the handler
     * @return the engine, not listening yet
     */
    public static Engine ofAsync(AsyncHandler handler) {
        return new Engine(null, exchange -> new Outcome.Later(handler.handle(exchange.detach())));
    }

    /**
     * Adds a route.
     *
     * @param group   the group it belongs to, or {@code null} for the app's own routes
     * @param methods the methods, or {@code null} for every method
     * @param pattern a path pattern, relative to the group's prefix
     * @param handler the handler
     * @throws IllegalArgumentException if the pattern is malformed or conflicts with an earlier route
     */
    public void route(Group group, List<Method> methods, String pattern, Handler handler) {
        routes.add(scope(group), methods, pattern, handler);
    }

    /**
     * Adds a group of routes.
     *
     * @param parent the enclosing group, or {@code null} for a group of the app
     * @param prefix its prefix, relative to the enclosing group's
     * @return the new group
     * @throws IllegalArgumentException if the prefix is malformed
     */
    public Group group(Group parent, String prefix) {
        return new Group(routes.group(scope(parent), prefix));
    }

    /**
     * Adds a before filter to a group.
     *
     * @param group  the group
     * @param filter the filter
     */
    public void before(Group group, Filter.Before filter) {
        group.scope.before(filter);
    }

    /**
     * Adds an after filter to a group.
     *
     * @param group  the group
     * @param filter the filter
     */
    public void after(Group group, Filter.After filter) {
        group.scope.after(filter);
    }

    private Scope scope(Group group) {
        return group == null ? routes.app() : group.scope;
    }

    /**
     * Fixes what answers requests: the routes, filters and error handlers as they are now.
     *
     * @param befores          the app's before filters
     * @param afters           the app's after filters
     * @param errorHandlers    the error handlers by type
     * @param rejectionHandler the hook for input that never became a request, or {@code null}
     * @param placement        where plain handlers run
     * @param debug            whether default 500s carry the stack trace
     * @param problemDetails   whether the framework's own errors are RFC 9457 problem documents
     * @param trailingSlash    what a path without a route gets when its other form has one
     */
    public void application(List<Filter.Before> befores, List<Filter.After> afters,
                            Map<Class<? extends Throwable>, ErrorHandler<?>> errorHandlers,
                            RejectionHandler rejectionHandler, Handler.Placement placement, boolean debug,
                            boolean problemDetails, TrailingSlash trailingSlash) {
        dispatcher = new AppDispatcher(routes, befores, afters, errorHandlers, rejectionHandler, placement, debug,
                problemDetails, trailingSlash);
    }

    /**
     * Sets the observers of every exchange, for the server about to listen.
     *
     * @param observers the observers; none: the hook costs nothing
     */
    public void observers(List<Observer> observers) {
        this.observers = List.copyOf(observers);
    }

    /** @return what the connections call for each request (for in-memory benchmarks and tests) */
    public Dispatcher dispatcher() {
        return dispatcher;
    }

    /**
     * Binds and starts serving.
     *
     * @param config   the configuration
     * @param siblings whether the port is shared with the other worker processes of one launcher (and nobody else)
     * @throws IOException if the address cannot be listened on
     */
    public void listen(ServerConfig config, boolean siblings) throws IOException {
        http = HttpEngine.start(config, dispatcher, TransportProvider.resolve(config.transport()).create(),
                siblings ? PortSharing.SIBLINGS : PortSharing.EXCLUSIVE, observers);
    }

    /** @return the bound address, with the actual port */
    public InetSocketAddress address() {
        return http.address();
    }

    /** @return whether the calling thread is one of the event loops */
    public boolean inLoop() {
        return http.inLoop();
    }

    /**
     * Makes the handler of a health probe, whose checks run on virtual threads while the event loop goes on.
     *
     * @param checks    the checks by name, in order
     * @param timeout   how long the probe waits for them
     * @param readiness whether it is the readiness probe, down from the moment this server begins to drain
     * @return the handler
     */
    public Handler healthProbe(Map<String, HealthCheck> checks, Duration timeout, boolean readiness) {
        return Handler.async(new HealthProbe(checks, timeout, readiness ? this::draining : () -> false));
    }

    /** @return whether the server has begun to shut down (false before it listens): readiness is down from then */
    public boolean draining() {
        HttpEngine running = http;
        return running != null && running.draining();
    }

    /** @return connections open now, over all loops */
    public int openConnections() {
        return http.connectionCount();
    }

    /** @return handlers started and not answered yet */
    public long inFlightRequests() {
        return http.inFlightRequests();
    }

    /** @return blocking handlers started and not running yet */
    public long queuedBlockingHandlers() {
        return dispatcher instanceof AppDispatcher app ? app.queuedBlockingHandlers() : 0;
    }

    /** @return blocking handlers running now */
    public long runningBlockingHandlers() {
        return dispatcher instanceof AppDispatcher app ? app.runningBlockingHandlers() : 0;
    }

    /** @return how many event loops serve */
    public int eventLoops() {
        return http.eventLoops();
    }

    /**
     * @param loop a loop's index
     * @return nanoseconds it has been busy
     */
    public long loopBusyNanos(int loop) {
        return http.loopBusyNanos(loop);
    }

    /** Shuts down gracefully and waits until done; see {@link HttpEngine#shutdown()}. */
    public void shutdown() {
        http.shutdown();
    }

    /** A group of routes as the API holds it: a handle on the app side's scope, opaque outside the engine. */
    public static final class Group {
        private final Scope scope;

        private Group(Scope scope) {
            this.scope = scope;
        }
    }

    /** @return whether the calling code runs in a blocking handler (or its filters and error handlers) */
    public static boolean inBlockingHandler() {
        return AppDispatcher.inBlockingHandler();
    }

    /**
     * Reads the charset a {@code Content-Type} value names, as the request codecs do.
     *
     * @param contentType the field value
     * @return the charset, UTF-8 when it names none this JVM supports
     */
    public static Charset charsetOf(String contentType) {
        return ContentType.parse(contentType).charset().orElse(StandardCharsets.UTF_8);
    }
}
