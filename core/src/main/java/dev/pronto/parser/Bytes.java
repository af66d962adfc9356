package dev.pronto.parser;

import dev.pronto.http.Tokens;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The byte tricks of the parser: SWAR scans that test eight bytes per step, packed compares, and the token check over
 * a buffer (the tchar table itself is {@link Tokens}, which the API and the codecs share).
 * Every SWAR mask here is exact per lane (no borrow or carry crosses lanes), so any set lane is a real hit.
 */
final class Bytes {
    /** Carriage return. */
    static final byte CR = '\r';
    /** Line feed. */
    static final byte LF = '\n';
    /** Space. */
    static final byte SP = ' ';
    /** Horizontal tab. */
    static final byte HTAB = '\t';

    // Little-endian so that lane 0 (the lowest byte of the long) is the byte at the lowest index.
    private static final VarHandle LONGS = MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    // Four-byte view for packed compares of short tokens such as "HEAD" or "host".
    private static final VarHandle INTS = MethodHandles.byteBufferViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

    // 0x01 in every lane: multiplying a byte value by it broadcasts the value to all eight lanes.
    private static final long ONES = 0x0101_0101_0101_0101L;
    // The top bit of every lane: where each SWAR test leaves its per-lane answer.
    private static final long HIGHS = 0x8080_8080_8080_8080L;
    // The low seven bits of every lane: clearing the top bit first keeps an addition from carrying into the next lane.
    private static final long LOWS = 0x7F7F_7F7F_7F7F_7F7FL;
    // 0x20 in every lane: OR-ing it into ASCII letters folds them to lower case (see lower4 for when that is exact).
    static final long FOLD8 = 0x2020_2020_2020_2020L;
    // The same fold for a four-byte word.
    static final int FOLD4 = 0x2020_2020;

    private Bytes() {
    }

    static long getLong(ByteBuffer buf, int index) {
        return (long) LONGS.get(buf, index);
    }

    static int getInt(ByteBuffer buf, int index) {
        return (int) INTS.get(buf, index);
    }

    /**
     * Flags bytes that are not VCHAR: below 0x21 (controls and SP) or from 0x7F up (DEL and non-ASCII).
     *
     * @return a mask with the top bit set in each such lane of {@code w}
     */
    static long notVisible(long w) {
        long low = w & LOWS;
        // low + 1 reaches the top bit only for 0x7F; low + 0x5F reaches it from 0x21 up; w has it from 0x80 up.
        return (w | (low + ONES) | ~(low + ONES * 0x5F)) & HIGHS;
    }

    /**
     * Flags the bytes a field value may not hold directly: controls (below SP, which includes HTAB) and DEL.
     *
     * @return a mask with the top bit set in each such lane of {@code w}
     */
    static long controlOrDel(long w) {
        // Adding 1 to the low seven bits maps DEL to 0 and 0x00..0x1F to 0x01..0x20, so one "below 0x21" test covers
        // both; ~w drops non-ASCII lanes, which are obs-text and allowed (RFC 9110 §5.5).
        long shifted = ((w & LOWS) + ONES) & LOWS;
        return ~(shifted + ONES * 0x5F) & ~w & HIGHS;
    }

    /** @return a mask with the top bit set in each lane of {@code w} equal to the byte {@code c} */
    static long equal(long w, int c) {
        long x = w ^ (ONES * c);
        // (x & LOWS) + LOWS reaches the top bit unless the low seven bits are 0; ~x keeps lanes whose top bit is 0.
        return ~((x & LOWS) + LOWS) & ~x & HIGHS;
    }

    /** @return the lane (0..7) of the lowest set bit of a non-zero mask, i.e. the offset of the first hit */
    static int firstLane(long mask) {
        return Long.numberOfTrailingZeros(mask) >>> 3;
    }

    /**
     * Finds where a request-target run ends: the first byte at or after {@code p} that is a control byte, SP,
     * DEL, a byte of 0x80 or more, '?' or '#' (RFC 9112 §3.2 allows none of them except '?' once).
     *
     * @return the index of that byte, or {@code bound} when all of [p, bound) are plain target bytes
     */
    static int scanTarget(ByteBuffer buf, int p, int bound) {
        for (; p + 8 <= bound; p += 8) {
            long w = getLong(buf, p);
            long hits = notVisible(w) | equal(w, '?') | equal(w, '#');
            if (hits != 0) {
                return p + firstLane(hits);
            }
        }
        for (; p < bound; p++) {
            int c = buf.get(p) & 0xFF;
            if (c <= 0x20 || c >= 0x7F || c == '?' || c == '#') {
                return p;
            }
        }
        return bound;
    }

