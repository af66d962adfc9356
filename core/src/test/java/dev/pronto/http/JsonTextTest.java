package dev.pronto.http;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The core's own JSON text: RFC 8259 escaping, Java's numbers, and what it refuses. */
class JsonTextTest {
    private static final Function<Object, String> PLAIN_ONLY = value -> {
        throw new IllegalArgumentException("not plain: " + value);
    };

    @Test
    void escapesTheQuotationMarkTheReverseSolidusAndEveryControlCharacter() {
        assertThat(JsonText.write("say \"hi\"")).isEqualTo("\"say \\\"hi\\\"\"");
        assertThat(JsonText.write("C:\\temp")).isEqualTo("\"C:\\\\temp\"");
        assertThat(JsonText.write("a\nb\rc\td\be\ff")).isEqualTo("\"a\\nb\\rc\\td\\be\\ff\"");
        assertThat(JsonText.write("\u0000\u0001\u001f")).isEqualTo("\"\\u0000\\u0001\\u001f\"");
        for (char c = 0; c < 0x20; c++) {
            assertThat(JsonText.write(String.valueOf(c))).as("U+%04X", (int) c).startsWith("\"\\").hasSizeLessThan(9);
        }
        // RFC 8259 §7 requires no other escape: DEL, the solidus and U+2028 stay as they are.
        assertThat(JsonText.write("\u007f/\u2028")).isEqualTo("\"\u007f/\u2028\"");
    }

    @Test
    void keepsNonAsciiCharactersAsTheyAreSoThatTheyLeaveAsUtf8() {
        String text = JsonText.write("Grüße, 東京, 😀");

        assertThat(text).isEqualTo("\"Grüße, 東京, 😀\"");
        assertThat(text.getBytes(StandardCharsets.UTF_8)).contains(0xF0, 0x9F, 0x98, 0x80); // U+1F600 in UTF-8
    }

    @Test
    void escapesALoneSurrogateWhichHasNoUtf8Form() {
        assertThat(JsonText.write("a\ud800b")).isEqualTo("\"a\\ud800b\"");
        assertThat(JsonText.write("\udc00")).isEqualTo("\"\\udc00\"");
        assertThat(JsonText.write("x\ud83d")).isEqualTo("\"x\\ud83d\"");
    }

    @Test
    void writesNumbersAsJavaPrintsThem() {
        assertThat(JsonText.write(List.of(30, -7L, (short) 2, (byte) 1, 1.5, 2.5f, 1e20, -0.0)))
                .isEqualTo("[30,-7,2,1,1.5,2.5,1.0E20,-0.0]");
        assertThat(JsonText.write(List.of(new BigInteger("123456789012345678901234567890"), new BigDecimal("1E+3"))))
                .isEqualTo("[123456789012345678901234567890,1E+3]");
    }

    @Test
    void refusesNanAndTheInfinities() {
        for (Object n : new Object[] {Double.NaN, Double.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NaN}) {
            assertThatThrownBy(() -> JsonText.member(n, PLAIN_ONLY)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("NaN or Infinity");
        }
        assertThatThrownBy(() -> JsonText.member(List.of(1, Double.NaN), PLAIN_ONLY))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void writesListsMapsArraysBooleansAndNullInOrder() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("z", true);
        map.put("a", null);
        map.put("list", List.of("x", false));
        map.put("ints", new int[] {1, 2});
        map.put("strings", new String[] {"p", "q"});
        map.put("nested", Map.of("k", List.of()));

        assertThat(JsonText.write(map)).isEqualTo(
                "{\"z\":true,\"a\":null,\"list\":[\"x\",false],\"ints\":[1,2],\"strings\":[\"p\",\"q\"],"
                        + "\"nested\":{\"k\":[]}}");
        assertThat(JsonText.write(null)).isEqualTo("null");
        assertThat(JsonText.write(Map.of("quote\"key", 1))).isEqualTo("{\"quote\\\"key\":1}");
    }

    @Test
    void memberCopiesSoThatALaterChangeToTheOriginalCannotReachTheDocument() {
        List<Object> list = new ArrayList<>(List.of(1));
        int[] array = {1};
        Object copy = JsonText.member(List.of(list, array), PLAIN_ONLY);

        list.add(2);
        array[0] = 9;

        assertThat(JsonText.write(copy)).isEqualTo("[[1],[1]]");
    }

    @Test
    void putsACodecsTextInAsItIs() {
        assertThat(JsonText.write(List.of(new JsonText.Raw("{\"a\":1}")))).isEqualTo("[{\"a\":1}]");
    }

    @Test
    void anyOtherObjectGoesThroughTheEncoderIntoARawValue() {
        record Account(int balance) {
        }
        Object copy = JsonText.member(Map.of("account", new Account(30)), value -> "{\"balance\":30}");
        assertThat(JsonText.write(copy)).isEqualTo("{\"account\":{\"balance\":30}}");
        assertThatThrownBy(() -> JsonText.write(List.of(new Account(1)))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Not a plain JSON value");
    }

    @Test
    void refusesMapKeysThatAreNotStringsAndValuesThatContainThemselves() {
        assertThatThrownBy(() -> JsonText.member(Map.of(1, "one"), PLAIN_ONLY)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("keys are strings");
        List<Object> loop = new ArrayList<>();
        loop.add(loop);
        assertThatThrownBy(() -> JsonText.member(loop, PLAIN_ONLY)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("nested deeper than " + JsonText.MAX_DEPTH);
    }
}
