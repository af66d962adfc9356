package dev.pronto.app;

import dev.pronto.Handler;
import dev.pronto.Method;
import dev.pronto.http.Methods;
import dev.pronto.router.RoutePattern;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One route pattern and its handlers by method; filled while the app is configured, read-only once it runs. */
final class Route {
    final RoutePattern pattern;
    private final Handler[] standard = new Handler[Methods.COUNT]; // by Method.ordinal(); [OTHER] unused
    private final Map<Method, Handler> others = new LinkedHashMap<>();
    private Handler any;

    Route(RoutePattern pattern) {
        this.pattern = pattern;
    }

    /** Adds handlers; {@code methods == null} means every method. */
    void add(List<Method> methods, Handler handler) {
        if (methods == null) {
            if (any != null || !others.isEmpty() || !allowed().isEmpty()) {
                throw conflict("every method");
            }
            any = handler;
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
            if (i != Methods.OTHER) {
                standard[i] = handler;
            } else {
                others.put(m, handler);
            }
        }
    }

    private IllegalArgumentException conflict(String what) {
        return new IllegalArgumentException("Route " + pattern.pattern() + " is registered twice for " + what);
    }

    /** @return the handler for a method: HEAD falls back to GET; {@code null} when the method is not allowed */
    Handler handler(Method method) {
        if (any != null) {
            return any;
        }
        int i = method.ordinal();
        Handler h = i != Methods.OTHER ? standard[i] : others.get(method);
        if (h == null && i == Methods.HEAD) {
            h = standard[Methods.GET];
        }
        return h;
    }

    /** @return whether one handler answers every method (the methods are then not listed by {@link #allowed()}) */
    boolean answersEveryMethod() {
        return any != null;
    }

    /** @return the methods this route answers, for {@code Allow} */
    List<Method> allowed() {
        List<Method> allowed = new ArrayList<>();
        for (int i = Methods.OTHER + 1; i < Methods.COUNT; i++) {
            if (standard[i] != null || i == Methods.HEAD && standard[Methods.GET] != null) {
                allowed.add(Method.standard(i));
            }
        }
        allowed.addAll(others.keySet());
        return allowed;
    }
}