    /**
     * Finds where a token run (a method or a header name) ends: the first byte at or after {@code p} that is a control
     * byte, SP, DEL, 0x80 or more, or ':'. The run may still hold delimiters such as '(' that are not tchars; callers
     * check it with {@link #isToken} unless a packed compare already recognised it.
     *
     * @return the index of that byte, or {@code bound} when there is none in [p, bound)
     */
    static int scanToken(ByteBuffer buf, int p, int bound) {
        for (; p + 8 <= bound; p += 8) {
            long w = getLong(buf, p);
            long hits = notVisible(w) | equal(w, ':');
            if (hits != 0) {
                return p + firstLane(hits);
            }
        }
        for (; p < bound; p++) {
            int c = buf.get(p) & 0xFF;
            if (c <= 0x20 || c >= 0x7F || c == ':') {
                return p;
            }
        }
        return bound;
    }

    /** @return whether every byte of [from, to) is a tchar */
    static boolean isToken(ByteBuffer buf, int from, int to) {
        for (int p = from; p < to; p++) {
            if (!Tokens.isTchar(buf.get(p))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Finds where a field-value run ends: the first control byte (below SP, which includes CR, LF and HTAB) or DEL
     * at or after {@code p}; obs-text (0x80..0xFF) passes (RFC 9110 §5.5).
     *
     * @return the index of that byte, or {@code bound} when there is none in [p, bound)
     */
    static int scanValue(ByteBuffer buf, int p, int bound) {
        for (; p + 8 <= bound; p += 8) {
            long w = getLong(buf, p);
            long hits = controlOrDel(w);
            if (hits != 0) {
                return p + firstLane(hits);
            }
        }
        for (; p < bound; p++) {
            int c = buf.get(p) & 0xFF;
            if (c < 0x20 || c == 0x7F) {
                return p;
            }
        }
        return bound;
    }

    /**
     * Reads four bytes folded to lower case. Comparing the result with a lower-case word of letters and '-' is exact
     * for bytes above SP: the only bytes the fold maps onto 'a'..'z' are the letters themselves, and the only other
     * byte it maps onto '-' is CR. So a match also proves every byte is a letter or '-', i.e. a tchar.
     */
    static int lower4(ByteBuffer buf, int index) {
        return getInt(buf, index) | FOLD4;
    }

    /** Reads eight bytes folded to lower case; exact for bytes above SP, as for {@link #lower4}. */
    static long lower8(ByteBuffer buf, int index) {
        return getLong(buf, index) | FOLD8;
    }

    /** @return the first four characters of an ASCII string packed as {@link #getInt} would read them */
    static int pack4(String s) {
        int v = 0;
        for (int i = 3; i >= 0; i--) {
            v = (v << 8) | (s.charAt(i) & 0xFF);
        }
        return v;
    }

    /** @return the first eight characters of an ASCII string packed as {@link #getLong} would read them */
    static long pack8(String s) {
        long v = 0;
        for (int i = 7; i >= 0; i--) {
            v = (v << 8) | (s.charAt(i) & 0xFF);
        }
        return v;
    }

    /** @return whether [from, to) equals the lower-case ASCII {@code word}, ignoring ASCII case */
    static boolean equalsIgnoreCase(ByteBuffer buf, int from, int to, String word) {
        if (to - from != word.length()) {
            return false;
        }
        for (int i = 0; i < word.length(); i++) {
            int c = buf.get(from + i);
            if (c >= 'A' && c <= 'Z') {
                c += 32;
            }
            if (c != word.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    static boolean isOws(byte b) {
        return b == SP || b == HTAB;
    }

    static boolean isDigit(int c) {
        return c >= '0' && c <= '9';
    }

    /**
     * Whether [from, to), fewer than eight bytes, can still begin an HTTP-version ("HTTP/" DIGIT "." DIGIT, RFC 9112
     * §2.3): the check that lets a broken version be rejected before all of it has arrived.
     */
    static boolean isVersionPrefix(ByteBuffer buf, int from, int to) {
        for (int p = from; p < to; p++) {
            int i = p - from;
            byte b = buf.get(p);
            boolean fits = i < 5 ? b == "HTTP/".charAt(i) : i == 6 ? b == '.' : isDigit(b);
            if (!fits) {
                return false;
            }
        }
        return true;
    }
}
