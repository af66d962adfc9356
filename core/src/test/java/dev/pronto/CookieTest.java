package dev.pronto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CookieTest {
    private static final Instant RFC_DATE = Instant.parse("1994-11-06T08:49:37Z");

    @Test
    void rendersAPlainPair() {
        assertThat(Cookie.of("id", "abc").headerValue()).isEqualTo("id=abc");
    }

    @Test
    void rendersEveryAttributeInOrder() {
        Cookie c = Cookie.of("id", "abc").withSameSite(Cookie.SameSite.LAX).httpOnly().secure()
                .withExpires(RFC_DATE).withMaxAge(Duration.ofHours(1)).withDomain("example.com").withPath("/");
        assertThat(c.headerValue()).isEqualTo("id=abc; Path=/; Domain=example.com; Max-Age=3600; "
                + "Expires=Sun, 06 Nov 1994 08:49:37 GMT; Secure; HttpOnly; SameSite=Lax");
    }

    @Test
    void rendersEachSameSiteValue() {
        assertThat(Cookie.of("a", "1").withSameSite(Cookie.SameSite.STRICT).headerValue())
                .isEqualTo("a=1; SameSite=Strict");
        assertThat(Cookie.of("a", "1").withSameSite(Cookie.SameSite.LAX).headerValue())
                .isEqualTo("a=1; SameSite=Lax");
        assertThat(Cookie.of("a", "1").secure().withSameSite(Cookie.SameSite.NONE).headerValue())
                .isEqualTo("a=1; Secure; SameSite=None");
    }

    @Test
    void refusesToRenderSameSiteNoneWithoutSecure() {
        Cookie c = Cookie.of("a", "1").withSameSite(Cookie.SameSite.NONE);
        assertThatThrownBy(c::headerValue).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("SameSite=None needs Secure");
        assertThat(c.secure().headerValue()).isEqualTo("a=1; Secure; SameSite=None");
        assertThat(c.toString()).contains("SameSite=None");
    }

    @Test
    void rendersExpiresAsImfFixdateInWholeSecondsWithTwoDigitDays() {
        assertThat(Cookie.of("a", "1").withExpires(Instant.parse("2030-01-02T03:04:05.999Z")).headerValue())
                .isEqualTo("a=1; Expires=Wed, 02 Jan 2030 03:04:05 GMT");
        assertThat(Cookie.of("a", "1").withExpires(Instant.EPOCH).expires()).contains(Instant.EPOCH);
    }

    @Test
    void acceptsExpiresFrom1601To9999Only() {
        Cookie c = Cookie.of("a", "1");
        assertThat(c.withExpires(Instant.parse("1601-01-01T00:00:00Z")).headerValue())
                .endsWith("Expires=Mon, 01 Jan 1601 00:00:00 GMT");
        assertThat(c.withExpires(Instant.parse("9999-12-31T23:59:59Z")).headerValue())
                .endsWith("Expires=Fri, 31 Dec 9999 23:59:59 GMT");
        assertThatThrownBy(() -> c.withExpires(Instant.parse("1600-12-31T23:59:59Z")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> c.withExpires(Instant.parse("+10000-01-01T00:00:00Z")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> c.withExpires(Instant.MAX)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rendersMaxAgeInWholeSecondsAndAcceptsZero() {
        assertThat(Cookie.of("a", "1").withMaxAge(Duration.ofMillis(1999)).headerValue()).isEqualTo("a=1; Max-Age=1");
        assertThat(Cookie.of("a", "1").withMaxAge(Duration.ZERO).headerValue()).isEqualTo("a=1; Max-Age=0");
        assertThat(Cookie.of("a", "1").withMaxAge(Duration.ofMillis(999)).maxAge()).contains(Duration.ZERO);
    }

    @Test
    void rejectsANegativeMaxAge() {
        assertThatThrownBy(() -> Cookie.of("a", "1").withMaxAge(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Max-Age must not be negative");
        assertThatThrownBy(() -> Cookie.of("a", "1").withMaxAge(Duration.ofNanos(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void deletesWithAnEmptyValueAndMaxAgeZero() {
        assertThat(Cookie.delete("id").headerValue()).isEqualTo("id=; Max-Age=0");
        assertThat(Cookie.delete("id").withPath("/app").headerValue()).isEqualTo("id=; Path=/app; Max-Age=0");
    }

    @Test
    void acceptsEveryCookieOctetAndAQuotedValue() {
        StringBuilder octets = new StringBuilder();
        for (char c = 0x21; c <= 0x7e; c++) {
            if (c != '"' && c != ',' && c != ';' && c != '\\') {
                octets.append(c);
            }
        }
        assertThat(Cookie.of("a", octets.toString()).headerValue()).isEqualTo("a=" + octets);
        assertThat(Cookie.of("a", "\"quoted\"").headerValue()).isEqualTo("a=\"quoted\"");
        assertThat(Cookie.of("a", "\"\"").value()).isEqualTo("\"\"");
        assertThat(Cookie.of("a", "").headerValue()).isEqualTo("a=");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\rb", "a\nb", "a\r\nSet-Cookie: evil=1", "a;b", "a; Path=/", "a b", "a\tb", "a,b",
            "a\\b", "a\"b", "\"", "\"a", "a\"", "\"a\"b\"", "\"a b\"", "é", "\u0000", "\u007f", "\u2028"})
    void rejectsValuesThatAreNotCookieOctets(String value) {
        assertThatThrownBy(() -> Cookie.of("a", value)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Cookie value holds a forbidden character");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a b", "a\rb", "a\nb", "a;b", "a=b", "a,b", "a\"b", "(a)", "a/b", "a:b", "a@b",
            "a\tb", "é", "\u0000", "a\u007f"})
    void rejectsNamesThatAreNotTokens(String name) {
        assertThatThrownBy(() -> Cookie.of(name, "1")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Cookie name is not a token");
        assertThatThrownBy(() -> Cookie.delete(name)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void quotesOnlyPrintableCharactersOfABadNameInItsMessage() {
        assertThatThrownBy(() -> Cookie.of("a\r\nb", "1")).hasMessage("Cookie name is not a token: a??b");
    }

    @Test
    void acceptsEveryTokenCharacterInNames() {
        String name = "!#$%&'*+-.^_`|~09azAZ";
        assertThat(Cookie.of(name, "1").headerValue()).isEqualTo(name + "=1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "/a;b", "/a\rb", "/a\nb", "/\r\nSet-Cookie: evil=1", "/\u0000", "/\u007f", "/é",
            "/\t"})
    void rejectsPathsAndDomainsWithControlsSemicolonsOrNonAscii(String v) {
        Cookie c = Cookie.of("a", "1");
        assertThatThrownBy(() -> c.withPath(v)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Path");
        assertThatThrownBy(() -> c.withDomain(v)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Domain");
    }

    @Test
    void acceptsPathsWithSpacesAndOtherPrintableCharacters() {
        assertThat(Cookie.of("a", "1").withPath("/a b/c=d,e\"f").headerValue()).isEqualTo("a=1; Path=/a b/c=d,e\"f");
        assertThat(Cookie.of("a", "1").withDomain(".example.com").headerValue()).isEqualTo("a=1; Domain=.example.com");
    }

    @Test
    void refusesNulls() {
        Cookie c = Cookie.of("a", "1");
        assertThatThrownBy(() -> Cookie.of(null, "1")).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> Cookie.of("a", null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> c.withPath(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> c.withDomain(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> c.withMaxAge(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> c.withExpires(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> c.withSameSite(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void exposesEachAttribute() {
        Cookie plain = Cookie.of("id", "abc");
        assertThat(plain.name()).isEqualTo("id");
        assertThat(plain.value()).isEqualTo("abc");
        assertThat(plain.path()).isEmpty();
        assertThat(plain.domain()).isEmpty();
        assertThat(plain.maxAge()).isEmpty();
        assertThat(plain.expires()).isEmpty();
        assertThat(plain.isSecure()).isFalse();
        assertThat(plain.isHttpOnly()).isFalse();
        assertThat(plain.sameSite()).isEmpty();
        Cookie full = plain.withPath("/p").withDomain("d.example").withMaxAge(Duration.ofSeconds(5))
                .withExpires(RFC_DATE).secure().httpOnly().withSameSite(Cookie.SameSite.STRICT);
        assertThat(full.path()).contains("/p");
        assertThat(full.domain()).contains("d.example");
        assertThat(full.maxAge()).contains(Duration.ofSeconds(5));
        assertThat(full.expires()).contains(RFC_DATE);
        assertThat(full.isSecure()).isTrue();
        assertThat(full.isHttpOnly()).isTrue();
        assertThat(full.sameSite()).contains(Cookie.SameSite.STRICT);
    }

    @Test
    void isImmutable() {
        Cookie plain = Cookie.of("id", "abc");
        Cookie changed = plain.withPath("/").secure().httpOnly().withMaxAge(Duration.ofSeconds(1));
        assertThat(plain.headerValue()).isEqualTo("id=abc");
        assertThat(changed).isNotSameAs(plain);
        assertThat(changed.withPath("/other").path()).contains("/other");
        assertThat(changed.path()).contains("/");
    }

    @Test
    void equalsByEveryAttribute() {
        Cookie a = Cookie.of("id", "abc").withPath("/").secure();
        Cookie b = Cookie.of("id", "abc").secure().withPath("/");
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a).isNotEqualTo(a.httpOnly());
        assertThat(a).isNotEqualTo(Cookie.of("id", "abd").withPath("/").secure());
    }

    @Test
    void hidesTheValueInToString() {
        assertThat(Cookie.of("id", "s3cret").withPath("/")).hasToString("Cookie[id=...; Path=/]");
    }
}
