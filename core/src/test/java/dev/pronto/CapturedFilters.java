package dev.pronto;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/** A {@link Routes} that only keeps the filters a plugin registers, to call them directly. */
final class CapturedFilters implements Routes<CapturedFilters> {
    final List<Filter.Before> befores = new ArrayList<>();
    final List<Filter.After> afters = new ArrayList<>();

    static CapturedFilters of(Plugin plugin) {
        return new CapturedFilters().install(plugin);
    }

    @Override
    public CapturedFilters route(Set<Method> methods, String pattern, Handler handler) {
        throw new UnsupportedOperationException("a filter plugin adds no route");
    }

    @Override
    public CapturedFilters route(String pattern, Handler handler) {
        throw new UnsupportedOperationException("a filter plugin adds no route");
    }

    @Override
    public CapturedFilters before(Filter.Before filter) {
        befores.add(filter);
        return this;
    }

    @Override
    public CapturedFilters after(Filter.After filter) {
        afters.add(filter);
        return this;
    }

    @Override
    public CapturedFilters install(Plugin plugin) {
        plugin.install(this);
        return this;
    }

    @Override
    public CapturedFilters group(String prefix, Consumer<RouteGroup> routes) {
        throw new UnsupportedOperationException("a filter plugin adds no group");
    }
}
