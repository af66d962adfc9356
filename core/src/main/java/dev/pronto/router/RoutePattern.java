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
        if (pattern.indexOf('*') >= 0 || pattern.contains("...}")) {
            // A '*' would be matched as a literal star, never as a wildcard: refused until tail parameters exist.
            throw new IllegalArgumentException("wildcards are not supported: '" + pattern
                    + "' (a segment is a literal or a {name} placeholder)");
        }
        String[] parts = pattern.substring(1).split("/", -1);
        List<byte[]> segments = new ArrayList<>();
        List<String> names = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < parts.length; i++) {
            String segment = parts[i];
            if (segment.isEmpty() && i < parts.length - 1) {
                // Only the last segment may be empty (a trailing slash): the router matches no empty placeholder,
                // and a path with "//" in it is a different path, so such a route could never be reached.
                throw new IllegalArgumentException("empty segment in route '" + pattern + "': write '"
                        + pattern.replaceAll("/{2,}", "/") + "' (a segment is a literal or a {name} placeholder)");
            }
            if (segment.startsWith("{") && segment.endsWith("}") && segment.indexOf('}') == segment.length() - 1
                    && segment.lastIndexOf('{') == 0) {
                String name = segment.substring(1, segment.length() - 1);
                if (name.isEmpty()) {
                    throw new IllegalArgumentException("empty placeholder {} in route '" + pattern
                            + "': name it, like {name}");
                }
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
                throw new IllegalArgumentException(misplacedBrace(pattern, segment));
            } else if (segment.indexOf('?') >= 0 || segment.indexOf('#') >= 0) {
                throw new IllegalArgumentException("Route pattern may not contain '?' or '#': " + pattern);
            } else {
                segments.add(segment.getBytes(StandardCharsets.UTF_8));
            }
        }
        return new RoutePattern(pattern, Collections.unmodifiableList(segments), List.copyOf(names)); // null: a placeholder
    }

    /** @return what is wrong with a segment holding a brace that is not one whole {name}, and what to write */
    private static String misplacedBrace(String pattern, String segment) {
        if (segment.matches("(\\{[^{}]*\\})+")) {
            return "one placeholder per segment in route '" + pattern + "': write '"
                    + pattern.replace("}{", "}/{") + "'";
        }
        int open = segment.lastIndexOf('{');
        if (open >= 0 && segment.indexOf('}', open) < 0) {
            String name = segment.length() - open > 1 ? segment.substring(open + 1) : "name";
            return "unclosed placeholder " + segment.substring(open) + " in route '" + pattern + "': write {"
                    + name + "}";
        }
        return "A placeholder must be a whole segment, like /users/{id}: " + pattern;
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
