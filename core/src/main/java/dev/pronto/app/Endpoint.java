package dev.pronto.app;

import dev.pronto.Filter;
import dev.pronto.Handler;

/**
 * One handler of a route with the filters it runs with. While the app is configured it knows its group; once the
 * table is built, its handler says where it runs ({@link Handler.Blocking}, {@link Handler.Async}, or inline on the
 * loop) and its filters are the app's, then each enclosing group's, in order, so that a request looks nothing up.
 */
final class Endpoint {
    final Handler handler;
    final Scope scope;
    final Filter.Before[] befores; // null until built
    final Filter.After[] afters; // null until built

    Endpoint(Handler handler, Scope scope) {
        this(handler, scope, null, null);
    }

    private Endpoint(Handler handler, Scope scope, Filter.Before[] befores, Filter.After[] afters) {
        this.handler = handler;
        this.scope = scope;
        this.befores = befores;
        this.afters = afters;
    }

    /**
     * @param befores   the filters of its scope, the enclosing ones first
     * @param afters    the same for after filters
     * @param placement where plain handlers run
     * @return this endpoint ready to serve
     */
    Endpoint built(Filter.Before[] befores, Filter.After[] afters, Handler.Placement placement) {
        return new Endpoint(placed(handler, placement), scope, befores, afters);
    }

    /** @return the handler as the dispatcher runs it: an inline one unwrapped, a plain one moved where told */
    private static Handler placed(Handler handler, Handler.Placement placement) {
        if (handler instanceof Handler.Inline inline) {
            return inline.handler();
        }
        if (placement == Handler.Placement.VIRTUAL_THREAD
                && !(handler instanceof Handler.Blocking) && !(handler instanceof Handler.Async)) {
            return Handler.blocking(handler);
        }
        return handler;
    }
}
