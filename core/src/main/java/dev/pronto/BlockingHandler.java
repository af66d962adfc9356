package dev.pronto;

/** A handler the framework runs on a virtual thread; see {@link Handler#blocking(Handler)}. */
record BlockingHandler(Handler delegate) implements Handler {
    @Override
    public Response handle(Request request) throws Exception {
        return delegate.handle(request);
    }
}
