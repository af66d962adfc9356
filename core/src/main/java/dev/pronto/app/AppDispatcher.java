package dev.pronto.app;

import dev.pronto.AsyncHandler;
import dev.pronto.ErrorHandler;
import dev.pronto.Filter;
import dev.pronto.Handler;
import dev.pronto.HttpException;
import dev.pronto.Method;
import dev.pronto.MethodNotAllowedException;
import dev.pronto.ProblemException;
import dev.pronto.RejectionHandler;
import dev.pronto.Request;
import dev.pronto.Response;
import dev.pronto.Status;
import dev.pronto.TrailingSlash;
import dev.pronto.router.Router;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.System.Logger.Level;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Routes a request and runs it through filters, its handler and the error handlers. Plain handlers run here, on the
 * event loop; blocking ones ({@link Handler.Blocking}) on a virtual thread each; asynchronous ones
 * ({@link Handler.Async}) complete whenever their stage does. Where each route's handler runs, and which filters it
 * runs with (the app's, then its groups'), is fixed when the table is built ({@link Endpoint}).
 */
public final class AppDispatcher implements Dispatcher {
    private static final System.Logger LOG = System.getLogger("dev.pronto.App"); // the app's failures, by its name
    private static final Response PLAIN_500 = Response.text(Status.INTERNAL_SERVER_ERROR, "Internal Server Error\n");
    /** The problem form of the default 500, rendered per request: its {@code instance} is the request's path. */
    private static final HttpException PROBLEM_500 = new HttpException(Status.INTERNAL_SERVER_ERROR);
    /**
     * Set on the virtual thread of a blocking handler, which runs nothing else and ends with it: {@code Server.close()}
     * must not wait for its own caller there. (A thread-local, not a scoped value: the library targets Java 21.)
     */
    private static final ThreadLocal<Boolean> BLOCKING_HANDLER = new ThreadLocal<>();
    private static final Filter.Before[] NO_BEFORES = {};

    private final Router<Route> router;
    private final GroupPrefixes groups; // the after filters of a 404 under a group's prefix
    private final Filter.After[] afters; // the app's own
    private final Map<Class<?>, ErrorHandler<?>> errorHandlers;
    private final RejectionHandler rejectionHandler; // null: the engine's own answers
    private final boolean debug;
    private final boolean problemDetails;
    private final TrailingSlash trailingSlash;
    private final Endpoint optionsAsterisk;
    private final ThreadFactory virtualThreads = Thread.ofVirtual().name("pronto-handler-", 0).factory();
    private final AtomicLong blockingQueued = new AtomicLong(); // started, not running yet
    private final AtomicLong blockingRunning = new AtomicLong();

    /**
     * Fixes what answers requests: the routes, filters and error handlers as they are now.
     *
     * @param routes           the route table
     * @param befores          the app's before filters, in order (a group's own follow them on its routes)
     * @param afters           the app's after filters, in order (likewise)
     * @param errorHandlers    the error handlers by exception type
     * @param rejectionHandler the hook for input that never became a request; {@code null} for the built-in answers
     * @param placement        where plain handlers run
     * @param debug            whether a default 500 carries the stack trace
     * @param problemDetails   whether the framework's own errors are RFC 9457 problem documents
     * @param trailingSlash    what a path without a route gets when its other form has one
     */
    public AppDispatcher(RouteTable routes, List<Filter.Before> befores, List<Filter.After> afters,
                         Map<Class<? extends Throwable>, ErrorHandler<?>> errorHandlers,
                         RejectionHandler rejectionHandler, Handler.Placement placement, boolean debug,
                         boolean problemDetails, TrailingSlash trailingSlash) {
        RouteTable.Routing routing = routes.build(befores, afters, placement);
        this.router = routing.router();
        this.groups = routing.prefixes();
        this.afters = afters.toArray(new Filter.After[0]);
        this.errorHandlers = new HashMap<>(errorHandlers);
        this.rejectionHandler = rejectionHandler;
        this.debug = debug;
        this.problemDetails = problemDetails;
        this.trailingSlash = trailingSlash;
        // RFC 9110 §9.3.7: OPTIONS * asks about the server, not a resource; with no content, Content-Length: 0.
        this.optionsAsterisk = answer(Response.status(Status.OK).withHeader("Allow",
                String.join(", ", routes.methodsAnswered().stream().map(Method::name).toList())));
    }

