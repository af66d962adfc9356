package dev.pronto.json;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JacksonCodecTest {
    record Todo(String title, boolean done) {
    }

    record Project(String name, List<Todo> todos, Map<String, Integer> labels) {
    }

    record Event(Instant at, LocalDate day, OffsetDateTime local, Duration took) {
    }

    record Contact(String name, Optional<String> email) {
    }

    record Page<T>(List<T> items, int total) {
    }

    record Range(int from, int to) {
        Range {
            if (from > to) {
                throw new IllegalArgumentException("from must not exceed to");
            }
        }
    }

    private final JacksonCodec codec = new JacksonCodec();

    private Object read(String json, java.lang.reflect.Type type) {
        byte[] b = json.getBytes(StandardCharsets.UTF_8);
        return codec.read(b, 0, b.length, type);
    }

    private String write(Object value) {
        return new String(codec.write(value), StandardCharsets.UTF_8);
    }

    private static String readError(JacksonCodec codec, String json, java.lang.reflect.Type type) {
        byte[] b = json.getBytes(StandardCharsets.UTF_8);
        try {
            codec.read(b, 0, b.length, type);
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
        throw new AssertionError("read " + json + " without error");
    }

    private String readError(String json, java.lang.reflect.Type type) {
        return readError(codec, json, type);
    }

    @Test
    void roundTripsNestedRecords() {
        Project p = new Project("home", List.of(new Todo("milk", false), new Todo("bread", true)), Map.of("urgent", 2));
        String json = write(p);
        assertThat(json).isEqualTo(
                "{\"name\":\"home\",\"todos\":[{\"title\":\"milk\",\"done\":false},{\"title\":\"bread\",\"done\":true}],"
                        + "\"labels\":{\"urgent\":2}}");
        assertThat(read(json, Project.class)).isEqualTo(p);
    }

    @Test
    void readsUntypedJsonAsMapsAndLists() {
        Object value = read("{\"a\":[1,2.5,\"x\",null,true],\"b\":{}}", Object.class);
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("a", java.util.Arrays.asList(1, 2.5, "x", null, true));
        expected.put("b", Map.of());
        assertThat(value).isEqualTo(expected);
        assertThat(write(expected)).isEqualTo("{\"a\":[1,2.5,\"x\",null,true],\"b\":{}}");
    }

    @Test
    void readsGenericTypesGivenAsReflectedTypes() {
        Object todos = read("[{\"title\":\"a\",\"done\":true}]", new TypeReference<List<Todo>>() { }.getType());
        assertThat(todos).isEqualTo(List.of(new Todo("a", true)));

        Object page = read("{\"items\":[{\"title\":\"b\",\"done\":false}],\"total\":7}",
                new TypeReference<Page<Todo>>() { }.getType());
        assertThat(page).isEqualTo(new Page<>(List.of(new Todo("b", false)), 7));

        Object byName = read("{\"x\":{\"title\":\"c\",\"done\":false}}",
                new TypeReference<Map<String, Todo>>() { }.getType());
        assertThat(byName).isEqualTo(Map.of("x", new Todo("c", false)));
    }

    @Test
    void writesJavaTimeAsIsoStringsAndKeepsOffsetsWhenReading() {
        Event e = new Event(Instant.parse("2025-03-01T12:30:00Z"), LocalDate.of(2025, 3, 1),
                OffsetDateTime.of(2025, 3, 1, 10, 0, 0, 0, ZoneOffset.ofHours(2)), Duration.ofSeconds(90));
        String json = write(e);
        assertThat(json).isEqualTo("{\"at\":\"2025-03-01T12:30:00Z\",\"day\":\"2025-03-01\","
                + "\"local\":\"2025-03-01T10:00:00+02:00\",\"took\":\"PT1M30S\"}");
        assertThat(read(json, Event.class)).isEqualTo(e);
    }

    @Test
    void readsAndWritesOptionalFields() {
        assertThat(write(new Contact("a", Optional.of("a@example.com")))).isEqualTo("{\"name\":\"a\",\"email\":\"a@example.com\"}");
        assertThat(write(new Contact("b", Optional.empty()))).isEqualTo("{\"name\":\"b\",\"email\":null}");
        assertThat(read("{\"name\":\"c\"}", Contact.class)).isEqualTo(new Contact("c", Optional.empty()));
    }

    @Test
    void readsOnlyTheGivenSliceOfTheArray() {
        byte[] b = "xx{\"title\":\"t\",\"done\":true}yy".getBytes(StandardCharsets.UTF_8);
        assertThat(codec.read(b, 2, b.length - 4, Todo.class)).isEqualTo(new Todo("t", true));
        assertThatThrownBy(() -> codec.read(b, 2, b.length, Todo.class)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void rejectsMalformedJsonWithLineAndColumn() {
        assertThat(readError("{\"title\": tru}", Todo.class)).startsWith("malformed JSON at line 1, column ");
        assertThat(readError("{\n\"title\": \"x\",\n}", Todo.class)).startsWith("malformed JSON at line 3, column ");
        assertThat(readError("{\"title\": \"x\"", Todo.class)).startsWith("malformed JSON at line 1");
        assertThat(readError("{\"title\": \"unterminated", Todo.class)).startsWith("malformed JSON at line 1");
    }

    @Test
    void rejectsTrailingDataAfterTheValue() {
        assertThat(readError("{\"title\":\"x\",\"done\":true} {}", Todo.class)).startsWith("unexpected JSON at line 1");
        assertThat(readError("[1] 2", List.class)).startsWith("unexpected JSON");
    }

    @Test
    void rejectsAnEmptyBodyAndATopLevelNull() {
        assertThat(readError("", Todo.class)).isEqualTo("empty body");
        assertThat(readError(" \r\n\t", Todo.class)).isEqualTo("empty body");
        assertThat(readError("null", Todo.class)).isEqualTo("null where a value is expected");
    }

    @Test
    void rejectsUnknownFieldsNamingThem() {
        assertThat(readError("{\"title\":\"x\",\"colour\":\"red\"}", Todo.class)).isEqualTo("unknown field at $.colour");
        assertThat(readError("[{\"title\":\"x\"},{\"titel\":\"y\"}]", new TypeReference<List<Todo>>() { }.getType()))
                .isEqualTo("unknown field at $[1].titel");
        String longName = "n".repeat(500);
        assertThat(readError("{\"" + longName + "\":1}", Todo.class)).isEqualTo("unknown field at $." + "n".repeat(40) + "…");
    }

    @Test
    void reportsValuesOfTheWrongTypeByPathWithoutNamingJavaClasses() {
        String message = readError("{\"name\":\"p\",\"todos\":[{\"title\":\"a\",\"done\":\"maybe\"}]}", Project.class);
        assertThat(message).isEqualTo("unexpected value at $.todos[0].done");
        assertThat(readError("{\"at\":\"yesterday\"}", Event.class)).isEqualTo("unexpected value at $.at");
        assertThat(readError("[1]", Todo.class)).startsWith("unexpected JSON at line 1").doesNotContain("dev.pronto", "Todo");
    }

    @Test
    void passesOnTheMessageOfARecordsValidation() {
        assertThat(readError("{\"from\":3,\"to\":1}", Range.class)).isEqualTo("invalid value at $: from must not exceed to");
    }

    @Test
    void rejectsDocumentsPastJacksonsNestingLimit() {
        assertThat(readError("[".repeat(2_000) + "]".repeat(2_000), Object.class))
                .isEqualTo("JSON exceeds a nesting or size limit");
    }

    @Test
    void wrapsWriteFailuresInIllegalArgumentException() {
        assertThatThrownBy(() -> codec.write(new Object())).isInstanceOf(IllegalArgumentException.class);
        assertThat(write(null)).isEqualTo("null");
    }

    @Test
    void usesTheMapperItIsGiven() {
        ObjectMapper lenient = Json.mapper().copy().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        JacksonCodec custom = new JacksonCodec(lenient);
        byte[] b = "{\"title\":\"x\",\"colour\":\"red\"}".getBytes(StandardCharsets.UTF_8);
        assertThat(custom.read(b, 0, b.length, Todo.class)).isEqualTo(new Todo("x", false));
        assertThat(readError(codec, "{\"title\":\"x\",\"colour\":\"red\"}", Todo.class)).startsWith("unknown field");
    }
}
