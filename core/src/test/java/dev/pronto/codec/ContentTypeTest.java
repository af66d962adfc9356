package dev.pronto.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ContentTypeTest {
    @Test
    void parsesABareMimeType() {
        ContentType t = ContentType.parse("application/json");
        assertThat(t.mimeType()).isEqualTo("application/json");
        assertThat(t.parameters()).isEmpty();
        assertThat(t.charset()).isEmpty();
        assertThat(t.boundary()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/json", "APPLICATION/JSON", "application/json; charset=utf-8",
        "application/problem+json", "application/vnd.api+json; ext=x", "text/x-thing+JSON", " application/json "})
    void knowsJsonAndEveryPlusJsonType(String value) {
        assertThat(ContentType.parse(value).isJson()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"text/plain", "application/jsonp", "application/json-seq", "application/x-json5",
        "json", "+json", "application/+json", "/+json", "application/", "application/xml", "text/json+xml", ""})
    void knowsWhatIsNotJson(String value) {
        assertThat(ContentType.parse(value).isJson()).isFalse();
    }

    @Test
    void lowerCasesTypeAndParameterNamesButNotValues() {
        ContentType t = ContentType.parse("TEXT/HTML; Charset=UTF-8; Foo=BaR");
        assertThat(t.mimeType()).isEqualTo("text/html");
        assertThat(t.charset()).contains(StandardCharsets.UTF_8);
        assertThat(t.parameter("CHARSET")).contains("UTF-8");
        assertThat(t.parameter("foo")).contains("BaR");
        assertThat(t.parameters()).containsExactly(Map.entry("charset", "UTF-8"), Map.entry("foo", "BaR"));
    }

    @Test
    void unquotesQuotedValuesWithTheirEscapes() {
        ContentType t = ContentType.parse("text/plain; charset=\"iso-8859-1\"; title=\"a \\\"b\\\" \\\\ c; d\"");
        assertThat(t.charset()).contains(StandardCharsets.ISO_8859_1);
        assertThat(t.parameter("title")).contains("a \"b\" \\ c; d");
    }

    @Test
    void readsAQuotedBoundary() {
        ContentType t = ContentType.parse("multipart/form-data; boundary=\"simple boundary;=x\"");
        assertThat(t.mimeType()).isEqualTo("multipart/form-data");
        assertThat(t.boundary()).contains("simple boundary;=x");
    }

    @Test
    void readsATokenBoundary() {
        assertThat(ContentType.parse("multipart/form-data;boundary=----WebKitFormBoundary7MA4YWxkTrZu0gW").boundary())
                .contains("----WebKitFormBoundary7MA4YWxkTrZu0gW");
    }

    @ParameterizedTest
    @ValueSource(strings = {"text/plain; charset=no-such-charset", "text/plain; charset=\"\"", "text/plain; charset=",
            "text/plain; charset=a b c", "text/plain; charset=@@@", "text/plain; charset=\"x\u00e9\""})
    void givesNoCharsetForUnknownOrIllegalNames(String value) {
        assertThat(ContentType.parse(value).charset()).isEmpty();
    }

    @Test
    void readsAnUnterminatedQuotedStringToTheEnd() {
        assertThat(ContentType.parse("text/plain; charset=\"utf-8").charset()).contains(StandardCharsets.UTF_8);
    }

    @Test
    void keepsTheFirstOfARepeatedParameter() {
        assertThat(ContentType.parse("text/plain; charset=utf-8; CHARSET=us-ascii").charset())
                .contains(StandardCharsets.UTF_8);
    }

    @Test
    void toleratesWhitespaceAroundSeparators() {
        ContentType t = ContentType.parse("  text/plain ;  charset = utf-8 ;x=1  ");
        assertThat(t.mimeType()).isEqualTo("text/plain");
        assertThat(t.charset()).contains(StandardCharsets.UTF_8);
        assertThat(t.parameter("x")).contains("1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ";", ";;;", "text", "/", "text/plain;", "text/plain; novalue; =x; a=1",
            "text/plain; \"junk\"; a=1", "text/plain; a=\"x\"junk; b=2", "\u0000\r\n;=\"", "a/b; c=\"\\"})
    void makesABestEffortOfMalformedValuesWithoutThrowing(String value) {
        ContentType t = ContentType.parse(value);
        assertThat(t.mimeType()).isNotNull();
        assertThat(t.charset()).isNotNull();
    }

    @Test
    void skipsPiecesItCannotRead() {
        ContentType t = ContentType.parse("text/plain; novalue; =x; a=1; b=\"x\"junk; c=2");
        assertThat(t.parameters()).containsExactly(Map.entry("a", "1"), Map.entry("b", "x"), Map.entry("c", "2"));
        assertThat(ContentType.parse("").mimeType()).isEmpty();
        assertThat(ContentType.parse("text").mimeType()).isEqualTo("text");
    }

    @Test
    void rejectsNull() {
        assertThatThrownBy(() -> ContentType.parse(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void lowerCasesNamesGivenToTheConstructor() {
        ContentType t = new ContentType("text/plain", Map.of("Charset", "utf-8"));
        assertThat(t.charset()).contains(StandardCharsets.UTF_8);
        assertThat(t.parameters()).containsOnlyKeys("charset");
    }
}