    @Override
    public Outcome dispatch(Exchange exchange) {
        Request request = exchange.request();
        Endpoint endpoint;
        try {
            endpoint = route(exchange, request);
        } catch (HttpException e) {
            // The router's answer (404, 405, 400): no handler failed, so no failure is noted for the observers.
            return exchange.respond(after(aftersOf(exchange, e), request, answer(request, e)));
        }
        Handler handler = endpoint.handler;
        if (handler instanceof Answer answer) { // made here, not by a handler: like a 404, only the after filters
            return exchange.respond(after(endpoint.afters, request, answer.response()));
        }
        if (handler instanceof Handler.Blocking blocking) {
            return new Outcome.Later(runBlocking(exchange.detach(), endpoint, blocking.handler()));
        }
        if (handler instanceof Handler.Async async) {
            return new Outcome.Later(runAsync(exchange.detach(), endpoint, async.handler()));
        }
        return exchange.respond(after(endpoint.afters, request, run(request, endpoint.befores, handler)));
    }

    /**
     * @return the after filters of a request that found no handler: a 405's are those of its route's group (the route
     *         is known), a 404's those of the group whose prefix the path lies under, anything else the app's
     */
    private Filter.After[] aftersOf(Exchange exchange, HttpException e) {
        if (e instanceof MethodNotAllowedException) {
            return match(exchange).value().notAllowed; // the match still holds the route whose method was wrong
        }
        if (e.status() == Status.NOT_FOUND) {
            return groups.afters(exchange.pathBytes(), exchange.pathStart(), exchange.pathEnd(), afters);
        }
        return afters;
    }

    /**
     * The engine refused a request itself: like a router-made 404, the refusal goes through the error handlers as
     * an {@link HttpException} and then the after filters; with no request, through the rejection hook. A hook that
     * fails or answers nothing leaves the built-in answer, as a problem document in a problem-details app (the
     * engine then forces the status and the close).
     */
    @Override
    public Response rejected(Request request, int status, String message, Response builtIn) {
        boolean hooked = request == null ? rejectionHandler != null : afters.length > 0 || !errorHandlers.isEmpty();
        if (!hooked && !problemDetails) {
            return builtIn;
        }
        Rejection rejection = new Rejection(status, message, builtIn); // its toResponse() stays the plain text
        Response fallback = !problemDetails ? builtIn
                : request == null ? rejection.toProblem() : rejection.toProblem(request);
        if (!hooked) {
            return fallback;
        }
        if (request == null) {
            return reject(rejection, fallback);
        }
        Response response = fallback;
        ErrorHandler<?> handler = handlerFor(rejection);
        if (handler != null) {
            try {
                @SuppressWarnings("unchecked")
                ErrorHandler<Throwable> h = (ErrorHandler<Throwable>) handler;
                Response dressed = h.handle(request, rejection);
                response = dressed != null ? dressed : fallback;
            } catch (Throwable t) {
                LOG.log(Level.ERROR, "Error handler failed on the " + status + " answering " + request
                        + ": sent the built-in answer", t);
            }
        }
        try {
            for (Filter.After filter : afters) {
                response = nonNull(filter.after(request, response));
            }
            return response;
        } catch (Throwable t) {
            LOG.log(Level.ERROR, "After filter failed on the " + status + " answering " + request
                    + ": sent the built-in answer", t);
            return fallback;
        }
    }

    private Response reject(Rejection rejection, Response fallback) {
        try {
            Response dressed = rejectionHandler.handle(rejection);
            return dressed != null ? dressed : fallback;
        } catch (Throwable t) {
            LOG.log(Level.ERROR, "Rejection hook failed on a " + rejection.status() + " (" + rejection.getMessage()
                    + "): sent the built-in answer", t);
            return fallback;
        }
    }

    private Endpoint route(Exchange exchange, Request request) {
        Router.Match<Route> match = match(exchange);
        Router.Result result = router.match(exchange.pathBytes(), exchange.pathStart(), exchange.pathEnd(), match);
        if (result == Router.Result.NOT_FOUND && trailingSlash != TrailingSlash.STRICT && router.matchOtherSlash(
                exchange.pathBytes(), exchange.pathStart(), exchange.pathEnd(), match) == Router.Result.FOUND) {
            if (trailingSlash == TrailingSlash.REDIRECT) {
                return answer(Response.redirect(Status.PERMANENT_REDIRECT, otherSlash(request)));
            }
            result = Router.Result.FOUND;
        }
        if (result == Router.Result.BAD_ESCAPE) {
            throw new HttpException(Status.BAD_REQUEST, "Invalid percent-encoding in the path");
        }
        if (result == Router.Result.NOT_FOUND) {
            if (request.method() == Method.OPTIONS && isAsterisk(exchange)) {
                return optionsAsterisk;
            }
            throw new HttpException(Status.NOT_FOUND, "Not Found");
        }
        Route route = match.value();
        exchange.routed(route.pattern.pattern(), route.pattern.paramNames(), match.params());
        Endpoint endpoint = route.endpoint(request.method());
        if (endpoint == null) {
            throw new MethodNotAllowedException(request.method(), route.answered());
        }
        return endpoint;
    }

