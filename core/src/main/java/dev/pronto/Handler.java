package dev.pronto;

import java.util.Objects;

/**
 * Answers a request. By default a plain handler runs inline on the event loop, the fast path: it must not block. Wrap
 * a handler that blocks (JDBC, files, remote calls) with {@link #blocking(Handler)} to run it on a virtual thread, and
 * give an {@link AsyncHandler} to {@link #async(AsyncHandler)} when the answer comes from a {@code CompletionStage}.
 * An app whose handlers mostly block can make virtual threads the default for plain handlers instead
 * ({@link App#handlerPlacement}), and keep the fast path for a few routes with {@link #inline(Handler)}.
 *
 * <pre>{@code
 * app.get("/", request -> Response.text("Hello world!"));                       // inline (by default)
 * app.get("/todos", Handler.blocking(request -> Response.text(db.list())));     // a virtual thread
 * app.get("/quote", Handler.async(request -> quotes.next().thenApply(Response::text)));
 * app.get("/health", Handler.inline(request -> OK));                            // inline, whatever the default
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
     * Marks a handler as inline: it runs on the event loop even when the app runs plain handlers on virtual threads
     * ({@link App#handlerPlacement}). The fastest path, for handlers that never block (no JDBC, files, sleeps or
     * remote calls: those would stall every connection of the loop). Its request is valid only while it runs.
     *
     * @param handler the handler, a plain one
     * @return a handler that the framework runs on the event loop
     * @throws IllegalArgumentException if the handler is already {@link #blocking} or {@link #async}, which say where
     *                                  it runs otherwise
     */
    static Handler inline(Handler handler) {
        return new Inline(handler);
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
     * A handler that the framework runs on the event loop whatever the app's default, as {@link #inline(Handler)}
     * makes; the framework recognises it by this type.
     *
     * @param handler the handler to run there
     */
    record Inline(Handler handler) implements Handler {
        /**
         * Checks that the handler is a plain one.
         *
         * @throws IllegalArgumentException if it is {@link Blocking}, {@link Async} or {@code Inline} already
         */
        public Inline {
            Objects.requireNonNull(handler, "handler");
            if (handler instanceof Blocking || handler instanceof Async || handler instanceof Inline) {
                throw new IllegalArgumentException("Handler.inline takes a plain handler, not "
                        + handler.getClass().getSimpleName() + ": it says where the handler runs already");
            }
        }

        @Override
        public Response handle(Request request) throws Exception {
            return handler.handle(request);
        }
    }

    /**
     * Where the framework runs plain handlers, the app-wide default that {@link App#handlerPlacement} sets; a route
     * wrapped in {@link #blocking}, {@link #async} or {@link #inline} keeps its own choice.
     */
    enum Placement {
        /** Inline on the connection's event loop: the fastest; a handler must not block. The default. */
        EVENT_LOOP,
        /** On a virtual thread of its own, with a private copy of the request, as {@link #blocking} does. */
        VIRTUAL_THREAD
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
