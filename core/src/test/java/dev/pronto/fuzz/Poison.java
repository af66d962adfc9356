package dev.pronto.fuzz;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Places a fuzz input among hostile bytes, the way a read buffer holds a request among stale and unrelated bytes: a
 * decoder that reads outside its range sees bytes that change its answer, or, in a direct buffer whose limit is the
 * range's end, throws.
 */
final class Poison {
    /** How many poison bytes lie before the input. */
    static final int BEFORE = 13;
    /** How many lie after it. */
    static final int AFTER = 29;

    // Line ends, a last chunk, a whole request, percent-escapes and stray CR, LF and NUL: what a stray read would use.
    private static final byte[] PATTERN = "\r\n\r\n0\r\n\r\nGET / HTTP/1.1\r\nHost: p\r\n\r\n%41+&=\n\0\r"
            .getBytes(StandardCharsets.ISO_8859_1);

    private Poison() {
    }

    /** @return {@code BEFORE + input.length + AFTER} bytes: poison, the input, poison */
    static byte[] around(byte[] input) {
        return around(input, input.length, PATTERN);
    }

    /**
     * @param arrived how many bytes of the input are there yet; poison stands in for the others
     * @param pattern the poison, repeated
     * @return {@code BEFORE + input.length + AFTER} bytes: poison, input[0, arrived), poison
     */
    static byte[] around(byte[] input, int arrived, byte[] pattern) {
        byte[] b = new byte[BEFORE + input.length + AFTER];
        for (int i = 0; i < b.length; i++) {
            b[i] = pattern[i % pattern.length];
        }
        System.arraycopy(input, 0, b, BEFORE, arrived);
        return b;
    }

    /** @return the bytes not yet arrived, as poison */
    static byte[] pending(byte[] input) {
        return around(input, 0, PATTERN);
    }

    /** @return a read-only heap buffer holding the input at {@link #BEFORE}, its position and limit left odd */
    static ByteBuffer heap(byte[] input) {
        return ByteBuffer.wrap(around(input)).asReadOnlyBuffer().position(1);
    }

    /** @return a direct buffer holding the input at {@link #BEFORE}, its limit just after the input */
    static ByteBuffer direct(byte[] input) {
        byte[] b = around(input);
        return ByteBuffer.allocateDirect(b.length).put(0, b).limit(BEFORE + input.length);
    }

    /**
     * The cut a split selector stands for.
     *
     * @param selector a byte of the fuzz input, 0..255
     * @param length   the length of what is cut
     * @return an index in [0, length], proportional to the selector
     */
    static int cut(int selector, int length) {
        return selector * length / 255;
    }
}
