package dev.pronto;

import java.util.Objects;
import java.util.function.Function;

/**
 * A typed, request-scoped value computed on first use and kept for the rest of the request: the current user, a
 * parsed session, a database handle. Declare one as a constant and read it with {@link Request#get(Extension)}.
 *
 * <pre>{@code
 * static final Extension<String> USER = Extension.of(request ->
 *         request.header("X-User").orElse("anonymous"));
 *
 * app.get("/me", request -> Response.text("Hello " + request.get(USER)));
 * }</pre>
 *
 * @param <T> the value type
 */
public final class Extension<T> {
    private final Function<? super Request, ? extends T> compute;

    private Extension(Function<? super Request, ? extends T> compute) {
        this.compute = compute;
    }

    /**
     * Declares an extension.
     *
     * @param compute computes the value from a request; called at most once per request
     * @param <T>     the value type
     * @return the extension, a key compared by identity
     */
    public static <T> Extension<T> of(Function<? super Request, ? extends T> compute) {
        return new Extension<>(Objects.requireNonNull(compute, "compute"));
    }

    /**
     * Computes the value for a request; {@link Request#get(Extension)} calls this once and keeps the result.
     *
     * @param request the request
     * @return the value
     */
    public T compute(Request request) {
        return compute.apply(request);
    }
}
