package dev.pronto.fuzz;

import java.io.ByteArrayOutputStream;

/**
 * The fuzz tests' own percent-encoding (RFC 3986 §2.1), written plainly to be the oracle for the production decoders:
 * an encoder for round trips and a byte-by-byte decoder to compare with.
 */
final class PercentEncoding {
    private static final String HEX = "0123456789ABCDEF";

    private PercentEncoding() {
    }

    /**
     * Encodes every byte but the unreserved ones (ALPHA / DIGIT / "-" / "." / "_" / "~"); with form encoding a space
     * becomes {@code +}.
     *
     * @return the encoded bytes, all ASCII
     */
    static byte[] encode(byte[] b, boolean plusIsSpace) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(b.length * 3);
        for (byte x : b) {
            int c = x & 0xFF;
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || "-._~".indexOf(c) >= 0) {
                out.write(c);
            } else if (c == ' ' && plusIsSpace) {
                out.write('+');
            } else {
                out.write('%');
                out.write(HEX.charAt(c >>> 4));
                out.write(HEX.charAt(c & 0xF));
            }
        }
        return out.toByteArray();
    }

    /**
     * Decodes: {@code %} and two hex digits are a byte, {@code +} is a space when {@code plusIsSpace}, any other byte
     * is itself.
     *
     * @return the decoded bytes, or null when a {@code %} is not followed by two hex digits
     */
    static byte[] decode(byte[] b, boolean plusIsSpace) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(b.length);
        for (int i = 0; i < b.length; i++) {
            if (b[i] == '%') {
                if (i + 2 >= b.length || Character.digit(b[i + 1], 16) < 0 || Character.digit(b[i + 2], 16) < 0) {
                    return null;
                }
                out.write(Character.digit(b[i + 1], 16) << 4 | Character.digit(b[i + 2], 16));
                i += 2;
            } else {
                out.write(b[i] == '+' && plusIsSpace ? ' ' : b[i]);
            }
        }
        return out.toByteArray();
    }
}
