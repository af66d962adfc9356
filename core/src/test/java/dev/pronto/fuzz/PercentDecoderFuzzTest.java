package dev.pronto.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.pronto.HttpException;
import dev.pronto.codec.PercentDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Fuzzes the percent-decoder. An input is any bytes, decoded in place with and without {@code +} as a space; it must
 * <ul>
 *   <li>decode like the plain oracle {@link PercentEncoding#decode}, failing exactly when it does;
 *   <li>decode alike at index 0 and among poison, leaving every byte outside the range untouched;
 *   <li>round-trip: encoding the decoded bytes and decoding again gives them back, and so does decoding the encoded
 *       input;
 *   <li>as a string (read as Latin-1 and as UTF-8), give the decoded bytes read as UTF-8, or a clean 400.
 * </ul>
 */
class PercentDecoderFuzzTest {
    @DictionaryEntries({"%", "+", "%2B", "%20", "%C3%A9", "%E2%82%AC", "%00", "%FF"})
    @FuzzTest(maxDuration = "60s")
    void percentDecoding(byte[] data) {
        for (boolean plusIsSpace : new boolean[] {false, true}) {
            byte[] expected = PercentEncoding.decode(data, plusIsSpace);
            assertThat(latin1(decodeCopy(data, plusIsSpace))).as("%s decoded, + is space: %s", latin1(data),
                    plusIsSpace).isEqualTo(latin1(expected));

            byte[] poisoned = Poison.around(data);
            byte[] before = poisoned.clone();
            int end = PercentDecoder.decode(poisoned, Poison.BEFORE, Poison.BEFORE + data.length, plusIsSpace);
            if (expected == null) {
                assertThat(end).as("end of an invalid input among poison").isEqualTo(-1);
            } else {
                assertThat(latin1(Arrays.copyOfRange(poisoned, Poison.BEFORE, end))).as("decoded among poison")
                        .isEqualTo(latin1(expected));
            }
            assertThat(Arrays.copyOf(poisoned, Poison.BEFORE)).as("poison before")
                    .isEqualTo(Arrays.copyOf(before, Poison.BEFORE));
            int after = Poison.BEFORE + data.length;
            assertThat(Arrays.copyOfRange(poisoned, after, poisoned.length)).as("poison after")
                    .isEqualTo(Arrays.copyOfRange(before, after, before.length));

            if (expected != null) {
                byte[] encoded = PercentEncoding.encode(expected, plusIsSpace);
                assertThat(latin1(decodeCopy(encoded, plusIsSpace))).as("decoded, encoded as %s and decoded again",
                        latin1(encoded)).isEqualTo(latin1(expected));
            }
            byte[] encoded = PercentEncoding.encode(data, plusIsSpace);
            assertThat(latin1(decodeCopy(encoded, plusIsSpace))).as("input encoded as %s and decoded",
                    latin1(encoded)).isEqualTo(latin1(data));

            asString(new String(data, StandardCharsets.ISO_8859_1), plusIsSpace);
            asString(new String(data, StandardCharsets.UTF_8), plusIsSpace);
        }
    }

    /** @return the bytes as Latin-1 text, for readable messages; null for null */
    private static String latin1(byte[] b) {
        return b == null ? null : new String(b, StandardCharsets.ISO_8859_1);
    }

    /** @return the bytes decoded in a copy, or null when the decoder refuses them */
    private static byte[] decodeCopy(byte[] b, boolean plusIsSpace) {
        byte[] copy = b.clone();
        int end = PercentDecoder.decode(copy, 0, copy.length, plusIsSpace);
        assertThat(end).as("end").isBetween(-1, copy.length);
        return end < 0 ? null : Arrays.copyOf(copy, end);
    }

    private static void asString(String s, boolean plusIsSpace) {
        byte[] expected = PercentEncoding.decode(s.getBytes(StandardCharsets.UTF_8), plusIsSpace);
        String decoded;
        try {
            decoded = PercentDecoder.decodeToString(s, plusIsSpace);
        } catch (HttpException e) {
            assertThat(expected).as("the oracle's reading of rejected %s", s).isNull();
            Rejections.check(e, 400);
            return;
        }
        assertThat(expected).as("the oracle's reading of accepted %s", s).isNotNull();
        assertThat(decoded).as("%s decoded to a string", s).isEqualTo(new String(expected, StandardCharsets.UTF_8));
    }
}
