package dev.pronto.codec;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The core's own JSON text: RFC 8259 escaping, Java's numbers, and what it refuses. */
class JsonWriterTest {
    @Test
    void escapesTheQuotationMarkTheReverseSolidusAndEveryControlCharacter() {
        assertThat(JsonWriter.write("say \"hi\"")).isEqualTo("\"say \\\"hi\\\"\"");
        assertThat(JsonWriter.write("C:\\temp")).isEqualTo("\"C:\\\\temp\"");
        assertThat(JsonWriter.write("a\nb\rc\td\be\ff")).isEqualTo("\"a\\nb\\rc\\td\\be\\ff\"");
        assertThat(JsonWriter.write("\u0000\u0001\u001f")).isEqualTo("\"\\u0000\\u0001\\u001f\"");
        for (char c = 0; c < 0x20; c++) {
            assertThat(JsonWriter.write(String.valueOf(c))).as("U+%04X", (int) c).startsWith("\"\\").hasSizeLessThan(9);
        }
        // RFC 8259 §7 requires no other escape: DEL, the solidus and U+2028 stay as they are.
        assertThat(JsonWriter.write("\u007f/\u2028")).isEqualTo("\"\u007f/\u2028\"");
    }

    @Test
    void keepsNonAsciiCharactersAsTheyAreSoThatTheyLeaveAsUtf8() {
        String text = JsonWriter.write("Grüße, 東京, 😀");

        assertThat(text).isEqualTo("\"Grüße, 東京, 😀\"");
        assertThat(text.getBytes(StandardCharsets.UTF_8)).contains(0xF0, 0x9F, 0x98, 0x80); // U+1F600 in UTF-8
    }

    @Test
    void escapesALoneSurrogateWhichHasNoUtf8Form() {
        assertThat(JsonWriter.write("a\ud800b")).isEqualTo("\"a\\ud800b\"");
        assertThat(JsonWriter.write("\udc00")).isEqualTo("\"\\udc00\"");
        assertThat(JsonWriter.write("x\ud83d")).isEqualTo("\"x\\ud83d\"");
    }

    @Test
    void writesNumbersAsJavaPrintsThem() {
        assertThat(JsonWriter.write(List.of(30, -7L, (short) 2, (byte) 1, 1.5, 2.5f, 1e20, -0.0)))
                .isEqualTo("[30,-7,2,1,1.5,2.5,1.0E20,-0.0]");
        assertThat(JsonWriter.write(List.of(new BigInteger("123456789012345678901234567890"), new BigDecimal("1E+3"))))
                .isEqualTo("[123456789012345678901234567890,1E+3]");
    }

    @Test
    void refusesNanAndTheInfinities() {
        for (Object n : new Object[] {Double.NaN, Double.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NaN}) {
            assertThatThrownBy(() -> JsonWriter.member(n)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("NaN or Infinity");
        }
        assertThatThrownBy(() -> JsonWriter.member(List.of(1, Double.NaN)))
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

        assertThat(JsonWriter.write(map)).isEqualTo(
                "{\"z\":true,\"a\":null,\"list\":[\"x\",false],\"ints\":[1,2],\"strings\":[\"p\",\"q\"],"
                        + "\"nested\":{\"k\":[]}}");
        assertThat(JsonWriter.write(null)).isEqualTo("null");
        assertThat(JsonWriter.write(Map.of("quote\"key", 1))).isEqualTo("{\"quote\\\"key\":1}");
    }

    @Test
    void memberCopiesSoThatALaterChangeToTheOriginalCannotReachTheDocument() {
        List<Object> list = new ArrayList<>(List.of(1));
        int[] array = {1};
        Object copy = JsonWriter.member(List.of(list, array));

        list.add(2);
        array[0] = 9;

        assertThat(JsonWriter.write(copy)).isEqualTo("[[1],[1]]");
    }

    @Test
    void putsACodecsTextInAsItIs() {
        assertThat(JsonWriter.write(List.of(new JsonWriter.Raw("{\"a\":1}")))).isEqualTo("[{\"a\":1}]");
    }

    @Test
    void refusesOtherObjectsWithoutAJsonModuleAndNamesWhatWouldDo() {
        record Account(int balance) {
        }
        for (Object value : new Object[] {new Account(30), List.of(new Account(1)), Map.of("a", new Object())}) {
            assertThatThrownBy(() -> JsonWriter.member(value)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("pronto-json").hasMessageContaining("String, Number, Boolean");
        }
    }

    @Test
    void refusesMapKeysThatAreNotStringsAndValuesThatContainThemselves() {
        assertThatThrownBy(() -> JsonWriter.member(Map.of(1, "one"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("keys are strings");
        List<Object> loop = new ArrayList<>();
        loop.add(loop);
        assertThatThrownBy(() -> JsonWriter.member(loop)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("nested deeper than " + JsonWriter.MAX_DEPTH);
    }
}
