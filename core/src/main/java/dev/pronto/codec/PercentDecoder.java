package dev.pronto.codec;

import dev.pronto.HttpException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Decodes percent-encoding (RFC 3986 §2.1), and {@code +} as a space where {@code application/x-www-form-urlencoded}
 * says so. The decoded bytes are read as UTF-8, malformed sequences becoming U+FFFD. A decoded {@code %00} is kept:
 * a NUL is a legal character of a value, and whoever hands a value to C code or a file system must check it.
 */
public final class PercentDecoder {
    private PercentDecoder() {
    }

    /**
     * Decodes a range of bytes in place, shifting the decoded bytes left.
     *
     * @param b           the bytes
     * @param from        the first byte of the range
     * @param to          the end of the range, exclusive
     * @param plusIsSpace whether {@code +} decodes to a space (form encoding) or stays {@code +} (paths)
     * @return the end of the decoded bytes, which start at {@code from}; {@code -1} if a {@code %} is not followed by
     *         two hex digits (the bytes are then partly decoded)
     * @throws IndexOutOfBoundsException if the range is not within the array
     */
    public static int decode(byte[] b, int from, int to, boolean plusIsSpace) {
        Objects.checkFromToIndex(from, to, b.length);
        int w = from;
        for (int r = from; r < to; r++) {
            byte c = b[r];
            if (c == '%') {
                int hi = r + 2 < to ? hex(b[r + 1]) : -1;
                int lo = hi >= 0 ? hex(b[r + 2]) : -1;
                if (lo < 0) {
                    return -1;
                }
                c = (byte) (hi << 4 | lo);
                r += 2;
            } else if (c == '+' && plusIsSpace) {
                c = ' ';
            }
            b[w++] = c;
        }
        return w;
    }

    /**
     * Decodes a string.
     *
     * @param s           the encoded string; characters other than ASCII are taken as themselves
     * @param plusIsSpace whether {@code +} decodes to a space (form encoding) or stays {@code +} (paths)
     * @return the decoded string
     * @throws HttpException 400 if a {@code %} is not followed by two hex digits
     */
    public static String decodeToString(String s, boolean plusIsSpace) {
        if (s.indexOf('%') < 0 && (!plusIsSpace || s.indexOf('+') < 0)) {
            return s;
        }
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        int end = decode(b, 0, b.length, plusIsSpace);
        if (end < 0) {
            throw new HttpException(400, "Invalid percent-encoding in \"" + excerpt(s) + "\"");
        }
        return new String(b, 0, end, StandardCharsets.UTF_8);
    }

    /**
     * Shortens and cleans input for an error message: the message becomes a response body and may be logged.
     *
     * @param s the input
     * @return at most 64 characters of it, anything outside printable ASCII replaced by {@code ?}
     */
    static String excerpt(String s) {
        int n = Math.min(s.length(), 64);
        StringBuilder b = new StringBuilder(n + 1);
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            b.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        return n < s.length() ? b.append("...").toString() : b.toString();
    }

    private static int hex(byte c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        int lower = c | 0x20;
        return lower >= 'a' && lower <= 'f' ? lower - 'a' + 10 : -1;
    }
}
