package dev.pronto.parser;

import dev.pronto.http.Tokens;

import java.nio.ByteBuffer;

/**
 * Reads the values of the header fields the engine acts on: Content-Length, Transfer-Encoding, Host, Connection and
 * Expect. Each works on an already trimmed value range [from, to) of the caller's buffer.
 */
final class FieldValues {
    // reg-name = *( unreserved / pct-encoded / sub-delims ) (RFC 3986 §3.2.2); '%' stands in for pct-encoded.
    private static final boolean[] REG_NAME = new boolean[128];

    static {
        for (int c = '0'; c <= '9'; c++) {
            REG_NAME[c] = true;
        }
        for (int c = 'A'; c <= 'Z'; c++) {
            REG_NAME[c] = true;
            REG_NAME[c + 32] = true;
        }
        for (char c : "-._~%!$&'()*+,;=".toCharArray()) {
            REG_NAME[c] = true;
        }
    }

    private static final long KEEP_ALI = Bytes.pack8("keep-ali");
    private static final int LIVE = Bytes.pack4("live");
    private static final int CLOS = Bytes.pack4("clos");

    private FieldValues() {
    }

    /**
     * Parses Content-Length = 1*DIGIT (RFC 9110 §8.6); a sign, a comma list, whitespace or overflow are all invalid
     * because any lenient reading is a request-smuggling vector (RFC 9112 §6.3).
     *
     * @return the length, or −1 when the value is invalid
     */
    static long contentLength(ByteBuffer buf, int from, int to) {
        if (from == to) {
            return -1;
        }
        long n = 0;
        for (int p = from; p < to; p++) {
            int d = buf.get(p) - '0';
            if (d < 0 || d > 9 || n > (Long.MAX_VALUE - d) / 10) {
                return -1;
            }
            n = n * 10 + d;
        }
        return n;
    }

    /**
     * Walks one Transfer-Encoding line's comma list (RFC 9110 §5.6.1: empty elements are ignored) and records
     * chunked in the head; it must be the last coding of all lines combined and appear once (RFC 9112 §6.1, §6.3).
     * Another well-formed coding is only noted: whether it earns 400 (chunked not final) or 501 (not understood)
     * depends on the codings after it, so {@code RequestParser.finish} decides.
     *
     * @return null when every coding is acceptable so far, else the error
     */
    static ParseError transferCodings(ByteBuffer buf, int from, int to, RequestHead head) {
        for (int p = from; p < to; ) {
            int elementEnd = elementEnd(buf, p, to);
            int a = skipOws(buf, p, elementEnd);
            int b = trimOws(buf, a, elementEnd);
            if (a < b) {
                int nameEnd = a;
                while (nameEnd < b && Tokens.isTchar(buf.get(nameEnd))) {
                    nameEnd++;
                }
                boolean isChunked = Bytes.equalsIgnoreCase(buf, a, nameEnd, "chunked");
                if (head.chunked) {
                    // Anything after chunked would leave the body length undeterminable (RFC 9112 §6.3).
                    return isChunked ? ParseError.CHUNKED_TWICE : ParseError.CHUNKED_NOT_FINAL;
                }
                // transfer-coding = token *( OWS ";" OWS transfer-parameter ) (RFC 9112 §7); chunked defines no
                // parameters, and a recipient that dropped them would frame the body differently from us.
                if (nameEnd == a || !isParameters(buf, nameEnd, b) || (isChunked && nameEnd < b)) {
                    return ParseError.INVALID_TRANSFER_ENCODING;
                }
                if (isChunked) {
                    head.chunked = true;
                } else {
                    head.unknownCoding = true;
                }
            }
            p = elementEnd + 1;
        }
        return null;
    }

    /**
     * Checks {@code *( OWS ";" OWS token BWS "=" BWS ( token / quoted-string ) )} over [from, to) (RFC 9112 §7.3).
     * A quoted value holding a comma was split by the list walk and fails here: strict, and never seen in practice.
     */
    private static boolean isParameters(ByteBuffer buf, int from, int to) {
        int p = from;
        while (p < to) {
            p = skipOws(buf, p, to);
            if (p == to || buf.get(p) != ';') {
                return false;
            }
            p = skipOws(buf, p + 1, to);
            int nameStart = p;
            while (p < to && Tokens.isTchar(buf.get(p))) {
                p++;
            }
            if (p == nameStart) {
                return false;
            }
            p = skipOws(buf, p, to);
            if (p == to || buf.get(p) != '=') {
                return false;
            }
            p = skipOws(buf, p + 1, to);
            if (p < to && buf.get(p) == '"') {
                p = quotedStringEnd(buf, p + 1, to);
                if (p < 0) {
                    return false;
                }
            } else {
                int valueStart = p;
                while (p < to && Tokens.isTchar(buf.get(p))) {
                    p++;
                }
                if (p == valueStart) {
                    return false;
                }
            }
        }
        return true;
    }