    /**
     * @return the request's path with its trailing slash removed or added, and its query as sent: where a 308 sends a
     *         path whose other form has the route (RFC 9110 §15.4.9: the client repeats the method and the body)
     */
    private static String otherSlash(Request request) {
        String path = request.path();
        String other = path.endsWith("/") ? path.substring(0, path.length() - 1) : path + "/";
        return request.query().map(query -> other + "?" + query).orElse(other);
    }

    /** @return whether the target is the asterisk-form {@code *}, allowed for OPTIONS only (RFC 9112 §3.2.4) */
    private static boolean isAsterisk(Exchange exchange) {
        return exchange.pathEnd() - exchange.pathStart() == 1 && exchange.pathBytes().get(exchange.pathStart()) == '*';
    }

    /** @return an endpoint that answers with a response the dispatcher made, through the app's after filters */
    private Endpoint answer(Response response) {
        return new Endpoint(new Answer(response), null).built(NO_BEFORES, afters, Handler.Placement.EVENT_LOOP);
    }

    /** A response the dispatcher makes itself, for a request that reaches no handler: a 308, {@code OPTIONS *}. */
    private record Answer(Response response) implements Handler {
        @Override
        public Response handle(Request request) {
            return response;
        }
    }

    /** @return the match holder the router fills, kept with the connection (reused across its requests) */
    @SuppressWarnings("unchecked")
    private static Router.Match<Route> match(Exchange exchange) {
        if (exchange.kept() instanceof Router.Match<?> kept) {
            return (Router.Match<Route>) kept;
        }
        Router.Match<Route> match = new Router.Match<>();
        exchange.keep(match);
        return match;
    }

    /** Before filters, then the handler; an exception goes through the error handlers. */
    private Response run(Request request, Filter.Before[] befores, Handler handler) {
        try {
            Response early = before(befores, request);
            return early != null ? early : nonNull(handler.handle(request));
        } catch (Throwable t) {
            return error(request, t);
        }
    }

    private static Response before(Filter.Before[] befores, Request request) throws Exception {
        for (Filter.Before filter : befores) {
            Response early = filter.before(request);
            if (early != null) {
                return early;
            }
        }
        return null;
    }

    private Response after(Filter.After[] afters, Request request, Response response) {
        try {
            for (Filter.After filter : afters) {
                response = nonNull(filter.after(request, response));
            }
            return response;
        } catch (Throwable t) {
            LOG.log(Level.ERROR, "After filter failed on " + request, t);
            note(request, t);
            return defaultError(request, t);
        }
    }

    private CompletableFuture<Response> runBlocking(Request request, Endpoint endpoint, Handler handler) {
        CancelPropagating task = new CancelPropagating(null);
        Thread thread = virtualThreads.newThread(() -> {
            blockingQueued.decrementAndGet();
            blockingRunning.incrementAndGet();
            try {
                runBlocking(request, endpoint, handler, task);
            } finally {
                blockingRunning.decrementAndGet();
            }
        });
        task.onCancel = thread::interrupt; // set before anyone can see the task
        blockingQueued.incrementAndGet();
        thread.start();
        return task;
    }

    /** The body of a blocking handler's virtual thread. */
    private void runBlocking(Request request, Endpoint endpoint, Handler handler, CancelPropagating task) {
        BLOCKING_HANDLER.set(Boolean.TRUE);
        Response response;
        try {
            Response early = before(endpoint.befores, request);
            response = early != null ? early : nonNull(handler.handle(request));
        } catch (Throwable t) {
            if (task.isCancelled()) {
                dropped(request, t);
                return;
            }
            response = error(request, t);
        }
        if (!task.isCancelled()) { // else the engine has answered (503) and the filters have seen that answer
            task.complete(after(endpoint.afters, request, response));
        }
    }

    /** @return blocking handlers whose virtual thread has started but does not run them yet */
    public long queuedBlockingHandlers() {
        return blockingQueued.get();
    }

    /** @return blocking handlers running now */
    public long runningBlockingHandlers() {
        return blockingRunning.get();
    }

    /**
     * A handler failed after the engine cancelled it (timeout, shutdown, client gone), most likely because of the
     * cancellation: the engine has logged and answered that already, so this is no handler failure.
     */
    private static void dropped(Request request, Throwable t) {
        LOG.log(Level.DEBUG, "Handler cancelled by the engine ended with " + t + " on " + request);
    }

