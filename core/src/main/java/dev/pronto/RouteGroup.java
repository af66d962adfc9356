package dev.pronto;

import dev.pronto.engine.Engine;

import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Routes under one prefix with filters of their own, made by {@link Routes#group}: it offers the same route, filter
 * and group methods as {@link App}, its patterns appended to the prefix, its filters run only for its routes (after
 * the app's and the enclosing groups'). See {@link Routes} for how a pattern joins the prefix.
 *
 * <pre>{@code
 * app.group("/api", api -> {
 *     api.before(request -> request.header("Authorization").isPresent() ? null : Response.text(401, "Log in"));
 *     api.after((request, response) -> response.withHeader("Cache-Control", "no-store"));
 *     api.get("/orders/{id}", request -> Response.text("order " + request.pathParam("id")));
 * });
 * }</pre>
 */
public final class RouteGroup implements Routes<RouteGroup> {
    private final App app;
    private final Engine.Group group;

    RouteGroup(App app, Engine.Group group) {
        this.app = app;
        this.group = group;
    }

    @Override
    public RouteGroup route(Set<Method> methods, String pattern, Handler handler) {
        app.add(group, methods, pattern, handler);
        return this;
    }

    @Override
    public RouteGroup route(String pattern, Handler handler) {
        app.add(group, null, pattern, handler);
        return this;
    }

    @Override
    public RouteGroup before(Filter.Before filter) {
        app.before(group, filter);
        return this;
    }

    @Override
    public RouteGroup after(Filter.After filter) {
        app.after(group, filter);
        return this;
    }

    @Override
    public RouteGroup install(Plugin plugin) {
        Objects.requireNonNull(plugin, "plugin").install(this);
        return this;
    }

    @Override
    public RouteGroup group(String prefix, Consumer<RouteGroup> routes) {
        app.group(group, prefix, routes);
        return this;
    }
}
