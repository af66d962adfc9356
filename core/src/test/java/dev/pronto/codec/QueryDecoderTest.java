package dev.pronto.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pronto.HttpException;
import dev.pronto.Params;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class QueryDecoderTest {
    @Test
    void parsesPairsInOrder() {
        Params p = QueryDecoder.parse("b=2&a=1&c=3");
        assertThat(p.names()).containsExactly("b", "a", "c");
        assertThat(p.first("a")).contains("1");
    }

    @Test
    void keepsRepeatedNamesInOrder() {
        Params p = QueryDecoder.parse("a=1&b=x&a=2&a=3");
        assertThat(p.all("a")).containsExactly("1", "2", "3");
        assertThat(p.asMap()).isEqualTo(Map.of("a", List.of("1", "2", "3"), "b", List.of("x")));
        assertThat(p.size()).isEqualTo(2);
    }

    @Test
    void givesANameWithoutEqualsAnEmptyValue() {
        assertThat(QueryDecoder.parse("a").all("a")).containsExactly("");
        assertThat(QueryDecoder.parse("a=").all("a")).containsExactly("");
        assertThat(QueryDecoder.parse("flag&x=1").asMap()).containsExactly(
                Map.entry("flag", List.of("")), Map.entry("x", List.of("1")));
    }

    @Test
    void acceptsAnEmptyName() {
        assertThat(QueryDecoder.parse("=x").all("")).containsExactly("x");
        assertThat(QueryDecoder.parse("=").all("")).containsExactly("");
    }

    @Test
    void splitsOnTheFirstEqualsOnly() {
        assertThat(QueryDecoder.parse("a=b=c").all("a")).containsExactly("b=c");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "&", "&&", "&&&&"})
    void skipsEmptyPairs(String q) {
        assertThat(QueryDecoder.parse(q).isEmpty()).isTrue();
    }

    @Test
    void skipsEmptyPairsBetweenOthers() {
        assertThat(QueryDecoder.parse("&&a=1&&&b=2&").asMap()).containsExactly(
                Map.entry("a", List.of("1")), Map.entry("b", List.of("2")));
    }

    @Test
    void splitsOnAmpersandOnlyNotSemicolon() {
        assertThat(QueryDecoder.parse("a=1;b=2").asMap()).containsExactly(Map.entry("a", List.of("1;b=2")));
    }

    @Test
    void decodesPlusAndEscapesInNamesAndValues() {
        Params p = QueryDecoder.parse("first+name=Ren%C3%A9+Dupont&q=a%26b%3Dc&p=%2f%2F&plus=%2B");
        assertThat(p.first("first name")).contains("René Dupont");
        assertThat(p.first("q")).contains("a&b=c");
        assertThat(p.first("p")).contains("//");
        assertThat(p.first("plus")).contains("+");
    }

    @Test
    void decodesAnEncodedAmpersandOrEqualsWithoutSplittingOnIt() {
        assertThat(QueryDecoder.parse("a%3D1=%26").asMap()).containsExactly(Map.entry("a=1", List.of("&")));
    }

    @Test
    void takesCharactersBeyondAsciiAsThemselves() {
        assertThat(QueryDecoder.parse("café=thé&x=%C3%A9").asMap()).containsExactly(
                Map.entry("café", List.of("thé")), Map.entry("x", List.of("é")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a=%ZZ", "%ZZ=1", "a=1&b=%", "a=%4", "x&a%=1", "a=%%"})
    void rejectsInvalidEscapesWith400(String q) {
        assertThatThrownBy(() -> QueryDecoder.parse(q)).isInstanceOfSatisfying(HttpException.class,
                e -> assertThat(e.status()).isEqualTo(400)).hasMessageStartingWith("Invalid percent-encoding");
    }

    @Test
    void quotesTheFaultyPairInItsMessage() {
        assertThatThrownBy(() -> QueryDecoder.parse("é=1&b=%ZZ&c=3"))
                .hasMessage("Invalid percent-encoding in parameter \"b=%ZZ\"");
        assertThatThrownBy(() -> QueryDecoder.parse("&&b=%ZZ")).hasMessage(
                "Invalid percent-encoding in parameter \"b=%ZZ\"");
    }

    @Test
    void acceptsExactlyTheDefaultLimitOfParameters() {
        String q = "a=1&".repeat(QueryDecoder.DEFAULT_MAX_PARAMS);
        assertThat(QueryDecoder.parse(q).all("a")).hasSize(1000);
    }

    @Test
    void rejectsMoreThanTheDefaultLimitWith400() {
        String q = "a=1&".repeat(QueryDecoder.DEFAULT_MAX_PARAMS) + "b";
        assertThatThrownBy(() -> QueryDecoder.parse(q)).isInstanceOfSatisfying(HttpException.class,
                e -> assertThat(e.status()).isEqualTo(400)).hasMessageStartingWith("Too many parameters");
    }

    @Test
    void countsPairsNotEmptyPiecesAgainstAGivenLimit() {
        assertThat(QueryDecoder.parse("&a&&b&", 2).names()).containsExactly("a", "b");
        assertThatThrownBy(() -> QueryDecoder.parse("a&b&c", 2)).isInstanceOf(HttpException.class);
        assertThat(QueryDecoder.parse("", 0).isEmpty()).isTrue();
        assertThatThrownBy(() -> QueryDecoder.parse("a", 0)).isInstanceOf(HttpException.class);
    }

    @Test
    void rejectsANegativeLimit() {
        assertThatThrownBy(() -> QueryDecoder.parse("a", -1)).isInstanceOf(IllegalArgumentException.class);
    }
}