    /** @return whether the calling code runs in a blocking handler (or its filters and error handlers) */
    public static boolean inBlockingHandler() {
        return BLOCKING_HANDLER.get() != null;
    }

    private CompletionStage<Response> runAsync(Request request, Endpoint endpoint, AsyncHandler handler) {
        Filter.After[] afters = endpoint.afters;
        CompletionStage<Response> stage;
        try {
            Response early = before(endpoint.befores, request);
            if (early != null) {
                return CompletableFuture.completedFuture(after(afters, request, early));
            }
            stage = handler.handle(request);
        } catch (Throwable t) {
            return CompletableFuture.completedFuture(after(afters, request, error(request, t)));
        }
        if (stage == null) {
            return CompletableFuture.completedFuture(after(afters, request,
                    error(request, new NullPointerException("handler returned a null stage"))));
        }
        CompletionStage<Response> user = stage;
        CancelPropagating result = new CancelPropagating(() -> user.toCompletableFuture().cancel(true));
        stage.handle((response, failure) -> {
            if (result.isCancelled()) { // the engine has answered (503) and the filters have seen that answer
                if (failure != null) {
                    dropped(request, failure);
                }
                return null;
            }
            return result.complete(after(afters, request,
                    failure != null ? error(request, failure) : nonNullOrError(request, response)));
        });
        return result;
    }

    private Response nonNullOrError(Request request, Response response) {
        return response != null ? response : error(request, new NullPointerException("handler returned null"));
    }

    private static Response nonNull(Response response) {
        if (response == null) {
            throw new NullPointerException("handler or filter returned null instead of a Response");
        }
        return response;
    }

    /** The response for a handler's or filter's failure, noted for the observers of the exchange. */
    private Response error(Request request, Throwable t) {
        t = unwrap(t);
        note(request, t);
        return answer(request, t);
    }

    private static void note(Request request, Throwable t) {
        if (request instanceof FailureNote note) {
            note.failed(t);
        }
    }

    private static Throwable unwrap(Throwable t) {
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    /** The response for a failure: the most specific error handler, else the exception's own or a 500. */
    private Response answer(Request request, Throwable t) {
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        ErrorHandler<?> handler = handlerFor(t);
        if (handler != null) {
            try {
                @SuppressWarnings("unchecked")
                ErrorHandler<Throwable> h = (ErrorHandler<Throwable>) handler;
                return nonNull(h.handle(request, t));
            } catch (Throwable e) {
                e.addSuppressed(t);
                LOG.log(Level.ERROR, "Error handler failed on " + request, e);
                return defaultError(request, e);
            }
        }
        if (t instanceof HttpException http) {
            return problemDetails || http instanceof ProblemException ? http.toProblem(request) : http.toResponse();
        }
        LOG.log(Level.ERROR, "Handler failed on " + request, t);
        return defaultError(request, t);
    }

    /** @return the error handler of the most specific registered type of {@code t}, or null */
    private ErrorHandler<?> handlerFor(Throwable t) {
        ErrorHandler<?> handler = null;
        for (Class<?> c = t.getClass(); c != null && handler == null; c = c.getSuperclass()) {
            handler = errorHandlers.get(c);
        }
        return handler;
    }

    /** The 500 for a failure no error handler took: in debug mode with the stack trace, a {@code trace} member. */
    private Response defaultError(Request request, Throwable t) {
        if (!debug) {
            return problemDetails ? PROBLEM_500.toProblem(request) : PLAIN_500;
        }
        StringWriter trace = new StringWriter();
        t.printStackTrace(new PrintWriter(trace));
        if (problemDetails) {
            return new ProblemException(Status.INTERNAL_SERVER_ERROR, PROBLEM_500.getMessage())
                    .with("trace", trace.toString()).toProblem(request);
        }
        return Response.text(Status.INTERNAL_SERVER_ERROR, "Internal Server Error\n\n" + trace);
    }

    /**
     * The future the engine waits on. The engine cancels it when the handler times out or the client is gone; the
     * cancellation reaches the handler: a blocking handler's virtual thread is interrupted, an asynchronous
     * handler's own future is cancelled.
     */
    private static final class CancelPropagating extends CompletableFuture<Response> {
        volatile Runnable onCancel;

        CancelPropagating(Runnable onCancel) {
            this.onCancel = onCancel;
        }

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            boolean cancelled = super.cancel(mayInterruptIfRunning);
            if (cancelled) {
                try {
                    onCancel.run();
                } catch (RuntimeException e) { // e.g. a stage that cannot be a CompletableFuture
                    LOG.log(Level.DEBUG, "Could not cancel a handler's stage: " + e);
                }
            }
            return cancelled;
        }
    }
}
