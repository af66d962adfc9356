package dev.pronto.router;

import dev.pronto.codec.PercentDecoder;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Finds the route of a request path, built once and immutable. Static patterns live in an open-addressing table keyed
 * by the path's bytes, probed straight from the read buffer: the common case neither walks a trie nor allocates.
 * Patterns with placeholders live in a segment trie where, at each depth, a literal segment wins over a {@code {name}}
 * placeholder, which wins over a {@code {name...}} tail parameter, with backtracking. The path is percent-decoded
 * segment by segment before matching, so an encoded {@code %2F} stays inside its segment (and a tail parameter's
 * value, the decoded segments joined with {@code /}, cannot tell it from a real one).
 *
 * @param <R> what a pattern routes to
 */
public final class Router<R> {
    /** What {@link #match} found: a closed set, compared by identity. */
    public enum Result {
        /** A route was found. */
        FOUND,
        /** No route has this path. */
        NOT_FOUND,
        /** The path holds an invalid percent-escape. */
        BAD_ESCAPE
    }

    private final byte[][] keys;
    private final int[] hashes;
    private final Object[] values;
    private final int mask;
    private final Node root;

    private Router(Map<RoutePattern, R> routes) {
        int statics = (int) routes.keySet().stream().filter(RoutePattern::isStatic).count();
        int size = Integer.highestOneBit(Math.max(4, statics * 4) - 1) << 1; // load factor ≤ 1/2 (at most 1/4 + ε)
        keys = new byte[size][];
        hashes = new int[size];
        values = new Object[size];
        mask = size - 1;
        root = new Node();
        routes.forEach((pattern, value) -> {
            if (pattern.isStatic()) {
                byte[] key = pattern.staticPath();
                int h = hash(key);
                int i = h & mask;
                while (keys[i] != null) {
                    i = (i + 1) & mask;
                }
                keys[i] = key;
                hashes[i] = h;
                values[i] = value;
            } else {
                root.insert(pattern, 0, value);
            }
        });
    }

    /**
     * Builds a router.
     *
     * @param routes patterns and what each routes to; no two patterns may have the same {@link RoutePattern#shape()}
     * @param <R>    what a pattern routes to
     * @return the router
     * @throws IllegalArgumentException if two patterns conflict
     */
    public static <R> Router<R> of(Map<RoutePattern, R> routes) {
        Builder<R> b = new Builder<>();
        routes.forEach(b::add);
        return b.build();
    }

    /**
     * Finds the route of the path {@code buf[from, to)} (raw, as sent). On {@link Result#FOUND}, {@code match} holds
     * the route and the placeholders' decoded values.
     *
     * @param buf   the bytes of the request
     * @param from  the path's first byte
     * @param to    the index after the path's last byte
     * @param match receives the result; reset by this call
     * @return what was found
     */
    public Result match(ByteBuffer buf, int from, int to, Match<R> match) {
        match.reset();
        int h = 0;
        boolean escaped = false;
        for (int i = from; i < to; i++) {
            byte b = buf.get(i);
            escaped |= b == '%';
            h = 31 * h + b;
        }
        if (from == to) { // an empty path (absolute-form without one) is "/"
            h = '/';
        }
        if (!escaped) {
            Object value = lookupStatic(buf, from, to, h);
            if (value != null) {
                match.set(value);
                return Result.FOUND;
            }
            return root.children == null && root.param == null && root.tail == null ? Result.NOT_FOUND
                    : matchTrie(buf, from, to, null, match);
        }
        byte[] raw = new byte[to - from];
        buf.get(from, raw);
        byte[] decoded = raw.clone();
        int n = PercentDecoder.decode(decoded, 0, decoded.length, false);
        if (n < 0) {
            return Result.BAD_ESCAPE;
        }
        if (!encodesSlash(raw)) {
            Object value = lookupStatic(ByteBuffer.wrap(decoded), 0, n, hash(decoded, n));
            if (value != null) {
                match.set(value);
                return Result.FOUND;
            }
        }
        return matchTrie(buf, from, to, raw, match); // raw is not needed any more: decoded in place there
    }

    /**
     * Finds the route of the same path with one trailing slash removed or added: {@code /a/} for {@code /a} and
     * {@code /a} for {@code /a/}, for a trailing-slash policy. The root, a path ending in {@code //} (whose other form
     * would have an empty last segment or be the root) and a target that is not a path find nothing.
     *
     * @param buf   the bytes of the request
     * @param from  the path's first byte
     * @param to    the index after the path's last byte
     * @param match receives the result; reset by this call
     * @return what was found for the other form
     */
    public Result matchOtherSlash(ByteBuffer buf, int from, int to, Match<R> match) {
        match.reset();
        if (to - from < 2 || buf.get(from) != '/') {
            return Result.NOT_FOUND;
        }
        if (buf.get(to - 1) == '/') {
            return buf.get(to - 2) == '/' ? Result.NOT_FOUND : match(buf, from, to - 1, match);
        }
        byte[] added = new byte[to - from + 1]; // a path no route has: allocating here costs the hot path nothing
        buf.get(from, added, 0, to - from);
        added[to - from] = '/';
        return match(ByteBuffer.wrap(added), 0, added.length, match);
    }

