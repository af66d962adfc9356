package dev.pronto.parser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pronto.http.Tokens;

import java.nio.ByteBuffer;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The SWAR masks agree with a plain per-byte test, lane by lane, for every byte value in every lane. */
class BytesTest {
    @Test
    void masksAreExactForEveryByteInEveryLane() {
        Random random = new Random(42);
        for (int value = 0; value < 256; value++) {
            for (int lane = 0; lane < 8; lane++) {
                for (int trial = 0; trial < 16; trial++) {
                    long w = random.nextLong();
                    w = (w & ~(0xFFL << (8 * lane))) | ((long) value << (8 * lane));
                    assertThat(Bytes.notVisible(w)).isEqualTo(naive(w, b -> b <= 0x20 || b >= 0x7F));
                    assertThat(Bytes.controlOrDel(w)).isEqualTo(naive(w, b -> b < 0x20 || b == 0x7F));
                    for (int c : new int[] {0, ':', '?', '#', 0x7F, 0x80, 0xFF}) {
                        assertThat(Bytes.equal(w, c)).isEqualTo(naive(w, b -> b == c));
                    }
                }
            }
        }
    }

    @Test
    void scansFindTheSameByteAsAPlainLoop() {
        Random random = new Random(7);
        // Every boundary of the scans: around SP, HTAB, CR, LF, DEL, '"', '#', '?' and the top bit.
        byte[] alphabet = TestBuffers.bytes("\0\b\t\n\r\u001f !\"#>?@~\u007f\u0080\u00ffaZ/%:");
        for (int trial = 0; trial < 20_000; trial++) {
            byte[] data = new byte[random.nextInt(40)];
            for (int i = 0; i < data.length; i++) {
                data[i] = random.nextInt(4) == 0 ? alphabet[random.nextInt(alphabet.length)] : (byte) 'x';
            }
            ByteBuffer buf = random.nextBoolean() ? ByteBuffer.wrap(data)
                    : ByteBuffer.allocateDirect(data.length).put(0, data);
            int from = data.length == 0 ? 0 : random.nextInt(data.length);
            int bound = from + random.nextInt(data.length - from + 1);
            assertThat(Bytes.scanTarget(buf, from, bound)).isEqualTo(first(data, from, bound, true));
            assertThat(Bytes.scanValue(buf, from, bound)).isEqualTo(first(data, from, bound, false));
            assertThat(Bytes.scanToken(buf, from, bound)).isEqualTo(firstNonToken(data, from, bound));
        }
    }

    @Test
    void isTokenOverABufferAgreesWithTheSharedTable() {
        for (int c = 0; c < 256; c++) {
            ByteBuffer buf = ByteBuffer.allocateDirect(3).put(0, new byte[] {'a', (byte) c, 'b'});
            assertThat(Bytes.isToken(buf, 0, 3)).as("byte %d", c).isEqualTo(Tokens.isTchar((byte) c));
        }
    }

    private static int firstNonToken(byte[] data, int from, int bound) {
        for (int i = from; i < bound; i++) {
            int c = data[i] & 0xFF;
            if (c <= 0x20 || c >= 0x7F || c == ':') {
                return i;
            }
        }
        return bound;
    }

    private static int first(byte[] data, int from, int bound, boolean target) {
        for (int i = from; i < bound; i++) {
            int c = data[i] & 0xFF;
            boolean stop = target ? c <= 0x20 || c >= 0x7F || c == '?' || c == '#' : c < 0x20 || c == 0x7F;
            if (stop) {
                return i;
            }
        }
        return bound;
    }

    private interface BytePredicate {
        boolean test(int b);
    }

    private static long naive(long w, BytePredicate p) {
        long mask = 0;
        for (int lane = 0; lane < 8; lane++) {
            if (p.test((int) (w >>> (8 * lane)) & 0xFF)) {
                mask |= 0x80L << (8 * lane);
            }
        }
        return mask;
    }
}
