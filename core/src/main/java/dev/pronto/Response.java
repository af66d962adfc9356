package dev.pronto;

import dev.pronto.http.Statuses;
import dev.pronto.http.Tokens;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.AbstractList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.RandomAccess;
import java.util.concurrent.ThreadLocalRandom;

/**
 * An HTTP response: status, headers and body. Immutable, so one instance may be returned for many requests (the
 * engine then reuses its encoded head); every {@code with…} method returns a new response. The server adds
 * {@code Date}, {@code Content-Length} and {@code Connection} itself. A response equals only itself.
 */
public final class Response {
    // Constant Optionals for the factories' content types, so that contentType() never allocates.
    private static final Optional<String> TEXT_PLAIN = Optional.of("text/plain; charset=utf-8");
    private static final Optional<String> TEXT_HTML = Optional.of("text/html; charset=utf-8");
    private static final Optional<String> JSON = Optional.of("application/json");
    private static final Optional<String> OCTET_STREAM = Optional.of("application/octet-stream");

    private final int status;
    private final Optional<String> contentType;
    private final Fields headers;
    private final Body body;
    private final int hash;

    private Response(int status, Optional<String> contentType, Fields headers, Body body) {
        this.status = Status.requireFinal(status);
        this.contentType = contentType;
        this.headers = headers;
        this.body = body;
        if (length(body) > 0 && !Statuses.permitsBody(status)) {
            throw new IllegalArgumentException("A " + status + " response has no body (RFC 9110 §15)");
        }
        // Drawn, not System.identityHashCode: that installs a hash in the object header by a call into the VM the
        // first time, which a response built per request would pay when the engine looks its head up.
        this.hash = ThreadLocalRandom.current().nextInt();
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
        return new Response(status, TEXT_PLAIN, Fields.NONE, new Body.Bytes(text.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * A 200 response with a binary body; the array is copied.
     *
     * @param body the body
     * @return an {@code application/octet-stream} response
     */
    public static Response bytes(byte[] body) {
        return new Response(Status.OK, OCTET_STREAM, Fields.NONE, new Body.Bytes(body.clone()));
    }

    /**
     * A 200 response with a UTF-8 HTML body.
     *
     * @param html the body
     * @return a {@code text/html; charset=utf-8} response
     */
    public static Response html(String html) {
        return new Response(Status.OK, TEXT_HTML, Fields.NONE, new Body.Bytes(html.getBytes(StandardCharsets.UTF_8)));
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
        return new Response(Status.OK,
                Optional.of(checkValue(contentType) + "; charset=" + charset.name().toLowerCase(Locale.ROOT)),
                Fields.NONE, new Body.Bytes(text.getBytes(charset)));
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
        return new Response(Status.OK, JSON, Fields.NONE, new Body.Bytes(json));
    }

    /**
     * A 200 response with the content of a file, sent from the file to the socket without passing through the heap
     * ({@code sendfile}) on plain connections. The file's size and modification time are read now; it is opened when
     * the response is written and closed once it is sent or the connection is gone. The response carries
     * {@code Content-Type} from the file name's extension ({@code application/octet-stream} for an unknown one), a weak
     * {@code ETag} from size and modification time, {@code Last-Modified} and {@code Accept-Ranges: bytes}; the engine
     * answers {@code If-None-Match}, {@code If-Modified-Since}, {@code Range} and {@code If-Range} for it (see
     * {@link #forRequest}). A path that is missing or not a regular file gives a 404, an unreadable file a 403, so that
     * a handler may pass a path it has not checked; a file that vanishes before it is written is answered 404 too.
     *
     * @param path the file
     * @return the response, or a 404 or 403 response without the file
     */
    public static Response file(Path path) {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(path, BasicFileAttributes.class);
        } catch (IOException e) {
            return FileRequests.NOT_FOUND;
        }
        if (!attributes.isRegularFile()) {
            return FileRequests.NOT_FOUND;
        }
        if (!Files.isReadable(path)) {
            return FileRequests.FORBIDDEN;
        }
        long size = attributes.size();
        long modified = attributes.lastModifiedTime().toMillis();
        Fields fields = Fields.NONE
                .with(Map.entry("ETag", FileRequests.etag(size, modified)))
                .with(Map.entry("Last-Modified", FileRequests.httpDate(modified)))
                .with(Map.entry("Accept-Ranges", "bytes"));
        Path name = path.getFileName();
        return new Response(Status.OK, Optional.of(MediaTypes.forFileName(name == null ? "" : name.toString())),
                fields, new Body.File(path, 0, size, size, modified));
    }

    /**
     * This response as it answers {@code request}: for a file ({@link #file}) the conditional and range headers are
     * evaluated, giving a 304, 206 or 416 where they apply (RFC 9110 §13.2.2); any other response is returned as it is.
     * The engine calls this for every response; a handler need not.
     *
     * @param request the request this response answers
     * @return this response, or the one that answers the request's conditions
     */
    public Response forRequest(Request request) {
        return body instanceof Body.File file && status == Status.OK ? FileRequests.answer(request, this, file) : this;
    }

    /** This response with another status and body, the same content type and headers; for {@link FileRequests}. */
    Response with(int status, Optional<String> contentType, String name, String value, Body body) {
        Fields fields = name == null ? headers : headers.with(Map.entry(name, value));
        return new Response(status, contentType, fields, body);
    }

    /** A response with no body and this one's headers, for a 304 (RFC 9110 §15.4.5); for {@link FileRequests}. */
    Response withoutBody(int status) {
        return new Response(status, Optional.empty(), headers, Body.Bytes.EMPTY);
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
        return new Response(status, Optional.empty(), Fields.NONE, Body.Bytes.EMPTY);
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
        return new Response(status, Optional.of(checkValue(contentType)), headers, body);
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
        return new Response(status, contentType, headers.with(Map.entry(name, value)), body);
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
        return contentType;
    }

    /** @return the header fields added with {@link #withHeader}, in order, as an unmodifiable list */
    public List<Map.Entry<String, String>> headers() {
        return headers;
    }

    /** @return the body */
    public Body body() {
        return body;
    }

    /** @return the body's length in bytes; for a file of 2 GiB or more, {@link Integer#MAX_VALUE} */
    public int bodyLength() {
        return (int) Math.min(length(body), Integer.MAX_VALUE);
    }

    /** @return a hash consistent with identity equality, fixed when the response is built */
    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        return "Response[" + status + ", " + length(body) + " bytes]";
    }

    private static long length(Body body) {
        return switch (body) {
            case Body.Bytes bytes -> bytes.length();
            case Body.File file -> file.length();
        };
    }

    /** Refuses a header name that is no token or that the server manages; {@link HttpException} checks with it too. */
    static void checkName(String name) {
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

    /** Refuses a header value that could break the framing; {@link HttpException} checks with it too. */
    static String checkValue(String value) {
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

    /**
     * What follows a response's head: {@link Bytes} held in memory, or a {@link File} region sent from the file; both
     * with {@code Content-Length}. The next kinds join this sealed interface with the issues that send them: a stream
     * pulled with backpressure, an event stream (SSE) and an upgrade to another protocol
     * (WebSocket); a {@code switch} over a body then stops compiling until it handles each.
     */
    public sealed interface Body {
        /** A body held in memory, never modified: the engine sends the same bytes to every request it answers. */
        final class Bytes implements Body {
            static final Bytes EMPTY = new Bytes(new byte[0]);

            private final byte[] bytes;

            private Bytes(byte[] owned) {
                this.bytes = owned;
            }

            /** @return the length in bytes */
            public int length() {
                return bytes.length;
            }

            /** @return a copy of the bytes */
            public byte[] bytes() {
                return bytes.clone();
            }

            /**
             * Copies the bytes from {@code offset} into {@code out} from its position, as many as it has room for.
             *
             * @param offset the first byte to copy, 0 to {@link #length()}
             * @param out    the buffer, whose position advances by the bytes copied
             * @return the number of bytes copied
             */
            public int copyTo(int offset, ByteBuffer out) {
                int n = Math.min(bytes.length - Objects.checkIndex(offset, bytes.length + 1), out.remaining());
                out.put(bytes, offset, n);
                return n;
            }

            /** @return a read-only view of the bytes, without a copy, with a position and limit of its own */
            public ByteBuffer asReadOnlyBuffer() {
                return ByteBuffer.wrap(bytes).asReadOnlyBuffer();
            }

            @Override
            public String toString() {
                return "Bytes[" + bytes.length + "]";
            }
        }

        /**
         * A region of a file, opened only when it is written: the whole file for {@link Response#file}, one range of it
         * for a 206.
         */
        final class File implements Body {
            private final Path path;
            private final long offset;
            private final long length;
            private final long size;
            private final long modified;

            File(Path path, long offset, long length, long size, long modified) {
                this.path = path;
                this.offset = offset;
                this.length = length;
                this.size = size;
                this.modified = modified;
            }

            /** @return the file */
            public Path path() {
                return path;
            }

            /** @return the first byte of the region in the file */
            public long offset() {
                return offset;
            }

            /** @return the region's length in bytes */
            public long length() {
                return length;
            }

            /** @return the size of the whole file when the response was built */
            public long size() {
                return size;
            }

            /** @return the file's modification time when the response was built, in epoch milliseconds */
            public long modified() {
                return modified;
            }

            File range(long first, long count) {
                return new File(path, first, count, size, modified);
            }

            @Override
            public String toString() {
                return "File[" + path + ", " + offset + "+" + length + "]";
            }
        }
    }

    /** The header fields, an unmodifiable list over an array that is never changed once built. */
    private static final class Fields extends AbstractList<Map.Entry<String, String>> implements RandomAccess {
        static final Fields NONE = new Fields(newArray(0));

        private final Map.Entry<String, String>[] fields;

        private Fields(Map.Entry<String, String>[] fields) {
            this.fields = fields;
        }

        @SuppressWarnings("unchecked")
        private static Map.Entry<String, String>[] newArray(int n) {
            return (Map.Entry<String, String>[]) new Map.Entry<?, ?>[n];
        }

        Fields with(Map.Entry<String, String> field) {
            Map.Entry<String, String>[] more = Arrays.copyOf(fields, fields.length + 1);
            more[fields.length] = field;
            return new Fields(more);
        }

        @Override
        public Map.Entry<String, String> get(int index) {
            return fields[index];
        }

        @Override
        public int size() {
            return fields.length;
        }
    }
}