    private Object lookupStatic(ByteBuffer buf, int from, int to, int h) {
        int len = to - from;
        for (int i = h & mask; keys[i] != null; i = (i + 1) & mask) {
            byte[] k = keys[i];
            if (hashes[i] == h && (k.length == len || len == 0 && k.length == 1) && equal(k, buf, from, len)) {
                return values[i];
            }
        }
        return null;
    }

    private static boolean equal(byte[] key, ByteBuffer buf, int from, int len) {
        if (len == 0) {
            return key.length == 1 && key[0] == '/';
        }
        for (int i = 0; i < len; i++) {
            if (key[i] != buf.get(from + i)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Matches the path {@code buf[from, to)} against the placeholder routes.
     *
     * @param raw null when the path holds no escape; else a copy of it, in which each segment is percent-decoded in
     *            place on its own (so that an encoded '/' stays inside its segment)
     */
    private Result matchTrie(ByteBuffer buf, int from, int to, byte[] raw, Match<R> match) {
        if (from == to || buf.get(from) != '/') {
            return Result.NOT_FOUND; // "*" and other non-path targets never match a placeholder route
        }
        // Each segment's bounds: in the buffer itself, or in raw, where its decoded bytes start where it started.
        ByteBuffer path = raw == null ? buf : ByteBuffer.wrap(raw);
        int offset = raw == null ? 0 : from;
        int[] bounds = match.bounds(to - from);
        int segments = 0;
        int start = from + 1;
        for (int i = start; i <= to; i++) {
            if (i == to || buf.get(i) == '/') {
                int end = raw == null ? i : PercentDecoder.decode(raw, start - offset, i - offset, false);
                if (end < 0) {
                    return Result.BAD_ESCAPE;
                }
                bounds[2 * segments] = start - offset;
                bounds[2 * segments + 1] = end;
                segments++;
                start = i + 1;
            }
        }
        String[] params = match.paramScratch(segments);
        Node found = root.find(path, bounds, segments, 0, params, 0);
        if (found == null) {
            return Result.NOT_FOUND;
        }
        int count = 0;
        while (count < segments && params[count] != null) {
            count++;
        }
        match.set(found.value);
        match.params = count == 0 ? null : Arrays.copyOf(params, count);
        Arrays.fill(params, 0, count, null); // the scratch keeps no request's values
        return Result.FOUND;
    }

    private static int hash(byte[] key) {
        return hash(key, key.length);
    }

    private static int hash(byte[] key, int len) {
        int h = 0;
        for (int i = 0; i < len; i++) {
            h = 31 * h + key[i];
        }
        return h;
    }

    private static boolean encodesSlash(byte[] raw) {
        for (int i = 0; i + 2 < raw.length; i++) {
            if (raw[i] == '%' && raw[i + 1] == '2' && (raw[i + 2] == 'F' || raw[i + 2] == 'f')) {
                return true;
            }
        }
        return false;
    }

    /** One level of the trie: literal children by segment bytes, at most one placeholder and one tail child. */
    private static final class Node {
        byte[][] literals;
        Node[] children;
        Node param;
        Node tail; // a leaf: the route whose last segment, at this node's depth, is a tail parameter
        Object value;

        void insert(RoutePattern pattern, int depth, Object v) {
            if (depth == pattern.segments().size()) {
                value = v;
                return;
            }
            byte[] literal = pattern.segments().get(depth);
            Node next;
            if (literal == null && pattern.tail() && depth == pattern.segments().size() - 1) {
                if (tail == null) {
                    tail = new Node();
                }
                next = tail;
            } else if (literal == null) {
                if (param == null) {
                    param = new Node();
                }
                next = param;
            } else {
                next = literalChild(literal);
                if (next == null) {
                    int n = children == null ? 0 : children.length;
                    literals = literals == null ? new byte[1][] : Arrays.copyOf(literals, n + 1);
                    children = children == null ? new Node[1] : Arrays.copyOf(children, n + 1);
                    literals[n] = literal;
                    next = children[n] = new Node();
                }
            }
            next.insert(pattern, depth + 1, v);
        }

        Node literalChild(byte[] segment) {
            if (literals != null) {
                for (int i = 0; i < literals.length; i++) {
                    if (Arrays.equals(literals[i], segment)) {
                        return children[i];
                    }
                }
            }
            return null;
        }

        /** @return the literal child whose bytes are {@code path[from, to)}, or null */
        Node literalChild(ByteBuffer path, int from, int to) {
            if (literals != null) {
                for (int i = 0; i < literals.length; i++) {
                    byte[] literal = literals[i];
                    // An empty literal is a trailing slash's last segment (equal() takes length 0 as the path "/").
                    if (literal.length == to - from && (literal.length == 0 || equal(literal, path, from, to - from))) {
                        return children[i];
                    }
                }
            }
            return null;
        }

        /**
         * Depth-first: the literal child first, then the placeholder, then the tail parameter, backtracking on a dead
         * end. Segment {@code d} is {@code path[bounds[2d], bounds[2d + 1])}, already percent-decoded.
         */
        Node find(ByteBuffer path, int[] bounds, int segments, int depth, String[] params, int paramCount) {
            if (depth == segments) {
                return value != null ? this : null;
            }
            int from = bounds[2 * depth];
            int to = bounds[2 * depth + 1];
            Node literal = literalChild(path, from, to);
            if (literal != null) {
                Node found = literal.find(path, bounds, segments, depth + 1, params, paramCount);
                if (found != null) {
                    return found;
                }
            }
            if (param != null && to > from) {
                byte[] value = new byte[to - from];
                path.get(from, value);
                params[paramCount] = new String(value, StandardCharsets.UTF_8);
                Node found = param.find(path, bounds, segments, depth + 1, params, paramCount + 1);
                if (found != null) {
                    return found;
                }
                params[paramCount] = null;
            }
            return tail != null && to > from ? tail(path, bounds, segments, depth, params, paramCount) : null;
        }

        /**
         * The tail child takes segments {@code [depth, segments)}: one or more, the first non-empty, so that its value
         * is never "" nor starts with '/'. Apart from {@link #find} to keep that method small for the JIT.
         */
        private Node tail(ByteBuffer path, int[] bounds, int segments, int depth, String[] params, int paramCount) {
            params[paramCount] = joined(path, bounds, depth, segments);
            return tail;
        }

        /** @return segments {@code [first, segments)} joined with '/' (an empty last one keeps a trailing slash) */
        private static String joined(ByteBuffer path, int[] bounds, int first, int segments) {
            int length = segments - first - 1;
            for (int d = first; d < segments; d++) {
                length += bounds[2 * d + 1] - bounds[2 * d];
            }
            byte[] value = new byte[length];
            int at = 0;
            for (int d = first; d < segments; d++) {
                if (d > first) {
                    value[at++] = '/';
                }
                int from = bounds[2 * d];
                path.get(from, value, at, bounds[2 * d + 1] - from);
                at += bounds[2 * d + 1] - from;
            }
            return new String(value, StandardCharsets.UTF_8);
        }
    }

    /**
     * The routes of an application while it is configured: one value per pattern, each pattern refused when it matches
     * the same paths as another (the same {@link RoutePattern#shape()}), so that the order of registration never
     * decides which route a request reaches. {@link #build} may be called more than once.
     *
     * @param <R> what a pattern routes to
     */
    public static final class Builder<R> {
        private final Map<String, RoutePattern> byShape = new HashMap<>();
        private final Map<RoutePattern, R> routes = new LinkedHashMap<>();

        /** Creates an empty builder. */
        public Builder() {
        }

        /**
         * Returns the value of this pattern, made by {@code create} the first time the pattern is seen.
         *
         * @param pattern the pattern
         * @param create  makes the value of a new pattern
         * @return the value this pattern routes to
         * @throws IllegalArgumentException if another pattern matches the same paths
         */
        public R computeIfAbsent(RoutePattern pattern, Function<RoutePattern, R> create) {
            RoutePattern known = byShape.get(pattern.shape());
            if (known != null && known.pattern().equals(pattern.pattern())) {
                return routes.get(known);
            }
            R value = create.apply(pattern);
            add(pattern, value);
            return value;
        }

        /**
         * Adds a pattern that must be new.
         *
         * @param pattern the pattern
         * @param value   what it routes to
         * @throws IllegalArgumentException if this pattern, or another that matches the same paths, was added before
         */
        public void add(RoutePattern pattern, R value) {
            RoutePattern other = byShape.putIfAbsent(pattern.shape(), pattern);
            if (other != null) {
                throw new IllegalArgumentException("Routes " + other.pattern() + " and " + pattern.pattern()
                        + " match the same paths: use one pattern with the same placeholder names");
            }
            routes.put(pattern, value);
        }

        /** @return a router of the routes added so far */
        public Router<R> build() {
            return new Router<>(routes);
        }
    }

    /**
     * The result of {@link #match}: the route, and the placeholders' values in pattern order. Reusable.
     *
     * @param <R> what a pattern routes to
     */
    public static final class Match<R> {
        private Object value;
        private String[] params;
        private int[] bounds = new int[16];
        private String[] paramScratch = new String[8];

        /** @return room for the bounds of the segments of a path of this many bytes (at most one per byte, + 1) */
        int[] bounds(int pathLength) {
            if (bounds.length < 2 * (pathLength + 1)) {
                bounds = new int[2 * (pathLength + 1)];
            }
            return bounds;
        }

        /** @return room for this many placeholder values, all null */
        String[] paramScratch(int segments) {
            if (paramScratch.length < segments) {
                paramScratch = new String[segments];
            }
            return paramScratch;
        }

        void reset() {
            value = null;
            params = null;
        }

        void set(Object v) {
            value = v;
        }

        /** @return the route found */
        @SuppressWarnings("unchecked")
        public R value() {
            return (R) value;
        }

        /** @return the placeholders' percent-decoded values in pattern order (empty for a static route) */
        public String[] params() {
            return params == null ? NO_PARAMS : params;
        }

        private static final String[] NO_PARAMS = new String[0];
    }
}
