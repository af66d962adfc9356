package dev.pronto.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pronto.HttpException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PercentDecoderTest {
    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
            "''                | ''",
            "abc               | abc",
            "%2F               | /",
            "%2f               | /",
            "a%20b             | a b",
            "%41%42%43         | ABC",
            "%c3%a9            | é",
            "%C3%A9            | é",
            "%E2%82%AC         | €",
            "%F0%9F%98%80      | \uD83D\uDE00",
            "%25               | %",
            "%2525             | %25",
            "a+b               | a b",
            "%2B               | +",
            "é                 | é",
    })
    void decodesEscapesAndPlusInForms(String in, String out) {
        assertThat(PercentDecoder.decodeToString(in, true)).isEqualTo(out);
    }

    @Test
    void keepsPlusWhenPlusIsNotSpace() {
        assertThat(PercentDecoder.decodeToString("a+b%2B", false)).isEqualTo("a+b+");
        assertThat(PercentDecoder.decodeToString("a+b", false)).isEqualTo("a+b");
    }

    @Test
    void returnsTheSameStringWhenThereIsNothingToDecode() {
        String s = "plain-text";
        assertThat(PercentDecoder.decodeToString(s, true)).isSameAs(s);
    }

    @Test
    void keepsADecodedNul() {
        assertThat(PercentDecoder.decodeToString("a%00b", true)).isEqualTo("a\0b");
    }

    @Test
    void turnsMalformedUtf8IntoReplacementCharacters() {
        assertThat(PercentDecoder.decodeToString("%C3", true)).isEqualTo("\uFFFD");
        assertThat(PercentDecoder.decodeToString("%FF%FEa", true)).isEqualTo("\uFFFD\uFFFDa");
    }

    @ParameterizedTest
    @ValueSource(strings = {"%", "%4", "a%", "a%4", "%G0", "%0G", "%%", "%%41", "ok%zz", "%-1", "% 1", "%\u00e91"})
    void rejectsInvalidEscapes(String in) {
        assertThatThrownBy(() -> PercentDecoder.decodeToString(in, true)).isInstanceOfSatisfying(HttpException.class,
                e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.getMessage()).startsWith("Invalid percent-encoding in");
                });
        byte[] b = in.getBytes(StandardCharsets.UTF_8);
        assertThat(PercentDecoder.decode(b, 0, b.length, false)).isEqualTo(-1);
    }

    @Test
    void decodesInPlaceWithinARangeAndReturnsTheNewEnd() {
        byte[] b = "xx%41%62+c%2fyy".getBytes(StandardCharsets.US_ASCII);
        int end = PercentDecoder.decode(b, 2, b.length - 2, true);
        assertThat(end).isEqualTo(7);
        assertThat(new String(b, 2, end - 2, StandardCharsets.US_ASCII)).isEqualTo("Ab c/");
        assertThat(new String(b, 0, 2, StandardCharsets.US_ASCII)).isEqualTo("xx");
        assertThat(new String(b, b.length - 2, 2, StandardCharsets.US_ASCII)).isEqualTo("yy");
    }

    @Test
    void doesNotReadAnEscapePastTheEndOfTheRange() {
        byte[] b = "%41%4142".getBytes(StandardCharsets.US_ASCII);
        assertThat(PercentDecoder.decode(b, 0, 5, false)).isEqualTo(-1);
        assertThat(PercentDecoder.decode(b, 0, 0, false)).isZero();
    }

    @Test
    void decodesEveryByteValue() {
        for (int v = 0; v < 256; v++) {
            for (String hex : new String[] {"%%%02X".formatted(v), "%%%02x".formatted(v)}) {
                byte[] b = hex.getBytes(StandardCharsets.US_ASCII);
                assertThat(PercentDecoder.decode(b, 0, b.length, false)).isEqualTo(1);
                assertThat(b[0] & 0xff).isEqualTo(v);
            }
        }
    }

    @Test
    void quotesOnlyACleanedExcerptOfTheInputInItsMessage() {
        String in = "\r\n%zz" + "a".repeat(100);
        assertThatThrownBy(() -> PercentDecoder.decodeToString(in, true)).hasMessageStartingWith(
                "Invalid percent-encoding in \"??%zzaaa").hasMessageEndingWith("...\"").hasMessageNotContaining("\r");
    }
}
