package dev.pronto.codec;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the parameters after a header's first item, as in {@code text/html; charset="utf-8"} or
 * {@code form-data; name="a"}: {@code *( OWS ";" OWS [ name "=" ( token / quoted-string ) ] )} (RFC 9110 §5.6.6).
 * Best effort: what cannot be read is skipped, nothing is thrown.
 */
final class ParameterList {
    private ParameterList() {
    }

    /**
     * Reads parameters.
     *
     * @param s    the header value
     * @param from where the parameters start: at the first {@code ;}, or the end
     * @return lower-cased names to values, unquoted, in order (a new mutable map); the first of a repeated name wins
     */
    static Map<String, String> parse(String s, int from) {
        Map<String, String> params = new LinkedHashMap<>();
        int p = from;
        int n = s.length();
        while (p < n) {
            // p is at a ';' or at garbage to skip up to the next one.
            int semi = s.indexOf(';', p);
            if (semi < 0) {
                break;
            }
            p = semi + 1;
            int eq = p;
            while (eq < n && s.charAt(eq) != '=' && s.charAt(eq) != ';') {
                eq++;
            }
            if (eq == n || s.charAt(eq) == ';') {
                p = eq; // a piece without '=' is skipped
                continue;
            }
            String name = s.substring(p, eq).strip().toLowerCase(Locale.ROOT);
            p = skipWhitespace(s, eq + 1);
            String value;
            if (p < n && s.charAt(p) == '"') {
                StringBuilder b = new StringBuilder();
                p++;
                // quoted-string with quoted-pair, RFC 9110 §5.6.4; an unterminated one runs to the end.
                while (p < n && s.charAt(p) != '"') {
                    char c = s.charAt(p++);
                    if (c == '\\' && p < n) {
                        c = s.charAt(p++);
                    }
                    b.append(c);
                }
                p++;
                value = b.toString();
            } else {
                int end = s.indexOf(';', p);
                end = end < 0 ? n : end;
                value = s.substring(p, end).strip();
                p = end;
            }
            if (!name.isEmpty()) {
                params.putIfAbsent(name, value);
            }
        }
        return params;
    }

    private static int skipWhitespace(String s, int p) {
        while (p < s.length() && (s.charAt(p) == ' ' || s.charAt(p) == '\t')) {
            p++;
        }
        return p;
    }
}
