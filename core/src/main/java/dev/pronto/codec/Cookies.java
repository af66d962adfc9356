package dev.pronto.codec;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses the {@code Cookie} request header (RFC 6265 §5.4: {@code a=1; b=2}). Lenient where browsers are sloppy:
 * pieces are split on {@code ;} and trimmed, pieces without {@code =} are skipped, one pair of surrounding double
 * quotes is removed from a value; values are otherwise not checked.
 */
public final class Cookies {
    private Cookies() {
    }

    /**
     * Parses every {@code Cookie} field of a request.
     *
     * @param cookieHeaderValues the fields' values, in order
     * @return an unmodifiable map of names to values, in order; the first occurrence of a name wins, as the browser
     *         sends the cookie with the longest path first (RFC 6265 §5.4)
     */
    public static Map<String, String> parse(List<String> cookieHeaderValues) {
        Map<String, String> cookies = new LinkedHashMap<>();
        for (String header : cookieHeaderValues) {
            int from = 0;
            while (from <= header.length()) {
                int semi = header.indexOf(';', from);
                int to = semi < 0 ? header.length() : semi;
                int eq = from;
                while (eq < to && header.charAt(eq) != '=') {
                    eq++;
                }
                if (eq < to) {
                    String name = header.substring(from, eq).strip();
                    if (!name.isEmpty()) {
                        cookies.putIfAbsent(name, unquote(header.substring(eq + 1, to).strip()));
                    }
                }
                from = to + 1;
            }
        }
        return Collections.unmodifiableMap(cookies);
    }

    private static String unquote(String value) {
        boolean quoted = value.length() >= 2 && value.charAt(0) == '"' && value.charAt(value.length() - 1) == '"';
        return quoted ? value.substring(1, value.length() - 1) : value;
    }
}
