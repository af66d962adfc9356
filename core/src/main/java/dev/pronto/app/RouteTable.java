package dev.pronto.app;

import dev.pronto.Handler;
import dev.pronto.Method;
import dev.pronto.http.Methods;
import dev.pronto.router.RoutePattern;
import dev.pronto.router.Router;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

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

    /**
     * Lists what {@code OPTIONS *} answers in {@code Allow} (RFC 9110 §9.3.7): every method some route answers, plus
     * OPTIONS, the standard ones in the order of a 405's {@code Allow}. A route for every method stands for every
     * standard method but CONNECT, which the engine answers 501 itself.
     *
     * @return the methods
     */
    List<Method> methodsAnswered() {
        boolean[] standard = new boolean[Methods.COUNT];
        Set<Method> extensions = new LinkedHashSet<>();
        standard[Methods.OPTIONS] = true;
        for (Route route : routes.values()) {
            if (route.answersEveryMethod()) {
                Arrays.fill(standard, true);
            }
            for (Method m : route.allowed()) {
                if (m.ordinal() != Methods.OTHER) {
                    standard[m.ordinal()] = true;
                } else {
                    extensions.add(m);
                }
            }
        }
        List<Method> methods = new ArrayList<>();
        for (int id = Methods.OTHER + 1; id < Methods.COUNT; id++) {
            if (standard[id] && id != Methods.CONNECT) {
                methods.add(Method.standard(id));
            }
        }
        methods.addAll(extensions);
        return methods;
    }

    /** @return a router over the routes as they are now */
    Router<Route> router() {
        return routes.build();
    }
}
