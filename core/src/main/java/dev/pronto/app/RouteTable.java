package dev.pronto.app;

import dev.pronto.Filter;
import dev.pronto.Handler;
import dev.pronto.Method;
import dev.pronto.http.Methods;
import dev.pronto.router.RoutePattern;
import dev.pronto.router.Router;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The routes of an app while it is configured, with their groups: each pattern is checked against the others as it
 * is added (by the router's builder, the one place that knows which patterns match the same paths), then built into
 * a router whose every endpoint holds its handler as it runs and its filters in order.
 */
public final class RouteTable {
    private final Router.Builder<Route> routes = new Router.Builder<>();
    private final Map<RoutePattern, Route> added = new LinkedHashMap<>();
    private final Scope app = Scope.app();
    private final List<Scope> groups = new ArrayList<>(); // in registration order: each after its enclosing group

    /** Creates an empty table. */
    public RouteTable() {
    }

    /** @return the scope of the app's own routes */
    public Scope app() {
        return app;
    }

    /**
     * Adds a group.
     *
     * @param parent the enclosing scope
     * @param prefix the group's prefix, relative to the enclosing one's
     * @return the group's scope
     * @throws IllegalArgumentException if the prefix is malformed
     */
    public Scope group(Scope parent, String prefix) {
        Scope group = parent.group(prefix);
        groups.add(group);
        return group;
    }

    /**
     * Adds a route.
     *
     * @param scope   the app's or a group's scope
     * @param methods the methods, or {@code null} for every method
     * @param pattern a path pattern such as {@code /users/{id}}, relative to the scope's prefix
     * @param handler the handler
     * @throws IllegalArgumentException if the pattern is malformed or conflicts with an earlier route, or the methods
     *                                  are none or include {@code CONNECT}
     */
    public void add(Scope scope, List<Method> methods, String pattern, Handler handler) {
        String whole = scope.pattern(pattern);
        if (methods != null && methods.isEmpty()) {
            throw new IllegalArgumentException("No method given for route " + whole);
        }
        if (methods != null && methods.contains(Method.CONNECT)) {
            throw new IllegalArgumentException("CONNECT cannot be routed (" + whole
                    + "): the server implements no tunnels and answers it 501 before any route");
        }
        Route route = routes.computeIfAbsent(RoutePattern.parse(whole), Route::new);
        route.add(methods, new Endpoint(handler, scope));
        added.putIfAbsent(route.pattern, route);
    }

    /**
     * Builds the routes as they are now.
     *
     * @param befores   the app's before filters
     * @param afters    the app's after filters
     * @param placement where plain handlers run
     * @return the router, and the after filters of the 404s under each group's prefix
     */
    Routing build(List<Filter.Before> befores, List<Filter.After> afters, Handler.Placement placement) {
        Map<Scope, Chain> chains = new IdentityHashMap<>();
        chains.put(app, new Chain(befores, afters));
        for (Scope group : groups) {
            chains.put(group, chains.get(group.parent).then(group));
        }
        Map<RoutePattern, Route> built = new LinkedHashMap<>();
        added.forEach((pattern, route) -> built.put(pattern, route.built(
                e -> e.built(chains.get(e.scope).befores, chains.get(e.scope).afters, placement),
                chains.get(route.scope()).afters)));
        List<GroupPrefixes.Prefix> prefixes = new ArrayList<>();
        for (Scope group : groups) {
            if (!group.prefix.isEmpty()) { // an empty one is the app's: its 404s keep the app's filters
                prefixes.add(new GroupPrefixes.Prefix(group.segments, chains.get(group).afters));
            }
        }
        return new Routing(Router.of(built), new GroupPrefixes(prefixes));
    }

    /**
     * What a built table answers with.
     *
     * @param router   finds the route of a path
     * @param prefixes finds the after filters of a 404 under a group's prefix
     */
    record Routing(Router<Route> router, GroupPrefixes prefixes) {
    }

    /** The filters a scope's endpoints run with, its enclosing scopes' first. */
    private record Chain(Filter.Before[] befores, Filter.After[] afters) {
        Chain(List<Filter.Before> befores, List<Filter.After> afters) {
            this(befores.toArray(new Filter.Before[0]), afters.toArray(new Filter.After[0]));
        }

        Chain then(Scope group) {
            List<Filter.Before> b = new ArrayList<>(List.of(befores));
            b.addAll(group.befores);
            List<Filter.After> a = new ArrayList<>(List.of(afters));
            a.addAll(group.afters);
            return new Chain(b, a);
        }
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
        for (Route route : added.values()) {
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
}
