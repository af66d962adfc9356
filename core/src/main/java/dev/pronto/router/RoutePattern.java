package dev.pronto.router;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A parsed route pattern such as {@code /users/{id}/posts}: literal segments and {@code {name}} placeholders, each a
 * whole segment. Literal segments are matched against the percent-decoded request path.
 *
 * @param pattern    the pattern as written
 * @param segments   per segment, the literal's UTF-8 bytes, or {@code null} for a placeholder
 * @param paramNames the placeholders' names, in order
 */
public record RoutePattern(String pattern, List<byte[]> segments, List<String> paramNames) {

    /**
     * Parses a pattern.
     *
     * @param pattern the pattern, starting with {@code /}
     * @return the parsed pattern
     * @throws IllegalArgumentException if the pattern is malformed
     */
    public static RoutePattern parse(String pattern) {
        if (pattern == null || !pattern.startsWith("/")) {
            throw new IllegalArgumentException("Route pattern must start with '/': " + pattern);
        }
        List<byte[]> segments = new ArrayList<>();
        List<String> names = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String segment : pattern.substring(1).split("/", -1)) {
            if (segment.startsWith("{") && segment.endsWith("}") && segment.length() > 2) {
                String name = segment.substring(1, segment.length() - 1);
                if (!isName(name)) {
                    throw new IllegalArgumentException("Invalid placeholder {" + name + "} in route " + pattern
                            + ": use letters, digits and '_'");
                }
                if (!seen.add(name)) {
                    throw new IllegalArgumentException("Placeholder {" + name + "} appears twice in route " + pattern);
                }
                segments.add(null);
                names.add(name);
            } else if (segment.indexOf('{') >= 0 || segment.indexOf('}') >= 0) {
                throw new IllegalArgumentException("A placeholder must be a whole segment, like /users/{id}: "
                        + pattern);
            } else if (segment.indexOf('?') >= 0 || segment.indexOf('#') >= 0) {
                throw new IllegalArgumentException("Route pattern may not contain '?' or '#': " + pattern);
            } else {
                segments.add(segment.getBytes(StandardCharsets.UTF_8));
            }
        }
        return new RoutePattern(pattern, Collections.unmodifiableList(segments), List.copyOf(names)); // null: a placeholder
    }

    private static boolean isName(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9')) {
                return false;
            }
        }
        return true;
    }

    /** @return whether the pattern has no placeholders */
    public boolean isStatic() {
        return paramNames.isEmpty();
    }

    /** @return the pattern with placeholders unnamed: two patterns of one shape match exactly the same paths */
    public String shape() {
        StringBuilder b = new StringBuilder();
        for (byte[] s : segments) {
            b.append('/').append(s == null ? "{}" : new String(s, StandardCharsets.UTF_8));
        }
        return b.toString();
    }

    /** @return the UTF-8 bytes of the path this static pattern matches */
    byte[] staticPath() {
        return pattern.getBytes(StandardCharsets.UTF_8);
    }
}
