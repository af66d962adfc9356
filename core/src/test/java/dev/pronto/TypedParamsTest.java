package dev.pronto;

import org.junit.jupiter.api.Test;

import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link Params#get(String, Class)} and its default form: every type, defaults, the 400 text, programmer errors. */
class TypedParamsTest {
    enum Sort { NAME, CREATED, name }

    enum Colour { RED, GREEN }

    private static Params query(String name, String value) {
        return Params.builder("Query parameter").add(name, value).build();
    }

    private static <T> T value(String text, Class<T> type) {
        return query("v", text).get("v", type).orElseThrow();
    }

    private static void assertBadRequest(String text, Class<?> type, String message) {
        assertThatThrownBy(() -> query("v", text).get("v", type)).isInstanceOfSatisfying(HttpException.class, e -> {
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.getMessage()).isEqualTo(message);
        });
    }

    @Test
    void convertsIntegersInDecimalWithAnOptionalSign() {
        assertThat(value("42", int.class)).isEqualTo(42);
        assertThat(value("-7", Integer.class)).isEqualTo(-7);
        assertThat(value("+7", int.class)).isEqualTo(7);
        assertThat(value("007", int.class)).isEqualTo(7);
        assertThat(value("-0", int.class)).isZero();
        assertThat(value("2147483647", int.class)).isEqualTo(Integer.MAX_VALUE);
        assertThat(value("-2147483648", int.class)).isEqualTo(Integer.MIN_VALUE);
        assertThat(value("9223372036854775807", long.class)).isEqualTo(Long.MAX_VALUE);
        assertThat(value("-9223372036854775808", Long.class)).isEqualTo(Long.MIN_VALUE);
        assertThat(value("2147483648", long.class)).isEqualTo(2147483648L);
    }

    @Test
    void refusesIntegersThatAreNotDecimalOrOutOfRange() {
        assertBadRequest("abc", int.class, "Query parameter 'v' must be an integer, got \"abc\"");
        assertBadRequest("", int.class, "Query parameter 'v' must be an integer, got \"\"");
        assertBadRequest("-", int.class, "Query parameter 'v' must be an integer, got \"-\"");
        assertBadRequest("+", long.class, "Query parameter 'v' must be an integer, got \"+\"");
        assertBadRequest("1.5", int.class, "Query parameter 'v' must be an integer, got \"1.5\"");
        assertBadRequest(" 1", int.class, "Query parameter 'v' must be an integer, got \" 1\"");
        assertBadRequest("0x10", long.class, "Query parameter 'v' must be an integer, got \"0x10\"");
        assertBadRequest("1e3", int.class, "Query parameter 'v' must be an integer, got \"1e3\"");
        assertBadRequest("--1", int.class, "Query parameter 'v' must be an integer, got \"--1\"");
        assertBadRequest("\u0661\u0662", int.class, "Query parameter 'v' must be an integer, got \"\u0661\u0662\"");
        assertBadRequest("2147483648", int.class,
                "Query parameter 'v' must be an integer from -2147483648 to 2147483647, got \"2147483648\"");
        assertBadRequest("-2147483649", Integer.class,
                "Query parameter 'v' must be an integer from -2147483648 to 2147483647, got \"-2147483649\"");
        assertBadRequest("9223372036854775808", long.class, "Query parameter 'v' must be an integer from "
                + "-9223372036854775808 to 9223372036854775807, got \"9223372036854775808\"");
        assertBadRequest("99999999999999999999999", long.class, "Query parameter 'v' must be an integer from "
                + "-9223372036854775808 to 9223372036854775807, got \"99999999999999999999999\"");
    }

    @Test
    void convertsBooleansAsFormsAndPeopleSpellThem() {
        for (String t : new String[] {"true", "TRUE", "on", "On", "yes", "YES", "1"}) {
            assertThat(value(t, boolean.class)).as(t).isTrue();
        }
        for (String f : new String[] {"false", "False", "off", "OFF", "no", "No", "0"}) {
            assertThat(value(f, Boolean.class)).as(f).isFalse();
        }
        String expected = "Query parameter 'v' must be true or false (or on/off, yes/no, 1/0), got ";
        assertBadRequest("maybe", boolean.class, expected + "\"maybe\"");
        assertBadRequest("", boolean.class, expected + "\"\"");
        assertBadRequest("2", boolean.class, expected + "\"2\"");
    }

    @Test
    void convertsUuidsInTheirCanonicalFormOnly() {
        UUID id = UUID.fromString("123e4567-e89b-12d3-a456-426614174000");
        assertThat(value("123e4567-e89b-12d3-a456-426614174000", UUID.class)).isEqualTo(id);
        assertThat(value("123E4567-E89B-12D3-A456-426614174000", UUID.class)).isEqualTo(id);
        assertBadRequest("x", UUID.class, "Query parameter 'v' must be a UUID, got \"x\"");
        assertBadRequest("", UUID.class, "Query parameter 'v' must be a UUID, got \"\"");
        assertBadRequest("1-2-3-4-5", UUID.class, "Query parameter 'v' must be a UUID, got \"1-2-3-4-5\"");
        assertBadRequest("123e4567e89b12d3a456426614174000", UUID.class,
                "Query parameter 'v' must be a UUID, got \"123e4567e89b12d3a456426614174000\"");
        assertBadRequest("123e4567-e89b-12d3-a456-42661417400g", UUID.class,
                "Query parameter 'v' must be a UUID, got \"123e4567-e89b-12d3-a456-42661417400g\"");
    }

    @Test
    void convertsEnumsByNameInAnyCaseExactMatchFirst() {
        assertThat(value("RED", Colour.class)).isEqualTo(Colour.RED);
        assertThat(value("green", Colour.class)).isEqualTo(Colour.GREEN);
        assertThat(value("Created", Sort.class)).isEqualTo(Sort.CREATED);
        assertThat(value("NAME", Sort.class)).isEqualTo(Sort.NAME);
        assertThat(value("name", Sort.class)).isEqualTo(Sort.name);
        assertBadRequest("blue", Colour.class, "Query parameter 'v' must be one of RED, GREEN, got \"blue\"");
        assertBadRequest("", Colour.class, "Query parameter 'v' must be one of RED, GREEN, got \"\"");
    }

    @Test
    void givesStringsAsSentEmptyIncluded() {
        assertThat(value("a b", String.class)).isEqualTo("a b");
        assertThat(value("", String.class)).isEmpty();
    }

    @Test
    void takesTheFirstOfRepeatedValues() {
        Params p = Params.builder().add("page", "2").add("page", "x").build();
        assertThat(p.get("page", int.class)).contains(2);
    }

    @Test
    void givesNothingOrTheDefaultWhenAbsentButNeverForABadValue() {
        Params p = query("page", "abc");
        assertThat(p.get("size", int.class)).isEmpty();
        assertThat(p.get("size", int.class, 20)).isEqualTo(20);
        assertThat(p.get("sort", Colour.class, Colour.RED)).isEqualTo(Colour.RED);
        assertThat(Params.empty().get("id", UUID.class)).isEqualTo(Optional.empty());
        assertThatThrownBy(() -> p.get("page", int.class, 1)).isInstanceOf(HttpException.class)
                .hasMessage("Query parameter 'page' must be an integer, got \"abc\"");
        assertThatThrownBy(() -> p.get("size", int.class, null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void namesWhereTheValueCameFrom() {
        assertThatThrownBy(() -> Params.builder().add("n", "x").build().get("n", long.class))
                .hasMessage("Parameter 'n' must be an integer, got \"x\"");
        assertThatThrownBy(() -> Params.builder("Form field").add("n", "x").build().get("n", long.class))
                .hasMessage("Form field 'n' must be an integer, got \"x\"");
    }

    @Test
    void quotesAValueShortAndWithoutControlCharacters() {
        assertBadRequest("a\r\nb", int.class, "Query parameter 'v' must be an integer, got \"a\\u000d\\u000ab\"");
        String longValue = "x".repeat(100);
        assertBadRequest(longValue, int.class,
                "Query parameter 'v' must be an integer, got \"" + "x".repeat(64) + "\"…");
    }

    @Test
    void refusesAnUnsupportedTypeEvenWhenTheNameIsAbsent() {
        assertThatThrownBy(() -> Params.empty().get("d", double.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Cannot convert a parameter to double: the types are String, int, Integer, long, Long, "
                        + "boolean, Boolean, UUID or an enum");
        assertThatThrownBy(() -> query("d", "1").get("d", java.time.LocalDate.class, java.time.LocalDate.MIN))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("java.time.LocalDate");
    }

    @Test
    void keepsEqualityOnTheValuesAlone() {
        assertThat(Params.builder("Form field").add("a", "1").build())
                .isEqualTo(Params.builder().add("a", "1").build());
    }
}
