package dev.pronto.app;

import dev.pronto.Handler;
import dev.pronto.Method;
import dev.pronto.router.RoutePattern;
import dev.pronto.router.Router;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The routes of an app while it is configured: patterns checked as they are added, then built into a router. */
public final class RouteTable {
    private final Map<String, Route> routes = new LinkedHashMap<>();
    private final Map<String, String> shapes = new LinkedHashMap<>();

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
        RoutePattern parsed = RoutePattern.parse(pattern);
        String other = shapes.putIfAbsent(parsed.shape(), pattern);
        if (other != null && !other.equals(pattern)) {
            throw new IllegalArgumentException("Routes " + other + " and " + pattern
                    + " match the same paths: use one pattern with the same placeholder names");
        }
        routes.computeIfAbsent(pattern, p -> new Route(parsed)).add(methods, handler);
    }

    /** @return a router over the routes as they are now */
    Router<Route> router() {
        Map<RoutePattern, Route> byPattern = new LinkedHashMap<>();
        routes.values().forEach(r -> byPattern.put(r.pattern, r));
        return Router.of(byPattern);
    }
}
