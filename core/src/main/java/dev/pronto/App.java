package dev.pronto;

import dev.pronto.engine.Engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The routes, error handlers, filters and hooks of one server that you build in code and then {@link #start} or
 * {@link #run}; to have the {@link Launcher} run it in one or several processes, build it in an {@link Application}.
 *
 * <pre>{@code
 * App app = new App();
 * app.get("/", request -> Response.text("Hello world!"));
 * app.get("/users/{id}", request -> Response.text("User " + request.pathParam("id")));
 * app.post("/todos", Handler.blocking(request -> todos.add(request.text())));   // runs on a virtual thread
 * app.group("/api", api -> {                                                   // filters for /api/... only
 *     api.before(request -> request.header("Authorization").isPresent() ? null : Response.text(401, "Log in"));
 *     api.get("/orders/{id}", request -> Response.text("order " + request.pathParam("id")));
 * });
 * app.exception(NoSuchElementException.class, (request, e) -> Response.text(404, "Not found"));
 * app.run(ServerConfig.defaults());
 * }</pre>
 *
 * <p>Routing: {@code {name}} placeholders match one whole, non-empty path segment; a last {@code {name...}} tail
 * parameter matches one or more segments, the rest of the path ({@code /files/{path...}} on {@code /files/a/b.txt}
 * gives {@code a/b.txt}; on {@code /files/a/} it gives {@code a/}, keeping the trailing slash; {@code /files/} has no
 * segment left and does not match). The path is percent-decoded segment by segment before matching: an encoded
 * {@code %2F} stays inside its segment, and becomes a {@code /} in a tail parameter's value, which therefore cannot
 * tell {@code a%2Fb} from {@code a/b} ({@link Request#path()} has the raw form). At each segment a literal wins over a
 * placeholder, which wins over a tail parameter, and the router backtracks: with {@code /files/{id}} and
 * {@code /files/{path...}}, {@code /files/x} reaches the first and {@code /files/x/y} the second. An unknown path is
 * answered 404, a known path with another method 405 with {@code Allow}; {@code GET} routes also answer
 * {@code HEAD}, and {@code OPTIONS} on a known path without an OPTIONS route is 204 with {@code Allow} (RFC 9110
 * §9.3.7), through the route's before and after filters like a handler's answer. Two routes that match the same paths for the same method are an error when registered, and so is a
 * pattern no path could reach as written: a {@code *} (the message shows the tail parameter to write instead), a tail
 * parameter that is not the last segment, an empty segment ({@code /a//b}; only a trailing slash may end a pattern,
 * and {@code /a/} is then a route apart from {@code /a}). A path without a route whose other form, with the trailing
 * slash added or removed, has one is 404 by default; {@link #trailingSlash} can answer it a 308 to that form or route
 * it there. {@code OPTIONS *} is answered 200 with every method the routes answer, plus OPTIONS, in {@code Allow}
 * (RFC 9110 §9.3.7), through the after filters.
 * The route methods, with {@link #group groups} and their scoped filters, are those of {@link Routes}.
 *
 * <p>Where handlers run: a plain handler runs inline on the event loop unless {@link #handlerPlacement} makes virtual
 * threads the app's default; {@link Handler#blocking}, {@link Handler#async} and {@link Handler#inline} choose per
 * route.
 *
 * <p>Configure an app from one thread before starting it; it cannot be changed once started.
 */
public final class App implements Routes<App> {
    private final Engine engine = new Engine(); // holds the routes
    private final Map<Class<? extends Throwable>, ErrorHandler<?>> errorHandlers =
            new LinkedHashMap<>();
    private final List<Filter.Before> befores = new ArrayList<>();
    private final List<Filter.After> afters = new ArrayList<>();
    private final List<Runnable> startHooks = new ArrayList<>();
    private final List<Runnable> stopHooks = new ArrayList<>();
    private final List<Observer> observers = new ArrayList<>();
    private RejectionHandler rejectionHandler;
    private Handler.Placement placement = Handler.Placement.EVENT_LOOP;
    private boolean debug;
    private boolean problemDetails;
    private TrailingSlash trailingSlash = TrailingSlash.STRICT;
    private boolean started;

    /** Creates an empty app: every path is 404 until routes are added. */
    public App() {
    }

    @Override
    public App route(Set<Method> methods, String pattern, Handler handler) {
        add(null, methods, pattern, handler);
        return this;
    }

    @Override
    public App route(String pattern, Handler handler) {
        add(null, null, pattern, handler);
        return this;
    }

    @Override
    public App group(String prefix, Consumer<RouteGroup> routes) {
        group(null, prefix, routes);
        return this;
    }

    @Override
    public App install(Plugin plugin) {
        checkNotStarted();
        Objects.requireNonNull(plugin, "plugin").install(this);
        return this;
    }

    /** Registers a route of the app ({@code group == null}) or of a group; {@code methods == null}: every method. */
    void add(Engine.Group group, Set<Method> methods, String pattern, Handler handler) {
        checkNotStarted();
        Objects.requireNonNull(handler, "handler");
        engine.route(group, methods == null ? null : List.copyOf(methods), pattern, handler);
    }

    void group(Engine.Group parent, String prefix, Consumer<RouteGroup> routes) {
        checkNotStarted();
        Objects.requireNonNull(routes, "routes");
        routes.accept(new RouteGroup(this, engine.group(parent, prefix)));
    }

    void before(Engine.Group group, Filter.Before filter) {
        checkNotStarted();
        engine.before(group, Objects.requireNonNull(filter, "filter"));
    }

    void after(Engine.Group group, Filter.After filter) {
        checkNotStarted();
        engine.after(group, Objects.requireNonNull(filter, "filter"));
    }

    /**
     * Answers requests whose handling throws {@code type} (or a subclass). The handler of the most specific
     * registered type wins; register {@code Throwable.class} or {@code Exception.class} for a catch-all. Unknown
     * paths and wrong methods arrive as {@link HttpException} (404) and {@link MethodNotAllowedException} (405), so a
     * catch-all answers them too; register a handler for {@code HttpException.class} (for example returning
     * {@code e.toResponse()}) to keep their default answers beside a catch-all. So do the engine's own refusals of a
     * request whose head was parsed (413 for a body over the limit, 408 for one too slow, 400 or 413 for a bad chunked
     * body, 503 for a handler past its timeout or still running when the shutdown grace ends): an
     * {@code HttpException} whose {@code toResponse()} is the built-in answer. For those the handler runs on the
     * event loop and may add headers and a body, but the client gets the engine's status, and the connection closes
     * where the engine closes it; a handler that throws or returns {@code null} leaves the built-in answer.
     *
     * <p>An error handler that wants the framework's own answer for an {@code HttpException} returns
     * {@code e.toResponse()} (plain text) or, in an app with {@link #problemDetails(boolean) problem details},
     * {@code e.toProblem(request)}: the framework picks between the two only when no error handler takes the
     * exception, and a {@link ProblemException} always answers as a problem document.
     *
     * @param type    the exception type
     * @param handler the error handler
     * @param <T>     the exception type
     * @return this app
     */
    public <T extends Throwable> App exception(Class<T> type, ErrorHandler<? super T> handler) {
        checkNotStarted();
        errorHandlers.put(Objects.requireNonNull(type, "type"), Objects.requireNonNull(handler, "handler"));
        return this;
    }

    /**
     * Sets the hook that dresses the engine's rejections of input that never became a request: a head that cannot be
     * parsed (400, 414, 431, 505, 501, 417…), a head that does not arrive within the header timeout (408), a
     * connection over {@code maxConnections} (503). It may add headers (CORS, say) and a body (a problem document);
     * the engine keeps the status, answers {@code HEAD} without a body, and closes the connection as it would have,
     * so a rejected request can never be read as another. A hook that throws or returns {@code null} leaves the
     * built-in answer (a problem document with {@link #problemDetails(boolean) problem details}, which the hook gets
     * as {@code e.toProblem()}). The hook runs inline on the event loop, like a plain handler: it must not block.
     *
     * <p>A request whose head was parsed and that the engine refuses (a body over {@code maxBodyBytes} or too slow,
     * a handler past {@code handlerTimeout}, the shutdown's 503) goes through the {@link #exception error handlers}
     * as an {@link HttpException} with its status and message instead, and then through the after filters.
     *
     * @param handler the hook, given the rejection's status and message
     * @return this app
     * @throws IllegalStateException if a hook is already set
     */
    public App rejection(RejectionHandler handler) {
        checkNotStarted();
        Objects.requireNonNull(handler, "handler");
        if (rejectionHandler != null) {
            throw new IllegalStateException("A rejection hook is already set: one hook answers every rejection");
        }
        rejectionHandler = handler;
        return this;
    }

    /**
     * Adds a filter run before every routed handler; it may answer early. Filters run in registration order, on the
     * thread of the handler (a virtual thread for blocking handlers), before the filters of a route's groups.
     *
     * @param filter the filter
     * @return this app
     */
    @Override
    public App before(Filter.Before filter) {
        checkNotStarted();
        befores.add(Objects.requireNonNull(filter, "filter"));
        return this;
    }

    /**
     * Adds a filter run on every response: from handlers, early answers, error handlers and 404/405, and the engine's
     * own refusals of a parsed request (see {@link #exception}), for which it runs on the event loop and cannot change
     * the status. On a route of a group it runs before the group's own after filters.
     *
     * @param filter the filter
     * @return this app
     */
    @Override
    public App after(Filter.After filter) {
        checkNotStarted();
        afters.add(Objects.requireNonNull(filter, "filter"));
        return this;
    }

    /**
     * Adds a hook run by {@link #start} before the server accepts connections; if one throws, the start fails.
     *
     * @param hook the hook
     * @return this app
     */
    public App onStart(Runnable hook) {
        checkNotStarted();
        startHooks.add(Objects.requireNonNull(hook, "hook"));
        return this;
    }

    /**
     * Adds a hook run after the server has shut down (all connections closed), in reverse order of registration.
     *
     * @param hook the hook
     * @return this app
     */
    public App onStop(Runnable hook) {
        checkNotStarted();
        stopHooks.add(Objects.requireNonNull(hook, "hook"));
        return this;
    }

    /**
     * Adds an observer of every completed exchange: each response encoded, whatever made it (a handler, a filter,
     * the router, or the engine refusing input it could not parse, a timeout, the shutdown), with its route, sizes,
     * timings and failure; for metrics and access logs. Observers run in registration order, on the event loop
     * right after the response is encoded: they must not block, and must copy what they keep of the
     * {@link Observation}, which is reused. An app with none pays nothing.
     *
     * @param observer the observer; {@link Observer#started} is called with the server's counters when it starts
     * @return this app
     */
    public App observe(Observer observer) {
        checkNotStarted();
        observers.add(Objects.requireNonNull(observer, "observer"));
        return this;
    }

    /**
     * Chooses where plain handlers run, for the whole app: {@link Handler.Placement#EVENT_LOOP} (the default, the
     * fastest; a handler must not block) or {@link Handler.Placement#VIRTUAL_THREAD} (each request on a virtual
     * thread of its own, with a copy of the request, so that straight-line blocking code is safe everywhere). Routes
     * wrapped in {@link Handler#blocking}, {@link Handler#async} or {@link Handler#inline} keep their own choice. It
     * is fixed when the app starts: no request looks it up.
     *
     * @param placement where plain handlers run
     * @return this app
     */
    public App handlerPlacement(Handler.Placement placement) {
        checkNotStarted();
        this.placement = Objects.requireNonNull(placement, "placement");
        return this;
    }

    /**
     * In debug mode the default 500 response carries the exception's stack trace. Never enable it in production.
     *
     * @param enabled whether to show stack traces
     * @return this app
     */
    public App debug(boolean enabled) {
        checkNotStarted();
        debug = enabled;
        return this;
    }

    /**
     * Makes every error the framework answers itself an RFC 9457 problem details document instead of plain text, so
     * that a JSON API is JSON end to end: {@code application/problem+json} with {@code type} {@code about:blank},
     * the status's reason phrase as {@code title}, the {@code status}, the message the plain-text body would carry as
     * {@code detail}, and the request's path as {@code instance} when there is a request. That covers the router's
     * 404, 405 (with {@code Allow}) and 400 for a bad percent-escape, the 400s and 413s of the request's views
     * (query, form, multipart, JSON, host), an {@link HttpException} no error handler takes, the default 500 (in
     * {@link #debug debug mode} with the stack trace as a {@code trace} member), and the engine's own refusals, of a
     * parsed request (413, 408, 400, 503) and of input that never became one (400, 414, 431, 505, 501, 417, 408,
     * 503), for which the engine keeps its status and its close. An error handler, after filter or rejection hook
     * still sees and may replace each of them. Off by default: plain text.
     *
     * @param enabled whether the framework's errors are problem documents
     * @return this app
     */
    public App problemDetails(boolean enabled) {
        checkNotStarted();
        problemDetails = enabled;
        return this;
    }

    /**
     * Sets what a path with no route gets when the same path with its trailing slash added or removed has one:
     * {@link TrailingSlash#STRICT} (404, the default), a 308 redirect to the other form, or the other form's route.
     *
     * @param policy the policy
     * @return this app
     */
    public App trailingSlash(TrailingSlash policy) {
        checkNotStarted();
        trailingSlash = Objects.requireNonNull(policy, "policy");
        return this;
    }

    /**
     * Adds the liveness and readiness probes without checks, as {@link #health(Health) health(Health.defaults())}.
     *
     * @return this app
     */
    public App health() {
        return health(Health.defaults());
    }

    /**
     * Adds the liveness and readiness probes with their checks: {@code GET} (and {@code HEAD}) of
     * {@code /health/live} and {@code /health/ready} unless {@link Health.Builder#livePath} and
     * {@link Health.Builder#readyPath} say otherwise, 200 with {@code {"status":"UP","checks":[…]}} or 503 with
     * {@code "DOWN"}. Readiness turns 503 the moment a shutdown begins and stays so for
     * {@link ServerConfig.Builder#readinessDelay the readiness delay}, while the server still accepts and serves.
     * The probes are routes like others: the app's before and after filters see them (let an authentication filter
     * through for them, since a probe sends no credentials).
     *
     * @param health the probes, e.g. {@link Health#defaults()}
     * @return this app
     * @throws IllegalArgumentException if a path is malformed or taken by another route
     */
    public App health(Health health) {
        checkNotStarted();
        Objects.requireNonNull(health, "health");
        Set<Method> get = Set.of(Method.GET);
        add(null, get, health.livePath(), engine.healthProbe(health.liveChecks(), health.timeout(), false));
        add(null, get, health.readyPath(), engine.healthProbe(health.readyChecks(), health.timeout(), true));
        return this;
    }

    /**
     * Runs the start hooks and starts serving.
     *
     * @param config the server configuration
     * @return the running server; {@link Server#close()} shuts it down gracefully and then runs the stop hooks
     * @throws java.io.UncheckedIOException if the address cannot be bound
     */
    public Server start(ServerConfig config) {
        checkNotStarted();
        Engine built = engine();
        started = true;
        startHooks.forEach(Runnable::run);
        List<Runnable> stops = new ArrayList<>(stopHooks);
        java.util.Collections.reverse(stops);
        Server server = Server.serve(config, built, stops);
        for (Observer o : observers) {
            o.started(server.stats());
        }
        return server;
    }

    /**
     * Starts serving, prints {@code Accepting connections on http://HOST:PORT (1 process × N loops)}, makes SIGTERM
     * and SIGINT shut down gracefully, and waits until the server has shut down.
     *
     * @param config the server configuration
     * @throws java.io.UncheckedIOException if the address cannot be listened on
     */
    public void run(ServerConfig config) {
        Server server = start(config).closeOnSignals();
        System.out.println(Server.acceptingLine(config.host(), server.port(), 1, config.eventLoops()));
        System.out.flush();
        server.awaitShutdown();
    }

    /** @return the engine, answering with the routes, filters and error handlers as they are now */
    Engine engine() {
        engine.application(befores, afters, errorHandlers, rejectionHandler, placement, debug, problemDetails,
                trailingSlash);
        engine.observers(observers);
        return engine;
    }

    private void checkNotStarted() {
        if (started) {
            throw new IllegalStateException("The app has started: configure it before start()");
        }
    }
}
