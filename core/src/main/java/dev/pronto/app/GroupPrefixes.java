package dev.pronto.app;

import dev.pronto.Filter;
import dev.pronto.codec.PercentDecoder;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Finds the group whose prefix a path lies under, for a 404: the route is unknown, but a group-wide after filter
 * (CORS, a JSON content type) should still dress the answer. The longest prefix wins, the first registered among
 * equals (an enclosing group before the groups it holds). Only 404s come here, so it may allocate.
 */
final class GroupPrefixes {
    private final Prefix[] longestFirst;

    /**
     * The prefix of one group.
     *
     * @param segments its segments: a literal's UTF-8 bytes, {@code null} for a placeholder
     * @param afters   the after filters of its 404s: the app's, then each enclosing group's
     */
    record Prefix(List<byte[]> segments, Filter.After[] afters) {
    }

    /** @param prefixes the groups' prefixes, in registration order */
    GroupPrefixes(List<Prefix> prefixes) {
        List<Prefix> sorted = new ArrayList<>(prefixes);
        sorted.sort(Comparator.comparingInt((Prefix p) -> p.segments().size()).reversed()); // stable
        longestFirst = sorted.toArray(new Prefix[0]);
    }

    /**
     * @param buf      holds the raw path
     * @param from     the path's first byte
     * @param to       the index after its last byte
     * @param fallback the app's after filters
     * @return the after filters of the group whose prefix the path lies under, else {@code fallback}
     */
    Filter.After[] afters(ByteBuffer buf, int from, int to, Filter.After[] fallback) {
        if (longestFirst.length == 0 || from == to || buf.get(from) != '/') {
            return fallback; // "/" (an empty path) is under no group: each has one segment at least
        }
        byte[] path = new byte[to - from];
        buf.get(from, path);
        List<byte[]> segments = new ArrayList<>();
        int start = 1;
        for (int i = 1; i <= path.length; i++) {
            if (i == path.length || path[i] == '/') {
                int end = PercentDecoder.decode(path, start, i, false); // each segment on its own: %2F stays inside
                if (end < 0) {
                    return fallback;
                }
                segments.add(Arrays.copyOfRange(path, start, end));
                start = i + 1;
            }
        }
        for (Prefix prefix : longestFirst) {
            if (covers(prefix.segments(), segments)) {
                return prefix.afters();
            }
        }
        return fallback;
    }

    private static boolean covers(List<byte[]> prefix, List<byte[]> path) {
        if (prefix.size() > path.size()) {
            return false;
        }
        for (int i = 0; i < prefix.size(); i++) {
            byte[] literal = prefix.get(i);
            if (literal == null ? path.get(i).length == 0 : !Arrays.equals(literal, path.get(i))) {
                return false;
            }
        }
        return true;
    }
}
