package dev.pronto.it;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * A response as it came off the wire, read by {@link RawClient}.
 *
 * @param version the status line's version, e.g. {@code HTTP/1.1}
 * @param status  the status code
 * @param reason  the reason phrase
 * @param headers the header fields, in order
 * @param body    the body, de-chunked
 */
public record RawResponse(String version, int status, String reason, List<Header> headers, byte[] body) {
    /** One header field. @param name the name as sent @param value the value, trimmed */
    public record Header(String name, String value) {
    }

    /** Copies the header list. */
    public RawResponse {
        headers = List.copyOf(headers);
    }

    /**
     * @param name a field name, matched case-insensitively
     * @return the first value of that field
     */
    public Optional<String> header(String name) {
        return headers.stream().filter(h -> h.name().equalsIgnoreCase(name)).map(Header::value).findFirst();
    }

    /**
     * @param name a field name, matched case-insensitively
     * @return every value of that field, in order
     */
    public List<String> headers(String name) {
        return headers.stream().filter(h -> h.name().equalsIgnoreCase(name)).map(Header::value).toList();
    }

    /** @return whether the server announced it closes the connection after this response */
    public boolean closes() {
        return headers("Connection").stream().anyMatch(v -> v.equalsIgnoreCase("close"));
    }

    /** @return the body as UTF-8 text */
    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        String text = bodyText();
        return version + " " + status + " " + reason + " " + headers + " body(" + body.length + ")="
                + (text.length() <= 80 ? text : text.substring(0, 80) + "…");
    }
}
