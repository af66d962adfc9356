package dev.pronto;

import dev.pronto.http.Statuses;
import dev.pronto.http.Tokens;
import dev.pronto.response.ResponseAccess;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An HTTP response: status, headers and body. Immutable, so one instance may be returned for many requests (the
 * engine then reuses its encoded head); every {@code with…} method returns a new response. The server adds
 * {@code Date}, {@code Content-Length} and {@code Connection} itself.
 */
public final class Response {
    private static final byte[] EMPTY = new byte[0];
    private static final String TEXT_PLAIN = "text/plain; charset=utf-8";
    private static final String OCTET_STREAM = "application/octet-stream";
    private static final String[] NO_HEADERS = new String[0];

    static {
        ResponseAccess.install(new Access());
    }

    private final int status;
    private final String contentType;
    private final String[] headers; // name, value, name, value …
    private final byte[] body;

    // Encoder cache (see ResponseAccess): the status line and fixed headers, rendered once this response is reused.
    private volatile byte[] encodedHead; // volatile: safely published to every loop that reuses it
    private boolean encodedOnce;

    private Response(int status, String contentType, String[] headers, byte[] body) {
        this.status = Status.requireFinal(status);
        this.contentType = contentType;
        this.headers = headers;
        this.body = body;
        if (body.length > 0 && !Statuses.permitsBody(status)) {
            throw new IllegalArgumentException("A " + status + " response has no body (RFC 9110 §15)");
        }
    }

    /**
     * A 200 response with a UTF-8 text body.
     *
     * @param text the body
     * @return a {@code text/plain; charset=utf-8} response
     */
    public static Response text(String text) {
        return text(Status.OK, text);
    }

