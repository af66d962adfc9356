package dev.pronto.test;

import dev.pronto.Response;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * A request being built: header fields, query parameters and at most one body, then {@link #send()}. Ordinary
 * requests go through the JDK's {@code HttpClient} (HTTP/1.1, redirects not followed); one with a header field that
 * client refuses to set ({@code Host}, {@code Connection}, {@code Content-Length}, {@code Expect}, {@code Upgrade}) is
 * written by hand on a connection of its own, with the fields exactly as given; so is every request to an app
 * {@linkplain ProntoTest#inMemory(dev.pronto.App) in memory}.
 */
public final class TestRequest {
    /** The fields the JDK's HttpClient sets itself and refuses from a caller (jdk.httpclient.allowRestrictedHeaders). */
    private static final Set<String> RESTRICTED = Set.of("connection", "content-length", "expect", "host", "upgrade");

    private final TestClient client;
    private final String method;
    private final String path;
    private final List<String[]> headers = new ArrayList<>();
    private final StringBuilder query = new StringBuilder();
    private Duration timeout;
    private byte[] body;
    private String contentType;
    private List<String[]> form;
    private Multipart multipart;

    TestRequest(TestClient client, String method, String path) {
        this.client = client;
        this.method = method;
        this.path = path;
        this.timeout = client.timeout();
    }

    /**
     * Adds a header field; call again with the same name to send it several times.
     *
     * @param name  the field name
     * @param value the field value
     * @return this request
     */
    public TestRequest header(String name, String value) {
        headers.add(new String[] {Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value")});
        return this;
    }

    /**
     * Adds a query parameter, percent-encoded as UTF-8 (RFC 3986 §2.1: everything but unreserved characters, a space
     * as {@code %20}).
     *
     * @param name  the parameter name
     * @param value the parameter value
     * @return this request
     */
    public TestRequest query(String name, String value) {
        query.append(query.isEmpty() ? "" : "&").append(Multipart.percentEncode(name)).append('=')
                .append(Multipart.percentEncode(value));
        return this;
    }

    /**
     * Sets how long this exchange may take, instead of the client's {@link TestClient#timeout()}.
     *
     * @param timeout the longest the exchange may take
     * @return this request
     */
    public TestRequest timeout(Duration timeout) {
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        return this;
    }

    /**
     * Sends text as UTF-8, as {@code text/plain; charset=utf-8} unless a {@code Content-Type} is given.
     *
     * @param text the body
     * @return this request
     */
    public TestRequest text(String text) {
        return body(text.getBytes(StandardCharsets.UTF_8), "text/plain; charset=utf-8");
    }

    /**
     * Sends bytes, as {@code application/octet-stream} unless a {@code Content-Type} is given.
     *
     * @param bytes the body
     * @return this request
     */
    public TestRequest bytes(byte[] bytes) {
        return body(bytes.clone(), "application/octet-stream");
    }

    /**
     * Sends a value as JSON written by the {@link dev.pronto.JsonCodec} on the class or module path, as
     * {@code application/json} unless a {@code Content-Type} is given.
     *
     * @param value the value to write
     * @return this request
     * @throws IllegalStateException    if no codec is present
     * @throws IllegalArgumentException if the codec cannot write the value
     */
    public TestRequest json(Object value) {
        Response.Body.Bytes json = (Response.Body.Bytes) Response.json(value).body(); // written as responses are
        return body(json.bytes(), "application/json");
    }

    /**
     * Adds a field to an {@code application/x-www-form-urlencoded} body, percent-encoded as UTF-8.
     *
     * @param name  the field name
     * @param value the field value
     * @return this request
     */
    public TestRequest form(String name, String value) {
        if (form == null) {
            checkNoBody();
            form = new ArrayList<>();
        }
        form.add(new String[] {Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value")});
        return this;
    }

    /**
     * Adds fields to an {@code application/x-www-form-urlencoded} body, in the map's order.
     *
     * @param fields names and values
     * @return this request
     */
    public TestRequest form(Map<String, String> fields) {
        fields.forEach(this::form);
        return this;
    }

    /**
     * Adds a text field to a {@code multipart/form-data} body (RFC 7578).
     *
     * @param name  the field name
     * @param value the value, sent as UTF-8
     * @return this request
     */
    public TestRequest part(String name, String value) {
        multipart().field(name, value);
        return this;
    }

    /**
     * Adds a file to a {@code multipart/form-data} body (RFC 7578).
     *
     * @param name        the field name
     * @param filename    the file's name
     * @param contentType the file's media type, such as {@code text/plain}
     * @param content     the file's bytes
     * @return this request
     */
    public TestRequest file(String name, String filename, String contentType, byte[] content) {
        multipart().file(name, filename, contentType, content);
        return this;
    }

    /**
     * Sends the request and waits for the whole response.
     *
     * @return the response
     * @throws UncheckedIOException  if the exchange fails or takes longer than the timeout
     * @throws IllegalStateException if the thread is interrupted while waiting
     */
    public TestResponse send() {
        if (client.http() == null || needsRawConnection()) {
            return sendByHand();
        }
        try {
            return toResponse(client.http().send(toHttpRequest(), HttpResponse.BodyHandlers.ofByteArray()));
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + target() + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for " + method + " " + target(), e);
        }
    }

    /**
     * Sends the request without waiting, for tests that put several in flight at once.
     *
     * @return the response, when it has arrived
     */
    public CompletableFuture<TestResponse> sendAsync() {
        if (client.http() == null || needsRawConnection()) {
            return CompletableFuture.supplyAsync(this::sendByHand);
        }
        return client.http().sendAsync(toHttpRequest(), HttpResponse.BodyHandlers.ofByteArray())
                .thenApply(TestRequest::toResponse);
    }

    private HttpRequest toHttpRequest() {
        byte[] payload = payload();
        HttpRequest.Builder b = HttpRequest.newBuilder(client.uri(target())).timeout(timeout)
                .method(method, payload == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(payload));
        for (String[] h : headers) {
            b.header(h[0], h[1]);
        }
        if (payload != null && !hasHeader("content-type")) {
            b.header("Content-Type", contentType);
        }
        return b.build();
    }

    private static TestResponse toResponse(HttpResponse<byte[]> r) {
        return new TestResponse(r.statusCode(), r.headers().map(), r.body());
    }

    /** Writes the request head as given: the fields the JDK client would refuse go out unchanged. */
    private TestResponse sendByHand() {
        byte[] payload = payload();
        StringBuilder head = new StringBuilder(method).append(' ').append(target()).append(" HTTP/1.1\r\n");
        if (!hasHeader("host")) {
            head.append("Host: ").append(client.authority()).append("\r\n");
        }
        for (String[] h : headers) {
            head.append(h[0]).append(": ").append(h[1]).append("\r\n");
        }
        if (payload != null && !hasHeader("content-type")) {
            head.append("Content-Type: ").append(contentType).append("\r\n");
        }
        if (payload != null && !hasHeader("content-length") && !hasHeader("transfer-encoding")) {
            head.append("Content-Length: ").append(payload.length).append("\r\n");
        }
        head.append("\r\n");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        if (payload != null) {
            bytes.writeBytes(payload);
        }
        RawReply reply = RawConnection.exchange(client.connector(), bytes.toByteArray(), 1, method.equals("HEAD"),
                timeout);
        if (reply.responses().isEmpty()) {
            throw new UncheckedIOException(new IOException("No complete response to " + method + " " + target()
                    + "; received:\n" + reply.text()));
        }
        return reply.responses().get(0);
    }

    private boolean needsRawConnection() {
        for (String[] h : headers) {
            if (RESTRICTED.contains(h[0].toLowerCase(Locale.ROOT))) {
                return true;
            }
        }
        return false;
    }

    private boolean hasHeader(String lowerCaseName) {
        for (String[] h : headers) {
            if (h[0].equalsIgnoreCase(lowerCaseName)) {
                return true;
            }
        }
        return false;
    }

    private String target() {
        if (query.isEmpty()) {
            return path;
        }
        return path + (path.indexOf('?') < 0 ? "?" : "&") + query;
    }

    /** @return the body's bytes (setting {@link #contentType}), or null when the request has none */
    private byte[] payload() {
        if (form != null) {
            StringBuilder b = new StringBuilder();
            for (String[] field : form) {
                b.append(b.isEmpty() ? "" : "&").append(Multipart.percentEncode(field[0])).append('=')
                        .append(Multipart.percentEncode(field[1]));
            }
            contentType = "application/x-www-form-urlencoded";
            return b.toString().getBytes(StandardCharsets.US_ASCII);
        }
        if (multipart != null) {
            contentType = multipart.contentType();
            return multipart.encode();
        }
        return body;
    }

    private TestRequest body(byte[] bytes, String type) {
        checkNoBody();
        body = bytes;
        contentType = type;
        return this;
    }

    private Multipart multipart() {
        if (multipart == null) {
            checkNoBody();
            multipart = new Multipart();
        }
        return multipart;
    }

    private void checkNoBody() {
        if (body != null || form != null || multipart != null) {
            throw new IllegalStateException("This request has a body already: one of text, bytes, json, form or"
                    + " multipart parts");
        }
    }
}
