package dev.pronto.router;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A parsed route pattern such as {@code /users/{id}/posts}: literal segments and {@code {name}} placeholders, each a
 * whole segment, and optionally a last {@code {name...}} tail parameter that takes the rest of the path. Literal
 * segments are matched against the percent-decoded request path.
 *
 * @param pattern    the pattern as written
 * @param segments   per segment, the literal's UTF-8 bytes, or {@code null} for a placeholder or the tail parameter
 * @param paramNames the placeholders' names, in order (the tail parameter's last)
 * @param tail       whether the last segment is a tail parameter
 */
public record RoutePattern(String pattern, List<byte[]> segments, List<String> paramNames, boolean tail) {
    private static final String TAIL = "...";

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
        String[] parts = pattern.substring(1).split("/", -1);
        if (pattern.indexOf('*') >= 0) {
            // A '*' would be matched as a literal star, never as a wildcard: say what matches the rest instead.
            throw new IllegalArgumentException(wildcard(pattern, parts));
        }
        List<byte[]> segments = new ArrayList<>();
        List<String> names = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        boolean tail = false;
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
                boolean isTail = name.endsWith(TAIL);
                if (isTail) {
                    name = name.substring(0, name.length() - TAIL.length());
                    if (name.isEmpty()) {
                        throw new IllegalArgumentException("empty tail parameter {...} in route '" + pattern
                                + "': name it, like {path...}");
                    }
                    if (i < parts.length - 1) {
                        throw new IllegalArgumentException(tailNotLast(pattern, parts, i, name));
                    }
                }
                if (name.isEmpty()) {
                    throw new IllegalArgumentException("empty placeholder {} in route '" + pattern
                            + "': name it, like {name}");
                }
                if (!isName(name)) {
                    throw new IllegalArgumentException("Invalid " + (isTail ? "tail parameter" : "placeholder")
                            + " " + segment + " in route " + pattern + ": use letters, digits and '_'");
                }
                if (!seen.add(name)) {
                    throw new IllegalArgumentException("Placeholder {" + name + "} appears twice in route " + pattern);
                }
                segments.add(null);
                names.add(name);
                tail = isTail;
            } else if (segment.indexOf('{') >= 0 || segment.indexOf('}') >= 0) {
                throw new IllegalArgumentException(misplacedBrace(pattern, segment));
            } else if (segment.indexOf('?') >= 0 || segment.indexOf('#') >= 0) {
                throw new IllegalArgumentException("Route pattern may not contain '?' or '#': " + pattern);
            } else {
                segments.add(segment.getBytes(StandardCharsets.UTF_8));
            }
        }
        // null: a placeholder or the tail parameter
        return new RoutePattern(pattern, Collections.unmodifiableList(segments), List.copyOf(names), tail);
    }

    /**
     * @return why a {@code *} is refused, with the pattern to write: each segment holding a star replaced by a tail
     *         parameter when it is the last, by a placeholder otherwise, named apart from the pattern's own names
     */
    private static String wildcard(String pattern, String[] parts) {
        Set<String> taken = new HashSet<>();
        for (String part : parts) {
            if (part.startsWith("{") && part.endsWith("}")) {
                taken.add(part.substring(1, part.length() - 1).replace(TAIL, ""));
            }
        }
        StringBuilder fix = new StringBuilder();
        boolean middle = false;
        boolean end = false;
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            if (part.indexOf('*') >= 0 && i == parts.length - 1) {
                part = "{" + freeName(taken, "path", "rest") + TAIL + "}";
                end = true;
            } else if (part.indexOf('*') >= 0) {
                part = "{" + freeName(taken, "name", "segment") + "}";
                middle = true;
            }
            fix.append('/').append(part);
        }
        String what = !middle ? "a tail parameter matches the rest of the path"
                : end ? "a {name} placeholder matches one segment and a tail parameter the rest of the path"
                : "a {name} placeholder matches one segment";
        return "wildcards are not supported: '" + pattern + "': " + what + ": write '" + fix + "'";
    }

    private static String freeName(Set<String> taken, String first, String second) {
        String name = first;
        for (int n = 1; !taken.add(name); n++) {
            name = n == 1 ? second : second + n;
        }
        return name;
    }

    /** @return why a tail parameter that is not the last segment is refused, and the two patterns it might mean */
    private static String tailNotLast(String pattern, String[] parts, int index, String name) {
        StringBuilder rest = new StringBuilder();
        StringBuilder single = new StringBuilder();
        for (int i = 0; i < parts.length; i++) {
            if (i <= index) {
                rest.append('/').append(parts[i]);
            }
            single.append('/').append(i == index ? "{" + name + "}" : parts[i]);
        }
        return "tail parameter {" + name + "...} in route '" + pattern + "' is not the last segment: it takes the"
                + " rest of the path, so write '" + rest + "', or '" + single + "' for one segment";
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
        for (int i = 0; i < segments.size(); i++) {
            byte[] s = segments.get(i);
            b.append('/').append(s != null ? new String(s, StandardCharsets.UTF_8)
                    : tail && i == segments.size() - 1 ? "{...}" : "{}");
        }
        return b.toString();
    }

    /** @return the UTF-8 bytes of the path this static pattern matches */
    byte[] staticPath() {
        return pattern.getBytes(StandardCharsets.UTF_8);
    }
}