    /**
     * A response with a UTF-8 text body.
     *
     * @param status the status code, 200–599
     * @param text   the body
     * @return a {@code text/plain; charset=utf-8} response
     * @throws IllegalArgumentException if the status is outside 200–599, or is 204 or 304 (which have no body)
     */
    public static Response text(int status, String text) {
        return new Response(status, TEXT_PLAIN, NO_HEADERS, text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * A 200 response with a binary body; the array is copied.
     *
     * @param body the body
     * @return an {@code application/octet-stream} response
     */
    public static Response bytes(byte[] body) {
        return new Response(Status.OK, OCTET_STREAM, NO_HEADERS, body.clone());
    }

    /**
     * A 200 response with a UTF-8 HTML body.
     *
     * @param html the body
     * @return a {@code text/html; charset=utf-8} response
     */
    public static Response html(String html) {
        return new Response(Status.OK, "text/html; charset=utf-8", NO_HEADERS, html.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * A 200 response with a text body in a given charset.
     *
     * @param text        the body
     * @param contentType the media type without charset, e.g. {@code text/csv}
     * @param charset     the charset to encode the text with, named in {@code Content-Type}
     * @return the response
     */
    public static Response text(String text, String contentType, java.nio.charset.Charset charset) {
        return new Response(Status.OK, checkValue(contentType) + "; charset=" + charset.name().toLowerCase(Locale.ROOT),
                NO_HEADERS, text.getBytes(charset));
    }

    /**
     * A 200 response with any object serialised as JSON. Needs a JSON module on the class or module path (such as
     * {@code pronto-json}).
     *
     * @param value the value: a record, bean, map, list, string, number…
     * @return an {@code application/json} response
     * @throws IllegalStateException if no JSON module is present
     * @throws IllegalArgumentException if the value cannot be serialised
     */
    public static Response json(Object value) {
        byte[] json;
        try {
            json = JsonCodec.get().write(value);
        } catch (IllegalStateException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalArgumentException("Cannot write " + value.getClass().getName() + " as JSON: "
                    + e.getMessage(), e);
        }
        return new Response(Status.OK, "application/json", NO_HEADERS, json);
    }

    /**
     * A redirect.
     *
     * @param status   301, 302, 303, 307 or 308
     * @param location the target URI, absolute or relative
     * @return a response with {@code Location} and no body
     * @throws IllegalArgumentException if the status is not a redirect or the location could inject a header
     */
    public static Response redirect(int status, String location) {
        if (status != 301 && status != 302 && status != 303 && status != 307 && status != 308) {
            throw new IllegalArgumentException("Not a redirect status: " + status);
        }
        return status(status).withHeader("Location", location);
    }

    /**
     * A 302 redirect ("Found"), which a browser follows with a GET.
     *
     * @param location the target URI, absolute or relative
     * @return a response with {@code Location} and no body
     */
    public static Response redirect(String location) {
        return redirect(Status.FOUND, location);
    }

    /**
     * A response with no body.
     *
     * @param status the status code, 200–599
     * @return a response with {@code Content-Length: 0} (none for 204 and 304)
     * @throws IllegalArgumentException if the status is outside 200–599: an informational (1xx) status is never a
     *                                  final response
     */
    public static Response status(int status) {
        return new Response(status, null, NO_HEADERS, EMPTY);
    }

    /**
     * This response with another status.
     *
     * @param status the status code, 200–599
     * @return a new response
     * @throws IllegalArgumentException if the status is outside 200–599, or has no body (204, 304) and this
     *                                  response has one
     */
    public Response withStatus(int status) {
        return new Response(status, contentType, headers, body);
    }

    /**
     * This response with another content type.
     *
     * @param contentType the media type, with parameters if any, e.g. {@code text/html; charset=utf-8}
     * @return a new response
     * @throws IllegalArgumentException if the value holds CR, LF or another control character
     */
    public Response withContentType(String contentType) {
        return new Response(status, checkValue(contentType), headers, body);
    }

    /**
     * This response with one more header field; a name may be repeated.
     *
     * @param name  a header name (a token); {@code Content-Length}, {@code Transfer-Encoding}, {@code Date},
     *              {@code Connection} and {@code Content-Type} are set by other means
     * @param value the value, without CR, LF or other control characters
     * @return a new response
     * @throws IllegalArgumentException if the name is not a token, is managed by the server, or the value could
     *                                  inject a header
     */
    public Response withHeader(String name, String value) {
        checkName(name);
        checkValue(value);
        String[] more = Arrays.copyOf(headers, headers.length + 2);
        more[headers.length] = name;
        more[headers.length + 1] = value;
        return new Response(status, contentType, more, body);
    }

    /**
     * This response with a {@code Set-Cookie} header; several cookies make several headers.
     *
     * @param cookie the cookie and its attributes
     * @return a new response
     */
    public Response withCookie(Cookie cookie) {
        return withHeader("Set-Cookie", cookie.headerValue());
    }

    /** @return the status code */
    public int status() {
        return status;
    }

    /** @return the content type, if any */
    public Optional<String> contentType() {
        return Optional.ofNullable(contentType);
    }

    /** @return the header fields added with {@link #withHeader}, in order */
    public List<Map.Entry<String, String>> headers() {
        List<Map.Entry<String, String>> list = new ArrayList<>(headers.length / 2);
        for (int i = 0; i < headers.length; i += 2) {
            list.add(Map.entry(headers[i], headers[i + 1]));
        }
        return List.copyOf(list);
    }

    /** @return a copy of the body */
    public byte[] body() {
        return body.clone();
    }

    /** @return the body's length in bytes */
    public int bodyLength() {
        return body.length;
    }

    @Override
    public String toString() {
        return "Response[" + status + ", " + body.length + " bytes]";
    }

    private static void checkName(String name) {
        Objects.requireNonNull(name, "name");
        if (!Tokens.isToken(name)) {
            throw new IllegalArgumentException("Not a valid header name: " + name);
        }
        // Compared without lower-casing a copy: withHeader is on the path of every response built per request.
        if (name.equalsIgnoreCase("Content-Length") || name.equalsIgnoreCase("Transfer-Encoding")
                || name.equalsIgnoreCase("Date") || name.equalsIgnoreCase("Connection")) {
            throw new IllegalArgumentException(name + " is set by the server");
        }
        if (name.equalsIgnoreCase("Content-Type")) {
            throw new IllegalArgumentException("Use withContentType for Content-Type");
        }
    }

    private static String checkValue(String value) {
        Objects.requireNonNull(value, "value");
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            // field-value, RFC 9110 §5.5: CR, LF, NUL and other controls (but HTAB) would break or inject framing.
            if ((c < 0x20 && c != '\t') || c == 0x7f || c > 0xff) {
                throw new IllegalArgumentException("Header value holds a forbidden character (code "
                        + (int) c + ") at index " + i);
            }
        }
        return value;
    }

    private static final class Access extends ResponseAccess {
        @Override
        protected int status(Response r) {
            return r.status;
        }

        @Override
        protected String contentType(Response r) {
            return r.contentType;
        }

        @Override
        protected String[] headers(Response r) {
            return r.headers;
        }

        @Override
        protected byte[] body(Response r) {
            return r.body;
        }

        @Override
        protected byte[] cachedHead(Response r) {
            return r.encodedHead;
        }

        @Override
        protected boolean markEncoded(Response r) {
            boolean before = r.encodedOnce;
            r.encodedOnce = true;
            return before;
        }

        @Override
        protected void cacheHead(Response r, byte[] head) {
            r.encodedHead = head;
        }
    }
}
