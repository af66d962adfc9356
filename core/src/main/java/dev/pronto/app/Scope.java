package dev.pronto.app;

import dev.pronto.Filter;
import dev.pronto.router.RoutePattern;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A group of routes while the app is configured: its enclosing group, its whole prefix and its own filters. The app
 * is the root scope, without a prefix; its filters are given when the table is built.
 */
public final class Scope {
    final Scope parent; // null for the app
    final String prefix; // the whole prefix, the enclosing groups' included; "" for the app
    final List<byte[]> segments; // of the prefix: a literal's UTF-8 bytes, null for a placeholder
    final List<Filter.Before> befores = new ArrayList<>();
    final List<Filter.After> afters = new ArrayList<>();

    private Scope(Scope parent, String prefix, List<byte[]> segments) {
        this.parent = parent;
        this.prefix = prefix;
        this.segments = segments;
    }

    /** @return the scope of the app itself */
    static Scope app() {
        return new Scope(null, "", List.of());
    }

    /**
     * Makes the scope of a group nested in this one.
     *
     * @param prefix the group's prefix, relative to this scope's: {@code ""}, or {@code /} and segments without a
     *               trailing slash
     * @throws IllegalArgumentException if the prefix is malformed
     */
    Scope group(String prefix) {
        Objects.requireNonNull(prefix, "prefix");
        if (!prefix.isEmpty() && (!prefix.startsWith("/") || prefix.endsWith("/"))) {
            // A trailing slash would make "/api/" + "/orders" an empty segment; "" already means "no prefix".
            throw new IllegalArgumentException("Group prefix must start with '/' and not end with one, like '/api' or"
                    + " '/users/{id}', or be \"\" for none: '" + this.prefix + prefix + "'");
        }
        String whole = this.prefix + prefix;
        RoutePattern parsed = whole.isEmpty() ? null : RoutePattern.parse(whole);
        if (parsed != null && parsed.tail()) {
            // A tail takes the rest of the path: no route of the group could follow it.
            throw new IllegalArgumentException("Group prefix '" + whole + "' ends in a tail parameter, which takes the"
                    + " rest of the path: register the route '" + whole + "' itself, or use a {name} placeholder");
        }
        return new Scope(this, whole, parsed == null ? List.of() : parsed.segments());
    }

    /**
     * Adds a before filter of this group.
     *
     * @param filter the filter
     */
    public void before(Filter.Before filter) {
        befores.add(filter);
    }

    /**
     * Adds an after filter of this group.
     *
     * @param filter the filter
     */
    public void after(Filter.After filter) {
        afters.add(filter);
    }

    /**
     * @param pattern a route pattern as given to this group
     * @return the whole pattern: the prefix and the pattern as written ({@code ""} is the prefix itself)
     * @throws IllegalArgumentException if a group's pattern neither is empty nor starts with {@code /}
     */
    String pattern(String pattern) {
        Objects.requireNonNull(pattern, "pattern");
        if (parent != null && !pattern.isEmpty() && !pattern.startsWith("/")) {
            throw new IllegalArgumentException("Route pattern must start with '/' (or be \"\" for the group's own"
                    + " path): '" + pattern + "' in the group '" + prefix + "'");
        }
        return prefix + pattern;
    }

    /** @return the innermost scope that encloses both (each scope encloses itself) */
    static Scope common(Scope a, Scope b) {
        for (Scope s = a; s != null; s = s.parent) {
            for (Scope t = b; t != null; t = t.parent) {
                if (s == t) {
                    return s;
                }
            }
        }
        throw new IllegalStateException("scopes of two apps"); // every scope descends from its table's app scope
    }
}
