package dev.pronto;

/**
 * Answers a request. A plain handler runs inline on the event loop, the fast path: it must not block. Wrap a
 * handler that blocks (JDBC, files, remote calls) with {@link #blocking(Handler)} to run it on a virtual thread, and
 * give an {@link AsyncHandler} to {@link #async(AsyncHandler)} when the answer comes from a {@code CompletionStage}.
 *
 * <pre>{@code
 * app.get("/", request -> Response.text("Hello world!"));                       // inline
 * app.get("/todos", Handler.blocking(request -> Response.text(db.list())));     // a virtual thread
 * app.get("/quote", Handler.async(request -> quotes.next().thenApply(Response::text)));
 * }</pre>
 */
@FunctionalInterface
public interface Handler {
    /**
     * Answers one request.
     *
     * @param request the request; see {@link Request} for how long it stays valid
     * @return the response
     * @throws Exception any failure, answered through the error handlers (500 by default)
     */
    Response handle(Request request) throws Exception;

    /**
     * Marks a handler as blocking: it runs on a virtual thread of its own, so it may block in straight-line code.
     * Its request is a private copy. Responses still leave in request order.
     *
     * @param handler the handler
     * @return a handler that the framework runs on a virtual thread (called directly, it runs on the caller's)
     */
    static Handler blocking(Handler handler) {
        return new Blocking(handler);
    }

    /**
     * Adapts an asynchronous handler: its stage may complete on any thread; responses still leave in request order.
     *
     * @param handler the asynchronous handler
     * @return a handler that the framework completes without blocking (called directly, it waits for the stage)
     */
    static Handler async(AsyncHandler handler) {
        return new Async(handler);
    }

    /**
     * A handler that the framework runs on a virtual thread, as {@link #blocking(Handler)} makes; the framework
     * recognises it by this type.
     *
     * @param handler the handler to run there
     */
    record Blocking(Handler handler) implements Handler {
        /** Called directly (in a test, say), it runs on the caller's thread. */
        @Override
        public Response handle(Request request) throws Exception {
            return handler.handle(request);
        }
    }

    /**
     * An asynchronous handler that the framework completes without blocking, as {@link #async(AsyncHandler)} makes.
     *
     * @param handler the asynchronous handler
     */
    record Async(AsyncHandler handler) implements Handler {
        /** Called directly (in a test, say), it waits for the stage; the framework never calls this. */
        @Override
        public Response handle(Request request) throws Exception {
            return handler.handle(request).toCompletableFuture().get();
        }
    }
}
