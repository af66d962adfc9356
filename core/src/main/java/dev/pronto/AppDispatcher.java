package dev.pronto;

import dev.pronto.connection.Dispatcher;
import dev.pronto.connection.HttpRequest;
import dev.pronto.parser.RequestHead;
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

/**
 * Routes a request and runs it through filters, its handler and the error handlers. Plain handlers run here, on the
 * event loop; blocking ones on a virtual thread each; asynchronous ones complete whenever their stage does.
 */
final class AppDispatcher implements Dispatcher {
    private static final System.Logger LOG = System.getLogger(App.class.getName());
    private static final Response PLAIN_500 = Response.text(Status.INTERNAL_SERVER_ERROR, "Internal Server Error\n");
    /** Bound while a blocking handler runs: {@link Server#close()} must not wait for its own caller there. */
    private static final ScopedValue<Boolean> BLOCKING_HANDLER = ScopedValue.newInstance();

    private final Router<Route> router;
    private final Filter.Before[] befores;
    private final Filter.After[] afters;
    private final Map<Class<?>, ErrorHandler<?>> errorHandlers;
    private final boolean debug;
    private final ThreadFactory virtualThreads = Thread.ofVirtual().name("pronto-handler-", 0).factory();

    AppDispatcher(Router<Route> router, List<Filter.Before> befores, List<Filter.After> afters,
                  Map<Class<? extends Throwable>, ErrorHandler<?>> errorHandlers, boolean debug) {
        this.router = router;
        this.befores = befores.toArray(new Filter.Before[0]);
        this.afters = afters.toArray(new Filter.After[0]);
        this.errorHandlers = new HashMap<>(errorHandlers);
        this.debug = debug;
    }

    @Override
    public Object dispatch(HttpRequest request) {
        Handler handler;
        try {
            handler = route(request);
        } catch (HttpException e) {
            return after(request, error(request, e));
        }
        if (handler instanceof BlockingHandler blocking) {
            return runBlocking(request.detach(), blocking.delegate());
        }
        if (handler instanceof AsyncAdapter async) {
            return runAsync(request.detach(), async.delegate());
        }
        return after(request, run(request, handler));
    }

    private Handler route(HttpRequest request) {
        RequestHead head = request.head();
        Router.Match<Route> match = request.routeMatch();
        int result = router.match(request.buffer(), head.pathStart(), head.pathEnd(), match);
        if (result == Router.BAD_ESCAPE) {
            throw new HttpException(Status.BAD_REQUEST, "Invalid percent-encoding in the path");
        }
        if (result == Router.NOT_FOUND) {
            throw new HttpException(Status.NOT_FOUND, "Not Found");
        }
        Route route = match.value();
        request.routed(route.pattern.pattern(), route.pattern.paramNames(), match.params());
        Handler handler = route.handler(request.method());
        if (handler == null) {
            throw new MethodNotAllowedException(request.method(), route.allowed());
        }
        return handler;
    }

    /** Before filters, then the handler; an exception goes through the error handlers. */
    private Response run(Request request, Handler handler) {
        try {
            Response early = before(request);
            return early != null ? early : nonNull(handler.handle(request));
        } catch (Throwable t) {
            return error(request, t);
        }
    }

    private Response before(Request request) throws Exception {
        for (Filter.Before filter : befores) {
            Response early = filter.before(request);
            if (early != null) {
                return early;
            }
        }
        return null;
    }

    private Response after(Request request, Response response) {
        try {
            for (Filter.After filter : afters) {
                response = nonNull(filter.after(request, response));
            }
            return response;
        } catch (Throwable t) {
            LOG.log(Level.ERROR, "After filter failed on " + request, t);
            return defaultError(t);
        }
    }

    private CompletableFuture<Response> runBlocking(HttpRequest request, Handler handler) {
        CancelPropagating task = new CancelPropagating(null);
        Thread thread = virtualThreads.newThread(() -> ScopedValue.where(BLOCKING_HANDLER, Boolean.TRUE)
                .run(() -> task.complete(after(request, run(request, handler)))));
        task.onCancel = thread::interrupt; // set before anyone can see the task
        thread.start();
        return task;
    }

    /** @return whether the calling code runs in a blocking handler (or its filters and error handlers) */
    static boolean inBlockingHandler() {
        return BLOCKING_HANDLER.isBound();
    }

    private CompletionStage<Response> runAsync(HttpRequest request, AsyncHandler handler) {
        CompletionStage<Response> stage;
        try {
            Response early = before(request);
            if (early != null) {
                return CompletableFuture.completedFuture(after(request, early));
            }
            stage = handler.handle(request);
        } catch (Throwable t) {
            return CompletableFuture.completedFuture(after(request, error(request, t)));
        }
        if (stage == null) {
            return CompletableFuture.completedFuture(after(request,
                    error(request, new NullPointerException("handler returned a null stage"))));
        }
        CompletionStage<Response> user = stage;
        CancelPropagating result = new CancelPropagating(() -> user.toCompletableFuture().cancel(true));
        stage.handle((response, failure) -> result.complete(after(request,
                failure != null ? error(request, failure) : nonNullOrError(request, response))));
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

    /** The response for a failure: the most specific error handler, else the exception's own or a 500. */
    private Response error(Request request, Throwable t) {
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        ErrorHandler<?> handler = null;
        for (Class<?> c = t.getClass(); c != null && handler == null; c = c.getSuperclass()) {
            handler = errorHandlers.get(c);
        }
        if (handler != null) {
            try {
                @SuppressWarnings("unchecked")
                ErrorHandler<Throwable> h = (ErrorHandler<Throwable>) handler;
                return nonNull(h.handle(request, t));
            } catch (Throwable e) {
                e.addSuppressed(t);
                LOG.log(Level.ERROR, "Error handler failed on " + request, e);
                return defaultError(e);
            }
        }
        if (t instanceof HttpException http) {
            return http.toResponse();
        }
        LOG.log(Level.ERROR, "Handler failed on " + request, t);
        return defaultError(t);
    }

    private Response defaultError(Throwable t) {
        if (!debug) {
            return PLAIN_500;
        }
        StringWriter trace = new StringWriter();
        t.printStackTrace(new PrintWriter(trace));
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
