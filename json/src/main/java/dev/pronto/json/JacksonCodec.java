package dev.pronto.json;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.pronto.JsonCodec;

import java.io.IOException;
import java.lang.reflect.Type;
import java.util.List;
import java.util.Objects;

/**
 * The {@link JsonCodec} that {@link java.util.ServiceLoader} finds for {@code Request.json} and
 * {@code Response.json}, reading and writing with Jackson. The loaded instance uses {@link Json#mapper()}.
 *
 * <p>Reading is strict: unknown fields, trailing data after the value, an empty body and a top-level {@code null}
 * are errors. A failed read throws {@link IllegalArgumentException} with a short message that is safe to show a
 * client (the core answers it as {@code 400 Invalid JSON body: …}): what went wrong and where, as a line and column or
 * a path such as {@code $.items[2].title}, never a Java class name. The one exception is validation: when a record's
 * constructor throws {@code IllegalArgumentException}, its message is passed on.
 */
public final class JacksonCodec implements JsonCodec {
    /** Longest field name or map key quoted in an error message; the name comes from the client. */
    private static final int MAX_NAME = 40;

    private final ObjectMapper mapper;

    /** Creates the codec over the shared {@link Json#mapper()}; {@link java.util.ServiceLoader} calls this one. */
    public JacksonCodec() {
        this(Json.mapper());
    }

    /**
     * Creates a codec over a mapper of your own.
     *
     * @param mapper a configured mapper; it should not be reconfigured once the codec is in use
     */
    public JacksonCodec(ObjectMapper mapper) {
        this.mapper = Objects.requireNonNull(mapper, "mapper");
    }

    /**
     * Creates a mapper with Pronto's defaults: {@code java.time} values and durations as ISO-8601 strings, offsets
     * kept as sent, {@code Optional} supported, unknown fields and trailing tokens rejected.
     */
    static ObjectMapper newMapper() {
        return JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .addModule(new Jdk8Module())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
                // An OffsetDateTime read as 10:00+02:00 stays so, instead of being shifted to UTC.
                .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
                // Jackson's default, stated: a misspelt field is an error, not a silently missing value.
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                // Jackson stops after the first value by default, so `{"a":1} junk` would be accepted.
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .build();
    }

    /**
     * Parses JSON into a value of a class or generic type.
     *
     * @param json   UTF-8 bytes
     * @param offset the first byte
     * @param length the number of bytes
     * @param type   the class or generic type to read
     * @return the value, never {@code null}
     * @throws IllegalArgumentException if the bytes are not one JSON value of the type; the message is short and
     *                                  safe to show a client
     */
    @Override
    public Object read(byte[] json, int offset, int length, Type type) {
        Objects.checkFromIndexSize(offset, length, json.length);
        if (isBlank(json, offset, length)) {
            throw new IllegalArgumentException("empty body");
        }
        Object value;
        try {
            value = mapper.readValue(json, offset, length, mapper.getTypeFactory().constructType(type));
        } catch (JacksonException e) {
            throw new IllegalArgumentException(describe(e), e);
        } catch (IOException e) { // not thrown for an in-memory array, but declared
            throw new IllegalArgumentException("unreadable JSON", e);
        }
        if (value == null) {
            throw new IllegalArgumentException("null where a value is expected");
        }
        return value;
    }

    /**
     * Serialises a value; {@code null} is written as JSON's {@code null}.
     *
     * @param value a record, bean, map, list, string, number, {@code java.time} value…
     * @return UTF-8 JSON
     * @throws IllegalArgumentException if Jackson cannot serialise the value
     */
    @Override
    public byte[] write(Object value) {
        try {
            return mapper.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e.getOriginalMessage(), e);
        }
    }

    private static boolean isBlank(byte[] json, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            byte b = json[i];
            if (b != ' ' && b != '\t' && b != '\n' && b != '\r') { // JSON's whitespace, RFC 8259 §2
                return false;
            }
        }
        return true;
    }

    /** A short client-facing message: Jackson's own ones name Java classes and echo input at length. */
    private static String describe(JacksonException e) {
        // A parse error met while binding a field comes wrapped with the field's path; the parse error says more.
        while (e instanceof JsonMappingException && e.getCause() instanceof JacksonException cause) {
            e = cause;
        }
        return switch (e) {
            case StreamConstraintsException c -> "JSON exceeds a nesting or size limit";
            case StreamReadException r -> "malformed JSON" + at(r.getLocation());
            case UnrecognizedPropertyException u -> "unknown field" + in(u.getPath());
            case ValueInstantiationException v when v.getCause() instanceof IllegalArgumentException iae
                    && iae.getMessage() != null -> "invalid value" + in(v.getPath()) + ": " + firstLine(iae.getMessage());
            case JsonMappingException m when !m.getPath().isEmpty() -> "unexpected value" + in(m.getPath());
            case JsonMappingException m -> "unexpected JSON" + at(m.getLocation());
            default -> "unreadable JSON";
        };
    }

    private static String at(JsonLocation location) {
        if (location == null || location.getLineNr() < 1) {
            return "";
        }
        return " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    /** Renders a Jackson path as {@code at $.field[index]…}. */
    private static String in(List<JsonMappingException.Reference> path) {
        StringBuilder sb = new StringBuilder(" at $");
        for (JsonMappingException.Reference ref : path) {
            if (ref.getFieldName() != null) {
                sb.append('.').append(clip(ref.getFieldName()));
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    private static String clip(String name) {
        return name.length() <= MAX_NAME ? name : name.substring(0, MAX_NAME) + "…";
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
