package dev.pronto.http;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class TokensTest {
    /** tchar as RFC 9110 §5.6.2 writes it: a visible US-ASCII character that is not a delimiter. */
    private static boolean rfcTchar(int c) {
        return c > 0x20 && c < 0x7F && "\"(),/:;<=>?@[\\]{}".indexOf(c) < 0;
    }

    @Test
    void tcharTableMatchesRfc9110ForEveryByte() {
        for (int c = 0; c < 256; c++) {
            assertThat(Tokens.isTchar((byte) c)).as("byte %d", c).isEqualTo(rfcTchar(c));
            assertThat(Tokens.isTchar((char) c)).as("char %d", c).isEqualTo(rfcTchar(c));
        }
    }

    @Test
    void noCharacterBeyondAsciiIsATcharEvenWhenItsLowByteIs() {
        for (int c = 0x80; c <= 0xFFFF; c++) {
            assertThat(Tokens.isTchar((char) c)).as("char %d", c).isFalse();
        }
    }

    @Test
    void aTokenIsOneOrMoreTchars() {
        assertThat(Tokens.isToken("PROPFIND")).isTrue();
        assertThat(Tokens.isToken("X-Request-Id")).isTrue();
        assertThat(Tokens.isToken("!#$%&'*+-.^_`|~09azAZ")).isTrue();
        assertThat(Tokens.isToken("")).isFalse();
        assertThat(Tokens.isToken("a b")).isFalse();
        assertThat(Tokens.isToken("a:b")).isFalse();
        assertThat(Tokens.isToken("caf\u00e9")).isFalse();
        assertThat(Tokens.isToken("\u0141")).isFalse(); // low byte 0x41 'A'
    }

    @Test
    void aByteRangeIsCheckedWithinItsBoundsOnly() {
        byte[] b = "(name)".getBytes(StandardCharsets.US_ASCII);
        assertThat(Tokens.isToken(b, 1, 5)).isTrue();
        assertThat(Tokens.isToken(b, 0, 5)).isFalse();
        assertThat(Tokens.isToken(b, 1, 6)).isFalse();
        assertThat(Tokens.isToken(b, 3, 3)).isTrue();
        assertThat(Tokens.isToken(new byte[] {'a', (byte) 0xC1}, 0, 2)).isFalse(); // 0xC1 & 0x7F is 'A'
    }
}
