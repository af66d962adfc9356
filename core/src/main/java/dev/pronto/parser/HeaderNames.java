package dev.pronto.parser;

import java.nio.ByteBuffer;

/**
 * Common header field names as int constants, recognised case-insensitively (RFC 9110 §5.1) while the header section
 * is scanned: a switch on the name's length, then one to three packed compares, without creating a String.
 */
public final class HeaderNames {
    /** A name that is not one of the constants below. */
    public static final int UNKNOWN = 0;
    /** Host. */
    public static final int HOST = 1;
    /** Content-Length. */
    public static final int CONTENT_LENGTH = 2;
    /** Transfer-Encoding. */
    public static final int TRANSFER_ENCODING = 3;
    /** Connection. */
    public static final int CONNECTION = 4;
    /** Expect. */
    public static final int EXPECT = 5;
    /** Content-Type. */
    public static final int CONTENT_TYPE = 6;
    /** Cookie. */
    public static final int COOKIE = 7;
    /** Upgrade. */
    public static final int UPGRADE = 8;
    /** Accept. */
    public static final int ACCEPT = 9;
    /** Accept-Encoding. */
    public static final int ACCEPT_ENCODING = 10;
    /** Accept-Language. */
    public static final int ACCEPT_LANGUAGE = 11;
    /** User-Agent. */
    public static final int USER_AGENT = 12;
    /** Authorization. */
    public static final int AUTHORIZATION = 13;
    /** Cache-Control. */
    public static final int CACHE_CONTROL = 14;
    /** Keep-Alive. */
    public static final int KEEP_ALIVE = 15;
    /** TE. */
    public static final int TE = 16;
    /** Trailer. */
    public static final int TRAILER = 17;
    /** Date. */
    public static final int DATE = 18;
    /** Origin. */
    public static final int ORIGIN = 19;
    /** Referer. */
    public static final int REFERER = 20;
    /** Range. */
    public static final int RANGE = 21;
    /** If-None-Match. */
    public static final int IF_NONE_MATCH = 22;
    /** If-Modified-Since. */
    public static final int IF_MODIFIED_SINCE = 23;
    /** Content-Encoding. */
    public static final int CONTENT_ENCODING = 24;
    /** X-Forwarded-For. */
    public static final int X_FORWARDED_FOR = 25;

    // Indexed by constant; the lower-case spelling that the packed values below are made of.
    private static final String[] NAMES = {
        "", "host", "content-length", "transfer-encoding", "connection", "expect", "content-type", "cookie",
        "upgrade", "accept", "accept-encoding", "accept-language", "user-agent", "authorization", "cache-control",
        "keep-alive", "te", "trailer", "date", "origin", "referer", "range", "if-none-match", "if-modified-since",
        "content-encoding", "x-forwarded-for",
    };

    // Packed lower-case words. Names of 5..7 bytes are two overlapping int reads (first four, last four bytes),
    // names of 8..16 bytes two overlapping long reads, 17 bytes three: together they cover every byte exactly once
    // or twice, never a byte outside the name.
    private static final int HOST4 = first4(HOST), DATE4 = first4(DATE);
    private static final int RANGE_A = first4(RANGE), RANGE_B = last4(RANGE);
    private static final int COOKIE_A = first4(COOKIE), COOKIE_B = last4(COOKIE);
    private static final int EXPECT_A = first4(EXPECT), EXPECT_B = last4(EXPECT);
    private static final int ACCEPT_A = first4(ACCEPT), ACCEPT_B = last4(ACCEPT);
    private static final int ORIGIN_A = first4(ORIGIN), ORIGIN_B = last4(ORIGIN);
    private static final int UPGRADE_A = first4(UPGRADE), UPGRADE_B = last4(UPGRADE);
    private static final int TRAILER_A = first4(TRAILER), TRAILER_B = last4(TRAILER);
    private static final int REFERER_A = first4(REFERER), REFERER_B = last4(REFERER);
    private static final long CONNECTION_A = first8(CONNECTION), CONNECTION_B = last8(CONNECTION);
    private static final long USER_AGENT_A = first8(USER_AGENT), USER_AGENT_B = last8(USER_AGENT);
    private static final long KEEP_ALIVE_A = first8(KEEP_ALIVE), KEEP_ALIVE_B = last8(KEEP_ALIVE);
    private static final long CONTENT_TYPE_A = first8(CONTENT_TYPE), CONTENT_TYPE_B = last8(CONTENT_TYPE);
    private static final long AUTHORIZATION_A = first8(AUTHORIZATION), AUTHORIZATION_B = last8(AUTHORIZATION);
    private static final long CACHE_CONTROL_A = first8(CACHE_CONTROL), CACHE_CONTROL_B = last8(CACHE_CONTROL);
    private static final long IF_NONE_MATCH_A = first8(IF_NONE_MATCH), IF_NONE_MATCH_B = last8(IF_NONE_MATCH);
    private static final long CONTENT_LENGTH_A = first8(CONTENT_LENGTH), CONTENT_LENGTH_B = last8(CONTENT_LENGTH);
    private static final long ACCEPT_ENCODING_A = first8(ACCEPT_ENCODING);
    private static final long ACCEPT_ENCODING_B = last8(ACCEPT_ENCODING);
    private static final long ACCEPT_LANGUAGE_A = first8(ACCEPT_LANGUAGE);
    private static final long ACCEPT_LANGUAGE_B = last8(ACCEPT_LANGUAGE);
    private static final long X_FORWARDED_FOR_A = first8(X_FORWARDED_FOR);
    private static final long X_FORWARDED_FOR_B = last8(X_FORWARDED_FOR);
    private static final long CONTENT_ENCODING_A = first8(CONTENT_ENCODING);
    private static final long CONTENT_ENCODING_B = last8(CONTENT_ENCODING);
    private static final long TRANSFER_ENCODING_A = first8(TRANSFER_ENCODING);
    private static final long TRANSFER_ENCODING_B = Bytes.pack8(NAMES[TRANSFER_ENCODING].substring(8));
    private static final long TRANSFER_ENCODING_C = last8(TRANSFER_ENCODING);
    private static final long IF_MODIFIED_SINCE_A = first8(IF_MODIFIED_SINCE);
    private static final long IF_MODIFIED_SINCE_B = Bytes.pack8(NAMES[IF_MODIFIED_SINCE].substring(8));
    private static final long IF_MODIFIED_SINCE_C = last8(IF_MODIFIED_SINCE);

