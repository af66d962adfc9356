package dev.pronto.app;

import dev.pronto.Handler;
import dev.pronto.Method;
import dev.pronto.router.RoutePattern;
import dev.pronto.router.Router;

import java.util.List;

/**
 * The routes of an app while it is configured: each pattern is checked against the others as it is added (by the
 * router's builder, the one place that knows which patterns match the same paths), then built into a router.
 */
public final class RouteTable {
    private final Router.Builder<Route> routes = new Router.Builder<>();

    /** Creates an empty table. */
    public RouteTable() {
    }

    /**
     * Adds a route.
     *
     * @param methods the methods, or {@code null} for every method
     * @param pattern a path pattern such as {@code /users/{id}}
     * @param handler the handler
     * @throws IllegalArgumentException if the pattern is malformed or conflicts with an earlier route
     */
    public void add(List<Method> methods, String pattern, Handler handler) {
        routes.computeIfAbsent(RoutePattern.parse(pattern), Route::new).add(methods, handler);
    }

    /** @return a router over the routes as they are now */
    Router<Route> router() {
        return routes.build();
    }
}
