package dev.pronto.app;

import dev.pronto.Filter;
import dev.pronto.Handler;
import dev.pronto.Method;
import dev.pronto.Response;
import dev.pronto.Status;
import dev.pronto.http.Methods;
import dev.pronto.router.RoutePattern;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * One route pattern and its endpoints by method: filled while the app is configured, then copied, built, into the
 * router, where it is read-only.
 */
final class Route {
    final RoutePattern pattern;
    /** The after filters of a 405 on this path: those its endpoints share; null until built. */
    final Filter.After[] notAllowed;
    private final Endpoint[] standard = new Endpoint[Methods.COUNT]; // by Method.ordinal(); [OTHER] unused
    private final Map<Method, Endpoint> others = new LinkedHashMap<>();
    private Endpoint any;
    /** Answers OPTIONS when no endpoint does (RFC 9110 §9.3.7); null until built, and for an every-method route. */
    private Endpoint options;

    Route(RoutePattern pattern) {
        this(pattern, null);
    }

    private Route(RoutePattern pattern, Filter.After[] notAllowed) {
        this.pattern = pattern;
        this.notAllowed = notAllowed;
    }

    /** Adds an endpoint; {@code methods == null} means every method. */
    void add(List<Method> methods, Endpoint endpoint) {
        if (methods == null) {
            if (any != null || !others.isEmpty() || !allowed().isEmpty()) {
                throw conflict("every method");
            }
            any = endpoint;
            return;
        }
        if (any != null) {
            throw conflict("every method");
        }
        for (Method m : methods) {
            int i = m.ordinal();
            if (i != Methods.OTHER ? standard[i] != null : others.containsKey(m)) {
                throw conflict(m.name());
            }
        }
        for (Method m : methods) {
            int i = m.ordinal();
            if (i != Methods.OTHER) {
                standard[i] = endpoint;
            } else {
                others.put(m, endpoint);
            }
        }
    }

    private IllegalArgumentException conflict(String what) {
        return new IllegalArgumentException("Route " + pattern.pattern() + " is registered twice for " + what);
    }

    /** @return the endpoint for a method: HEAD falls back to GET; {@code null} when the method is not allowed */
    Endpoint endpoint(Method method) {
        if (any != null) {
            return any;
        }
        int i = method.ordinal();
        Endpoint e = i != Methods.OTHER ? standard[i] : others.get(method);
        if (e == null && i == Methods.HEAD) {
            e = standard[Methods.GET];
        }
        return e == null && i == Methods.OPTIONS ? options : e;
    }

    /** @return whether one handler answers every method (the methods are then not listed by {@link #allowed()}) */
    boolean answersEveryMethod() {
        return any != null;
    }

    /** @return the methods registered for this route, HEAD with GET */
    List<Method> allowed() {
        return methods(false);
    }

    /**
     * @return the methods a request to this path may use, for {@code Allow}: those registered and OPTIONS, which a
     *         route without its own OPTIONS handler answers itself
     */
    List<Method> answered() {
        return methods(true);
    }

    private List<Method> methods(boolean withOptions) {
        List<Method> allowed = new ArrayList<>();
        for (int i = Methods.OTHER + 1; i < Methods.COUNT; i++) {
            if (standard[i] != null || i == Methods.HEAD && standard[Methods.GET] != null
                    || i == Methods.OPTIONS && withOptions) {
                allowed.add(Method.standard(i));
            }
        }
        allowed.addAll(others.keySet());
        return allowed;
    }

    /**
     * The answer to OPTIONS on a path without an OPTIONS route: 204 with {@code Allow} (RFC 9110 §9.3.7), a constant
     * per route. It is an endpoint like the others, in the scope its endpoints share, so that the route's before and
     * after filters see it (a CORS filter answers a preflight there). It runs on a virtual thread when one of the
     * route's handlers does: their before filters may block (an auth lookup), so they must not run on the loop here.
     */
    private static Handler optionsHandler(Route built) {
        Response answer = Response.status(Status.NO_CONTENT)
                .withHeader("Allow", String.join(", ", built.answered().stream().map(Method::name).toList()));
        Handler handler = request -> answer;
        for (Endpoint e : built.standard) {
            if (e != null && e.handler instanceof Handler.Blocking) {
                return Handler.blocking(handler);
            }
        }
        for (Endpoint e : built.others.values()) {
            if (e.handler instanceof Handler.Blocking) {
                return Handler.blocking(handler);
            }
        }
        return Handler.inline(handler);
    }

    /** @return the innermost scope that encloses every endpoint's */
    Scope scope() {
        Scope common = any != null ? any.scope : null;
        for (Endpoint e : standard) {
            common = e == null ? common : common == null ? e.scope : Scope.common(common, e.scope);
        }
        for (Endpoint e : others.values()) {
            common = common == null ? e.scope : Scope.common(common, e.scope);
        }
        return common;
    }

    /**
     * @param build      makes each endpoint ready to serve
     * @param notAllowed the after filters of a 405 on this path
     * @return a copy of this route with its endpoints built
     */
    Route built(UnaryOperator<Endpoint> build, Filter.After[] notAllowed) {
        Route r = new Route(pattern, notAllowed);
        for (int i = 0; i < standard.length; i++) {
            r.standard[i] = standard[i] == null ? null : build.apply(standard[i]);
        }
        others.forEach((m, e) -> r.others.put(m, build.apply(e)));
        r.any = any == null ? null : build.apply(any);
        if (r.any == null && r.standard[Methods.OPTIONS] == null) {
            r.options = build.apply(new Endpoint(optionsHandler(r), scope()));
        }
        return r;
    }
}
