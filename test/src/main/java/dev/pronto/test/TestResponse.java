package dev.pronto.test;

import dev.pronto.JsonCodec;

import java.lang.reflect.Type;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A response as the client received it: status, header fields and the whole body. Header names compare without
 * regard to case (RFC 9110 §5.1).
 */
public final class TestResponse {
    private final int status;
    private final Map<String, List<String>> headers;
    private final byte[] body;

    TestResponse(int status, Map<String, List<String>> headers, byte[] body) {
        this.status = status;
        TreeMap<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((name, values) -> copy.computeIfAbsent(name, n -> new ArrayList<>()).addAll(values));
        copy.replaceAll((name, values) -> List.copyOf(values));
        this.headers = Collections.unmodifiableMap(copy);
        this.body = body;
    }

    /** @return the status code, such as {@code 200} */
    public int status() {
        return status;
    }

    /**
     * Returns the first value of a header field.
     *
     * @param name the field name, in any case
     * @return its first value, or empty if the response has no such field
     */
    public Optional<String> header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /**
     * Returns every value of a header field, in the order received.
     *
     * @param name the field name, in any case
     * @return its values; empty if the response has no such field
     */
    public List<String> headers(String name) {
        return headers.getOrDefault(name, List.of());
    }

    /** @return every header field, names compared without regard to case, values in the order received */
    public Map<String, List<String>> headers() {
        return headers;
    }

    /** @return the body decoded with the charset of its {@code Content-Type}, UTF-8 when it names none */
    public String text() {
        return new String(body, charset());
    }

    /** @return a copy of the body's bytes; empty when there is none */
    public byte[] bytes() {
        return body.clone();
    }

    /**
     * Reads the body as JSON through the {@link JsonCodec} on the class or module path (the {@code pronto-json}
     * module, say).
     *
     * @param type the class to read
     * @param <T>  the type read
     * @return the value
     * @throws IllegalStateException if no codec is present or the body is not JSON of that type
     */
    public <T> T json(Class<T> type) {
        return type.cast(readJson(type));
    }

    /**
     * Reads the body as JSON of a generic type, such as the {@code Type} of a {@code List<Todo>}.
     *
     * @param type the type to read
     * @param <T>  the type read, unchecked
     * @return the value
     * @throws IllegalStateException if no codec is present or the body is not JSON of that type
     */
    @SuppressWarnings("unchecked")
    public <T> T json(Type type) {
        return (T) readJson(type);
    }

    private Object readJson(Type type) {
        try {
            return JsonCodec.get().read(body, 0, body.length, type);
        } catch (IllegalStateException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("The body is not JSON of " + type.getTypeName() + ": " + text(), e);
        }
    }

    private Charset charset() {
        // RFC 9110 §8.3.1: media-type parameters are name=value pairs after ';', the name case-insensitive.
        for (String param : header("content-type").orElse("").split(";")) {
            String p = param.strip();
            if (p.toLowerCase(Locale.ROOT).startsWith("charset=")) {
                String name = p.substring("charset=".length()).replace("\"", "");
                try {
                    return Charset.forName(name);
                } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
                    return StandardCharsets.UTF_8;
                }
            }
        }
        return StandardCharsets.UTF_8;
    }

    /** @return the status line's gist and the header fields, for assertion messages */
    @Override
    public String toString() {
        return "TestResponse[" + status + " " + headers + ", " + body.length + " bytes]";
    }
}
