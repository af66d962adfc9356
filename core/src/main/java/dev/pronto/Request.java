package dev.pronto;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;

/**
 * An HTTP request, lazy: nothing is turned into a {@code String} until asked. A request handed to a {@link Handler}
 * is valid only until the handler returns (the engine reuses it for the next request on the connection); one handed to
 * an {@link AsyncHandler} stays valid until the returned stage completes. Copy what you need to keep longer.
 */
public interface Request {
    /** @return the method */
    Method method();

    /** @return the request target exactly as sent, e.g. {@code /users/42?full=1} */
    String target();

    /** @return the path of the target, without the query, as sent (not percent-decoded) */
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
}
