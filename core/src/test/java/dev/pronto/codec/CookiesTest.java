package dev.pronto.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CookiesTest {
    @Test
    void parsesPairsInOrder() {
        assertThat(Cookies.parse(List.of("b=2; a=1; c=3"))).containsExactly(
                Map.entry("b", "2"), Map.entry("a", "1"), Map.entry("c", "3"));
    }

    @Test
    void keepsTheFirstOccurrenceOfAName() {
        assertThat(Cookies.parse(List.of("id=first; id=second", "id=third"))).containsExactly(
                Map.entry("id", "first"));
    }

    @Test
    void readsEveryHeaderInOrder() {
        assertThat(Cookies.parse(List.of("a=1", "b=2; a=9"))).containsExactly(
                Map.entry("a", "1"), Map.entry("b", "2"));
    }

    @Test
    void removesOnePairOfSurroundingQuotes() {
        assertThat(Cookies.parse(List.of("a=\"x y\"; b=\"\"; c=\"; d=\"\"z\"\"; e=x\"")))
                .containsExactly(Map.entry("a", "x y"), Map.entry("b", ""), Map.entry("c", "\""),
                        Map.entry("d", "\"z\""), Map.entry("e", "x\""));
    }

    @Test
    void trimsWhitespaceAroundPiecesNamesAndValues() {
        assertThat(Cookies.parse(List.of("  a = 1 ;b=2;\tc=3\t;   "))).containsExactly(
                Map.entry("a", "1"), Map.entry("b", "2"), Map.entry("c", "3"));
    }

    @Test
    void skipsPiecesWithoutEqualsOrWithoutAName() {
        assertThat(Cookies.parse(List.of("flag; a=1; ;; =nameless; b=2"))).containsExactly(
                Map.entry("a", "1"), Map.entry("b", "2"));
    }

    @Test
    void keepsEqualsSignsInTheValue() {
        assertThat(Cookies.parse(List.of("token=abc==; x=a=b"))).containsExactly(
                Map.entry("token", "abc=="), Map.entry("x", "a=b"));
    }

    @Test
    void acceptsEmptyValuesAndNoHeaders() {
        assertThat(Cookies.parse(List.of("a=; b="))).containsExactly(Map.entry("a", ""), Map.entry("b", ""));
        assertThat(Cookies.parse(List.of())).isEmpty();
        assertThat(Cookies.parse(List.of(""))).isEmpty();
    }

    @Test
    void returnsAnUnmodifiableMap() {
        Map<String, String> cookies = Cookies.parse(List.of("a=1"));
        assertThatThrownBy(() -> cookies.put("b", "2")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void isLinearOnALongHeaderOfPiecesWithoutEquals() {
        String header = "x;".repeat(200_000) + "a=1";
        assertThat(Cookies.parse(List.of(header))).containsExactly(Map.entry("a", "1"));
    }
}