    /** @return the index after the closing quote of a quoted-string whose text starts at {@code from}, or −1 */
    private static int quotedStringEnd(ByteBuffer buf, int from, int to) {
        for (int p = from; p < to; p++) {
            byte c = buf.get(p);
            if (c == '"') {
                return p + 1;
            }
            if (c == '\\') {
                p++;
                if (p == to) {
                    return -1;
                }
            }
        }
        return -1;
    }

    /** Records the close and keep-alive options of one Connection line (RFC 9112 §9.3), case-insensitively. */
    static void connectionOptions(ByteBuffer buf, int from, int to, RequestHead head) {
        // Nearly every client sends exactly one of the two: compare them packed before walking a list. The value has
        // no control bytes, so the folded compares are exact (see Bytes.lower4).
        int length = to - from;
        if (length == 10 && Bytes.lower8(buf, from) == KEEP_ALI && Bytes.lower4(buf, from + 6) == LIVE) {
            head.connectionKeepAlive = true;
            return;
        }
        if (length == 5 && Bytes.lower4(buf, from) == CLOS && (buf.get(from + 4) | 0x20) == 'e') {
            head.connectionClose = true;
            return;
        }
        for (int p = from; p < to; ) {
            int elementEnd = elementEnd(buf, p, to);
            int a = skipOws(buf, p, elementEnd);
            int b = trimOws(buf, a, elementEnd);
            if (Bytes.equalsIgnoreCase(buf, a, b, "close")) {
                head.connectionClose = true;
            } else if (Bytes.equalsIgnoreCase(buf, a, b, "keep-alive")) {
                head.connectionKeepAlive = true;
            }
            p = elementEnd + 1;
        }
    }

    /** @return whether an Expect value is the only expectation defined, 100-continue (RFC 9110 §10.1.1) */
    static boolean isContinue(ByteBuffer buf, int from, int to) {
        return Bytes.equalsIgnoreCase(buf, from, to, "100-continue");
    }

    /**
     * Checks {@code uri-host [ ":" port ]} (RFC 9110 §7.2, RFC 3986 §3.2.2): a bracketed IP literal or a reg-name
     * (which covers IPv4), then an optional port of digits. Empty is valid: RFC 9112 §3.2 has clients send an
     * empty Host when the target URI has no authority.
     *
     * @param needHost whether the host must be non-empty, as in a target URI's authority (RFC 9110 §4.2.1)
     * @param needPort whether the port must be present, as for CONNECT's authority-form (RFC 9112 §3.2.3)
     */
    static boolean isHost(ByteBuffer buf, int from, int to, boolean needHost, boolean needPort) {
        int p = from;
        if (p < to && buf.get(p) == '[') {
            p++;
            int literalStart = p;
            while (p < to && buf.get(p) != ']') {
                int c = buf.get(p);
                if (c < 0 || !(REG_NAME[c] || c == ':') || c == '%') {
                    return false;
                }
                p++;
            }
            if (p == to || p == literalStart) {
                return false;
            }
            p++;
        } else {
            while (p < to) {
                int c = buf.get(p);
                if (c < 0 || !REG_NAME[c]) {
                    break;
                }
                p++;
            }
        }
        if (needHost && p == from) {
            return false;
        }
        if (p == to) {
            return !needPort;
        }
        if (buf.get(p) != ':') {
            return false;
        }
        p++;
        if (needPort && p == to) {
            return false;
        }
        for (; p < to; p++) {
            if (!Bytes.isDigit(buf.get(p))) {
                return false;
            }
        }
        return true;
    }

    // A comma-separated list (RFC 9110 §5.6.1), walked in place: each element ends at the next comma, and its
    // optional whitespace on either side is not part of it.

    /** @return the index of the first comma in [from, to), or {@code to} */
    private static int elementEnd(ByteBuffer buf, int from, int to) {
        int p = from;
        while (p < to && buf.get(p) != ',') {
            p++;
        }
        return p;
    }

    /** @return the first index in [from, to) that is not optional whitespace, or {@code to} */
    private static int skipOws(ByteBuffer buf, int from, int to) {
        int p = from;
        while (p < to && Bytes.isOws(buf.get(p))) {
            p++;
        }
        return p;
    }

    /** @return {@code to}, moved back over the optional whitespace that ends [from, to) */
    private static int trimOws(ByteBuffer buf, int from, int to) {
        int p = to;
        while (p > from && Bytes.isOws(buf.get(p - 1))) {
            p--;
        }
        return p;
    }
}
