package dev.pronto;

/** An asynchronous handler the framework completes without blocking; see {@link Handler#async(AsyncHandler)}. */
record AsyncAdapter(AsyncHandler delegate) implements Handler {
    /** Called directly (in a test, say), it waits for the stage; the framework never calls this. */
    @Override
    public Response handle(Request request) throws Exception {
        return delegate.handle(request).toCompletableFuture().get();
    }
}
