package dev.pronto.codec;

import dev.pronto.HttpException;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * A parsed {@code Host} value (RFC 9112 §3.2, RFC 3986 §3.2.2): {@code uri-host [ ":" port ]}.
 *
 * @param name the host, lower-cased (hosts are case-insensitive); an IP literal without its brackets, e.g.
 *             {@code ::1} for {@code [::1]:8080}; empty for an empty {@code Host}
 * @param port the port, if one was given
 */
public record HostHeader(String name, OptionalInt port) {
    /**
     * Creates a host.
     *
     * @throws NullPointerException if a component is {@code null}
     */
    public HostHeader {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(port, "port");
    }

    /**
     * Parses a {@code Host} value.
     *
     * @param hostValue the field value, without surrounding whitespace
     * @return the host
     * @throws HttpException 400 if the value is not a host with an optional port of 0–65535
     */
    public static HostHeader parse(String hostValue) {
        int p;
        String name;
        if (hostValue.startsWith("[")) {
            int close = hostValue.indexOf(']');
            if (close < 2 || !allMatch(hostValue, 1, close, true)) {
                throw invalid(hostValue);
            }
            name = hostValue.substring(1, close);
            p = close + 1;
        } else {
            int colon = hostValue.indexOf(':');
            p = colon < 0 ? hostValue.length() : colon;
            if (!allMatch(hostValue, 0, p, false)) {
                throw invalid(hostValue);
            }
            name = hostValue.substring(0, p);
        }
        if (p == hostValue.length()) {
            return new HostHeader(name.toLowerCase(Locale.ROOT), OptionalInt.empty());
        }
        // port = *DIGIT (RFC 3986 §3.2.3); an empty one is refused here, as is one that does not fit 16 bits.
        int digits = hostValue.length() - p - 1;
        if (hostValue.charAt(p) != ':' || digits < 1 || digits > 5 || !allDigits(hostValue, p + 1)) {
            throw invalid(hostValue);
        }
        int port = Integer.parseInt(hostValue, p + 1, hostValue.length(), 10);
        if (port > 65535) {
            throw invalid(hostValue);
        }
        return new HostHeader(name.toLowerCase(Locale.ROOT), OptionalInt.of(port));
    }

    private static boolean allMatch(String s, int from, int to, boolean ipLiteral) {
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            // reg-name = *( unreserved / pct-encoded / sub-delims ); an IP literal adds ':' (and has no '%').
            boolean ok = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                    || "-._~!$&'()*+,;=".indexOf(c) >= 0 || (ipLiteral ? c == ':' : c == '%');
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static boolean allDigits(String s, int from) {
        for (int i = from; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    private static HttpException invalid(String hostValue) {
        return new HttpException(400, "Invalid Host header \"" + PercentDecoder.excerpt(hostValue) + "\"");
    }
}