    private HeaderNames() {
    }

    /**
     * Spells a header constant in lower case.
     *
     * @param id a constant of this class
     * @return its lower-case name, or the empty string for {@link #UNKNOWN}
     */
    public static String name(int id) {
        return id > 0 && id < NAMES.length ? NAMES[id] : "";
    }

    /**
     * Recognises the header name at [at, at + len), whose bytes must all be above SP; a match proves it is a token.
     */
    static int identify(ByteBuffer buf, int at, int len) {
        switch (len) {
            case 2 -> {
                int t = buf.get(at) | 0x20;
                int e = buf.get(at + 1) | 0x20;
                return t == 't' && e == 'e' ? TE : UNKNOWN;
            }
            case 4 -> {
                int w = Bytes.lower4(buf, at);
                return w == HOST4 ? HOST : w == DATE4 ? DATE : UNKNOWN;
            }
            case 5, 6, 7 -> {
                int a = Bytes.lower4(buf, at);
                int b = Bytes.lower4(buf, at + len - 4);
                return len == 5 ? (a == RANGE_A && b == RANGE_B ? RANGE : UNKNOWN)
                        : len == 6 ? six(a, b)
                        : seven(a, b);
            }
            case 10, 12, 13, 14, 15, 16 -> {
                long a = Bytes.lower8(buf, at);
                long b = Bytes.lower8(buf, at + len - 8);
                return upTo16(len, a, b);
            }
            case 17 -> {
                long a = Bytes.lower8(buf, at);
                long b = Bytes.lower8(buf, at + 8);
                long c = Bytes.lower8(buf, at + 9);
                if (a == TRANSFER_ENCODING_A && b == TRANSFER_ENCODING_B && c == TRANSFER_ENCODING_C) {
                    return TRANSFER_ENCODING;
                }
                return a == IF_MODIFIED_SINCE_A && b == IF_MODIFIED_SINCE_B && c == IF_MODIFIED_SINCE_C
                        ? IF_MODIFIED_SINCE : UNKNOWN;
            }
            default -> {
                return UNKNOWN;
            }
        }
    }

    private static int six(int a, int b) {
        if (a == COOKIE_A && b == COOKIE_B) {
            return COOKIE;
        }
        if (a == EXPECT_A && b == EXPECT_B) {
            return EXPECT;
        }
        if (a == ACCEPT_A && b == ACCEPT_B) {
            return ACCEPT;
        }
        return a == ORIGIN_A && b == ORIGIN_B ? ORIGIN : UNKNOWN;
    }

    private static int seven(int a, int b) {
        if (a == UPGRADE_A && b == UPGRADE_B) {
            return UPGRADE;
        }
        if (a == TRAILER_A && b == TRAILER_B) {
            return TRAILER;
        }
        return a == REFERER_A && b == REFERER_B ? REFERER : UNKNOWN;
    }

    private static int upTo16(int len, long a, long b) {
        return switch (len) {
            case 10 -> a == CONNECTION_A && b == CONNECTION_B ? CONNECTION
                    : a == USER_AGENT_A && b == USER_AGENT_B ? USER_AGENT
                    : a == KEEP_ALIVE_A && b == KEEP_ALIVE_B ? KEEP_ALIVE : UNKNOWN;
            case 12 -> a == CONTENT_TYPE_A && b == CONTENT_TYPE_B ? CONTENT_TYPE : UNKNOWN;
            case 13 -> a == AUTHORIZATION_A && b == AUTHORIZATION_B ? AUTHORIZATION
                    : a == CACHE_CONTROL_A && b == CACHE_CONTROL_B ? CACHE_CONTROL
                    : a == IF_NONE_MATCH_A && b == IF_NONE_MATCH_B ? IF_NONE_MATCH : UNKNOWN;
            case 14 -> a == CONTENT_LENGTH_A && b == CONTENT_LENGTH_B ? CONTENT_LENGTH : UNKNOWN;
            case 15 -> a == ACCEPT_ENCODING_A && b == ACCEPT_ENCODING_B ? ACCEPT_ENCODING
                    : a == ACCEPT_LANGUAGE_A && b == ACCEPT_LANGUAGE_B ? ACCEPT_LANGUAGE
                    : a == X_FORWARDED_FOR_A && b == X_FORWARDED_FOR_B ? X_FORWARDED_FOR : UNKNOWN;
            case 16 -> a == CONTENT_ENCODING_A && b == CONTENT_ENCODING_B ? CONTENT_ENCODING : UNKNOWN;
            default -> UNKNOWN;
        };
    }

    private static int first4(int id) {
        return Bytes.pack4(NAMES[id]);
    }

    private static int last4(int id) {
        String s = NAMES[id];
        return Bytes.pack4(s.substring(s.length() - 4));
    }

    private static long first8(int id) {
        return Bytes.pack8(NAMES[id]);
    }

    private static long last8(int id) {
        String s = NAMES[id];
        return Bytes.pack8(s.substring(s.length() - 8));
    }
}
