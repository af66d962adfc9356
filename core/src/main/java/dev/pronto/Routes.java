package dev.pronto;

import java.util.Set;
import java.util.function.Consumer;

/**
 * The route, filter and group methods that an {@link App} and a {@link RouteGroup} share, stated once.
 *
 * <p>{@code R} is the type that implements them ({@code App implements Routes<App>}), so that each method returns
 * that type and calls chain: {@code new App().get(…).post(…).start(…)} still ends on an {@code App}. You never write
 * the type parameter yourself.
 *
 * <p>In a group, a pattern is appended to the group's prefix as written: {@code api.get("/orders/{id}", h)} in the
 * group {@code /api} routes {@code /api/orders/{id}}, {@code api.get("/", h)} routes {@code /api/} (a route apart
 * from {@code /api}), and the empty pattern {@code api.get("", h)} routes the prefix itself, {@code /api}. Outside
 * a group a pattern starts with {@code /}.
 *
 * @param <R> the type that registers the routes, which each method returns
 */
public interface Routes<R extends Routes<R>> {
    /**
     * Routes requests of the given methods for a pattern.
     *
     * @param methods the methods, at least one; {@code GET} also answers {@code HEAD} unless HEAD has its own route
     * @param pattern a path pattern such as {@code /users/{id}}
     * @param handler the handler
     * @return this, for chaining
     * @throws IllegalArgumentException if the pattern is malformed or conflicts with an earlier route (the message
     *                                  shows the whole pattern, with its groups' prefixes), or the methods include
     *                                  {@code CONNECT}, which the engine answers 501 itself (no tunnels)
     */
    R route(Set<Method> methods, String pattern, Handler handler);

    /**
     * Routes requests of every method for a pattern.
     *
     * @param pattern a path pattern
     * @param handler the handler
     * @return this, for chaining
     * @throws IllegalArgumentException if the pattern is malformed or conflicts with an earlier route
     */
    R route(String pattern, Handler handler);

    /**
     * Adds a filter run before the handlers of these routes, which may answer early (return {@code null} to go on).
     * Filters run in registration order, the app's first, then each enclosing group's from the outermost in; they run
     * on the thread of the handler (a virtual thread for blocking handlers). Auth on a group is one line:
     * {@code api.before(request -> request.header("Authorization").isPresent() ? null : Response.text(401, "Log in"))}.
     *
     * @param filter the filter
     * @return this, for chaining
     */
    R before(Filter.Before filter);

    /**
     * Adds a filter run on every response of these routes (from handlers, early answers and error handlers, and the
     * 405 of their paths), in registration order, the app's first, then each enclosing group's from the outermost
     * in, each given the response of the one before.
     *
     * @param filter the filter
     * @return this, for chaining
     */
    R after(Filter.After filter);

    /**
     * Installs a plugin here: the filters (and routes) of a feature such as {@code Cors}, registered at this point of
     * the order, for this app or group only. {@code app.install(p)} is {@code p.install(app)}, in a chain.
     *
     * @param plugin the plugin
     * @return this, for chaining
     */
    R install(Plugin plugin);

    /**
     * Adds a group of routes under a prefix, with filters of its own that run only for its routes, after the filters
     * of this app or group. A 404 whose path lies under the prefix (the prefix itself or anything below it) goes
     * through the group's after filters too, so that a group-wide header lands on it; when several groups' prefixes
     * match, the longest prefix wins (the first group registered among equals).
     *
     * <pre>{@code
     * app.group("/api", api -> {
     *     api.before(request -> request.header("Authorization").isPresent() ? null : Response.text(401, "Log in"));
     *     api.get("/orders/{id}", request -> Response.text("order " + request.pathParam("id")));
     *     api.group("/admin", admin -> admin.delete("/orders/{id}", request -> Response.status(204)));
     * });
     * }</pre>
     *
     * @param prefix the prefix: {@code /} and segments, literal or {@code {name}} placeholders, without a trailing
     *               slash ({@code /api}, {@code /users/{userId}}); or {@code ""} for a group that scopes filters only
     * @param routes registers the group's routes, filters and groups, called once, at once
     * @return this, for chaining
     * @throws IllegalArgumentException if the prefix is malformed
     */
    R group(String prefix, Consumer<RouteGroup> routes);

    /**
     * Routes {@code GET} (and {@code HEAD}) requests for a pattern.
     *
     * @param pattern a path pattern such as {@code /users/{id}}
     * @param handler the handler
     * @return this, for chaining
     * @throws IllegalArgumentException if the pattern is malformed or conflicts with an earlier route
     */
    default R get(String pattern, Handler handler) {
        return route(Set.of(Method.GET), pattern, handler);
    }

    /**
     * Routes {@code POST} requests for a pattern.
     *
     * @param pattern a path pattern
     * @param handler the handler
     * @return this, for chaining
     * @throws IllegalArgumentException if the pattern is malformed or conflicts with an earlier route
     */
    default R post(String pattern, Handler handler) {
        return route(Set.of(Method.POST), pattern, handler);
    }

    /**
     * Routes {@code PUT} requests for a pattern.
     *
     * @param pattern a path pattern
     * @param handler the handler
     * @return this, for chaining
     * @throws IllegalArgumentException if the pattern is malformed or conflicts with an earlier route
     */
    default R put(String pattern, Handler handler) {
        return route(Set.of(Method.PUT), pattern, handler);
    }

    /**
     * Routes {@code DELETE} requests for a pattern.
     *
     * @param pattern a path pattern
     * @param handler the handler
     * @return this, for chaining
     * @throws IllegalArgumentException if the pattern is malformed or conflicts with an earlier route
     */
    default R delete(String pattern, Handler handler) {
        return route(Set.of(Method.DELETE), pattern, handler);
    }

    /**
     * Routes {@code PATCH} requests for a pattern.
     *
     * @param pattern a path pattern
     * @param handler the handler
     * @return this, for chaining
     * @throws IllegalArgumentException if the pattern is malformed or conflicts with an earlier route
     */
    default R patch(String pattern, Handler handler) {
        return route(Set.of(Method.PATCH), pattern, handler);
    }
}
