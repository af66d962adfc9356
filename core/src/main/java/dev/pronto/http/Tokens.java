package dev.pronto.http;

/**
 * The tchar table (RFC 9110 §5.6.2): method names, header and cookie names, transfer codings and chunk-extension names
 * are tokens. The parser reads it per byte; the API and the codecs check whole names with it.
 */
public final class Tokens {
    // tchar = "!" / "#" / "$" / "%" / "&" / "'" / "*" / "+" / "-" / "." / "^" / "_" / "`" / "|" / "~" / DIGIT / ALPHA
    // Indexed by an unsigned byte, so a byte needs no range check; every entry from 0x7F up is false.
    private static final boolean[] TCHAR = new boolean[256];

    static {
        for (int c = '0'; c <= '9'; c++) {
            TCHAR[c] = true;
        }
        for (int c = 'A'; c <= 'Z'; c++) {
            TCHAR[c] = true;
            TCHAR[c + 32] = true;
        }
        for (char c : "!#$%&'*+-.^_`|~".toCharArray()) {
            TCHAR[c] = true;
        }
    }

    private Tokens() {
    }

    /**
     * Tells whether a byte is a tchar.
     *
     * @param b the byte as read from the wire
     * @return whether it may appear in a token
     */
    public static boolean isTchar(byte b) {
        return TCHAR[b & 0xFF];
    }

    /**
     * Tells whether a character is a tchar.
     *
     * @param c the character
     * @return whether it may appear in a token (never for a character outside US-ASCII)
     */
    public static boolean isTchar(char c) {
        return c < 0x80 && TCHAR[c];
    }

    /**
     * Tells whether a string is a token: one or more tchars.
     *
     * @param s the string
     * @return false for the empty string
     */
    public static boolean isToken(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (!isTchar(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Tells whether the bytes {@code b[from, to)} are all tchars.
     *
     * @param b    the bytes
     * @param from the first byte
     * @param to   the index after the last byte
     * @return true for an empty range; callers that need a non-empty token check it themselves
     */
    public static boolean isToken(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!TCHAR[b[i] & 0xFF]) {
                return false;
            }
        }
        return true;
    }
}
