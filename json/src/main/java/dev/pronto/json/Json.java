package dev.pronto.json;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pronto.Request;
import dev.pronto.Response;

import java.util.Objects;

/**
 * Typed JSON reads and JSON responses with a status, over the shared Jackson {@link ObjectMapper}.
 *
 * <pre>{@code
 * record Todo(String title, boolean done) {}
 *
 * app.post("/todos", request -> {
 *     Todo todo = Json.read(request, Todo.class);           // 400 "Invalid JSON body: …" when it does not fit
 *     return Json.response(201, todos.add(todo));
 * });
 * app.post("/todos/batch", request -> {
 *     List<Todo> batch = Json.read(request, new TypeReference<List<Todo>>() {});
 *     return Json.response(todos.addAll(batch));
 * });
 * }</pre>
 *
 * <p>Reads and writes go through the core's {@code Request.json} and {@code Response.json}, whose codec (found by
 * {@link java.util.ServiceLoader}) is a {@link JacksonCodec} over {@link #mapper()}. To change how JSON is mapped,
 * configure {@link #mapper()} once at start-up, before the server takes requests.
 */
public final class Json {
    private static final ObjectMapper MAPPER = JacksonCodec.newMapper();

    private Json() {
    }

    /**
     * A 200 response with a value serialised as JSON.
     *
     * @param value a record, bean, map, list, string, number…
     * @return an {@code application/json} response
     * @throws IllegalArgumentException if the value cannot be serialised
     */
    public static Response response(Object value) {
        return Response.json(Objects.requireNonNull(value, "value"));
    }

    /**
     * A response with a status and a value serialised as JSON.
     *
     * @param status the status code, 200–599, one that permits a body (not 204 or 304)
     * @param value  a record, bean, map, list, string, number…
     * @return an {@code application/json} response
     * @throws IllegalArgumentException if the value cannot be serialised or the status has no body
     */
    public static Response response(int status, Object value) {
        return response(value).withStatus(status);
    }

    /**
     * Reads the request body as JSON.
     *
     * @param request the request
     * @param type    the class to read
     * @param <T>     the result type
     * @return the value, never {@code null}
     * @throws dev.pronto.UnsupportedMediaTypeException 415 if its {@code Content-Type} is not JSON (see
     *         {@link Request#json})
     * @throws dev.pronto.HttpException 400 if the body is not one JSON value of the type
     */
    public static <T> T read(Request request, Class<T> type) {
        return request.json(type);
    }

    /**
     * Reads the request body as JSON of a generic type, such as {@code new TypeReference<List<Todo>>() {}}.
     *
     * @param request the request
     * @param type    the generic type to read
     * @param <T>     the result type
     * @return the value, never {@code null}
     * @throws dev.pronto.UnsupportedMediaTypeException 415 if its {@code Content-Type} is not JSON (see
     *         {@link Request#json})
     * @throws dev.pronto.HttpException 400 if the body is not one JSON value of the type
     */
    public static <T> T read(Request request, TypeReference<T> type) {
        return request.json(type.getType());
    }

    /**
     * Returns the mapper that the service-loaded codec and this facade use. Configure it only at start-up: Jackson
     * mappers are safe to share once configured, not while being configured.
     *
     * @return the shared mapper
     */
    public static ObjectMapper mapper() {
        return MAPPER;
    }
}
