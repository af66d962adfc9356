package dev.pronto;

import java.lang.reflect.Type;
import java.net.InetSocketAddress;
import java.nio.charset.Charset;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * An HTTP request, lazy: nothing is turned into a {@code String}, map or list until asked, and what is asked is kept.
 * <p>
 * <b>Lifetime.</b> A request handed to a plain {@link Handler} is valid only on the event loop, while its dispatch
 * runs (before filters, the handler, error handlers, after filters): the engine reuses it for the next request on
 * the connection as soon as that is over. Used later, or from another thread, every method throws an
 * {@link IllegalStateException} that says so ({@code toString} excepted). One handed to an asynchronous or blocking
 * handler ({@link Handler#async}, {@link Handler#blocking}) is a private copy, valid on any thread until the response
 * has been sent. Copy out what you need to keep longer (the returned strings, lists and maps are immutable and may
 * be kept).
 * <p>
 * Not thread-safe: use a request from one thread at a time.
 * <p>
 * <b>Typed parameters.</b> {@link #pathParam(String, Class)} and {@link Params#get(String, Class)} convert text to
 * {@code int}, {@code long}, {@code boolean}, {@code UUID} or an enum, a value that does not convert being a 400 that
 * names the parameter (see {@link Params}).
 */
public interface Request {
    /** @return the method */
    Method method();

    /** @return the request target exactly as sent, e.g. {@code /users/42?full=1} */
    String target();

    /**
     * Returns the path of the target, without the query, as sent (not percent-decoded). An absolute-form target
     * without a path ({@code http://example.com}) and an authority-form one ({@code CONNECT host:443}) have the path
     * {@code /} (RFC 9112 §3.2.2).
     *
     * @return the path, never empty
     */
    String path();

    /** @return the query string after {@code ?}, as sent; empty when the target has no {@code ?} */
    Optional<String> query();

    /** @return {@code "HTTP/1.1"} or {@code "HTTP/1.0"} */
    String version();

    /**
     * Returns the first value of a header field.
     *
     * @param name the field name, matched case-insensitively
     * @return the value, trimmed of surrounding whitespace, if the field is present
     */
    Optional<String> header(String name);

    /**
     * Returns every value of a header field, in order.
     *
     * @param name the field name, matched case-insensitively
     * @return the values, empty when the field is absent
     */
    List<String> headers(String name);

    /** @return the names of all header fields, in order, repeated names repeated */
    List<String> headerNames();

    /** @return the body, de-chunked; empty when there is none */
    byte[] body();

    /** @return the body's length in bytes */
    int bodyLength();

    /** @return whether the connection stays open after this request's response (RFC 9112 §9.3) */
    boolean keepAlive();

    /** @return the client's address */
    InetSocketAddress remoteAddress();

    // ---- framework views, computed on first use ----

    /**
     * Returns the query parameters, percent-decoded ({@code +} is a space), multi-valued, in order.
     *
     * @return the parameters, empty when there is no query
     * @throws HttpException 400 if the query holds an invalid percent-escape
     */
    Params queryParams();

    /**
     * Returns a placeholder's value from the matched route, percent-decoded. A tail parameter's value is the rest of
     * the path, each segment decoded on its own and joined with {@code /} ({@code a/b/c.txt} for
     * {@code /files/{path...}} on {@code /files/a/b/c.txt}), so it cannot tell an encoded {@code a%2Fb} from
     * {@code a/b}: {@link #path()} has the raw form.
     *
     * @param name the placeholder's name, as in {@code /users/{id}} or {@code /files/{path...}}
     * @return the value
     * @throws IllegalArgumentException if the matched route has no such placeholder
     */
    String pathParam(String name);

    /**
     * Returns a placeholder's value from the matched route, converted to a type the way {@link Params} converts
     * ({@code String}, {@code int}, {@code long}, {@code boolean}, {@code UUID}, any enum; see {@link Params}):
     * {@code request.pathParam("id", UUID.class)}.
     *
     * @param name the placeholder's name, as in {@code /users/{id}}
     * @param type the type, as for {@link Params#get(String, Class)}
     * @param <T>  the type, boxed for a primitive class
     * @return the value
     * @throws HttpException 400 if the value does not convert ({@code Path parameter 'id' must be a UUID, got "x"})
     * @throws IllegalArgumentException if the route has no such placeholder, or the type is not supported
     */
    default <T> T pathParam(String name, Class<T> type) {
        ParamConverter.requireSupported(Objects.requireNonNull(type, "type"));
        return ParamConverter.convert("Path parameter", name, pathParam(name), type);
    }

    /** @return every placeholder of the matched route and its value, in pattern order; empty when none */
    Map<String, String> pathParams();

    /** @return the pattern of the matched route, e.g. {@code /users/{id}}; empty when no route matched */
    Optional<String> route();

    /**
     * Returns all header fields as a map: names case-insensitive (as given by the client), values in order.
     *
     * @return an immutable, case-insensitive map of every field
     */
    Map<String, List<String>> headerMap();

    /**
     * Returns the body as text, decoded with the {@code charset} of {@code Content-Type}, UTF-8 when there is none.
     *
     * @return the text; empty when there is no body
     */
    String text();

    /**
     * Returns the form fields of an {@code application/x-www-form-urlencoded} or {@code multipart/form-data} body.
     *
     * @return the fields (files excluded); empty for other content types
     * @throws HttpException 400 for a malformed body, 413 past the multipart limits
     */
    Params form();

    /**
     * Returns the files uploaded in a {@code multipart/form-data} body, in order.
     *
     * @return the files; empty for other content types
     * @throws HttpException 400 for a malformed body, 413 past the multipart limits
     */
    List<FilePart> files();

    /**
     * Parses the body as JSON. Needs a JSON module on the class or module path (such as {@code pronto-json}). The
     * body must say it is JSON: {@code Content-Type} {@code application/json} or any {@code +json} type (such as
     * {@code application/problem+json}), in any case, whatever its parameters; anything else, or no
     * {@code Content-Type}, is refused before the body is parsed.
     *
     * @param type the class or generic type to read
     * @param <T>  the result type
     * @return the value
     * @throws UnsupportedMediaTypeException 415, with {@code Accept: application/json}, if the body is not said to be
     *         JSON
     * @throws HttpException 400 if the body is not valid JSON for the type
     * @throws IllegalStateException if no JSON module is present
     */
    <T> T json(Type type);

    /** @return the media type of {@code Content-Type}, lower case without parameters, e.g. {@code text/html} */
    Optional<String> mimeType();

    /** @return the charset named by {@code Content-Type}, when present and supported */
    Optional<Charset> charset();

    /** @return the cookies of the {@code Cookie} header(s), by name (the first of a repeated name) */
    Map<String, String> cookies();

    /**
     * Returns one cookie.
     *
     * @param name the cookie's name (case-sensitive)
     * @return its value, if sent
     */
    default Optional<String> cookie(String name) {
        return Optional.ofNullable(cookies().get(name));
    }

    /**
     * Returns the host the request is for: from an absolute-form target ({@code GET http://host:port/path}) when
     * there is one, else from the {@code Host} header (RFC 9112 §3.2.2).
     *
     * @return the host name, lower case, without port (brackets of an IPv6 literal removed); empty when none was sent
     * @throws HttpException 400 if the host is malformed
     */
    Optional<String> hostName();

    /**
     * Returns the port the request is for, from the same place as {@link #hostName()}.
     *
     * @return the port, when the authority names one
     * @throws HttpException 400 if the port is malformed
     */
    OptionalInt hostPort();

    /**
     * Returns a request-scoped extension value, computing it on first use for this request. Computing it must not
     * depend on anything but the request.
     *
     * @param extension the extension
     * @param <T>       its value type
     * @return the value (computed once per request)
     */
    <T> T get(Extension<T> extension);

    /**
     * Registers a callback run once this request's response has been handed to the network, or the connection has
     * dropped before that; the response is the one the client got, the engine's 503 for a handler that timed out
     * included. It runs on the event loop: keep it short, and never block in it. Registered once the request is over
     * (by a handler still running after its timeout, say), it runs at once, on the thread that registers it. A plain
     * handler's request is no longer valid when the callback runs: read what the callback needs before registering.
     *
     * @param callback receives {@code true} when the response was written, {@code false} when it was not
     */
    void onComplete(CompletionCallback callback);

    /** A callback run when a request is over; see {@link #onComplete}. */
    @FunctionalInterface
    interface CompletionCallback {
        /**
         * Called once per registration.
         *
         * @param delivered {@code true} when the response was written, {@code false} when the connection dropped
         */
        void completed(boolean delivered);
    }
}
