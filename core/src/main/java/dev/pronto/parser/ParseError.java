package dev.pronto.parser;

/** Why a request head or a chunked body was rejected, with the status code to answer and a short message. */
public enum ParseError {
    /** The request line is not {@code method SP request-target SP HTTP-version CRLF} (RFC 9112 §3). */
    MALFORMED_REQUEST_LINE(400, "Malformed request line"),
    /** The method is not a token (RFC 9110 §9.1). */
    INVALID_METHOD(400, "Invalid method token"),
    /** The method alone fills the request-line limit: a malformed line, not a long target (RFC 9112 §3). */
    METHOD_TOO_LONG(400, "Method too long"),
    /** Empty lines before the request line fill the request-line limit (RFC 9112 §2.2 tolerates a few). */
    TOO_MANY_EMPTY_LINES(400, "Too many empty lines before the request line"),
    /** The request-target holds a forbidden byte or does not fit the method (RFC 9112 §3.2). */
    INVALID_TARGET(400, "Invalid request target"),
    /**
     * The request line did not end within the configured limit, which fell inside the request-target or the (so far
     * well-formed) version: the target is longer than the server is willing to interpret (RFC 9112 §3).
     */
    REQUEST_LINE_TOO_LONG(414, "Request line too long"),
    /** The version is not {@code HTTP/DIGIT.DIGIT} (RFC 9112 §2.3). */
    MALFORMED_VERSION(400, "Malformed HTTP version"),
    /** A well-formed version other than HTTP/1.x (RFC 9110 §15.6.6). */
    UNSUPPORTED_VERSION(505, "HTTP version not supported"),
    /** CONNECT asks for a tunnel, which the server does not implement (RFC 9110 §9.3.6, §15.6.2). */
    CONNECT_NOT_SUPPORTED(501, "CONNECT is not supported"),
    /** The header section did not end within the configured limit. */
    HEADERS_TOO_LARGE(431, "Header section too large"),
    /** More header fields than the configured limit. */
    TOO_MANY_HEADERS(431, "Too many header fields"),
    /** A header name is empty, not a token, or the line has no colon (RFC 9112 §5). */
    INVALID_HEADER_NAME(400, "Invalid header name"),
    /** Whitespace between a header name and its colon (RFC 9112 §5.1). */
    WHITESPACE_BEFORE_COLON(400, "Whitespace before colon in header"),
    /** A header line starts with whitespace: obs-fold or whitespace before the first field (RFC 9112 §5.2, §2.2). */
    OBS_FOLD(400, "Header line starts with whitespace (obs-fold)"),
    /** A CR not followed by LF (RFC 9112 §2.2). */
    BARE_CR(400, "Bare CR"),
    /** An LF not preceded by CR; CRLF is required everywhere. */
    BARE_LF(400, "Bare LF"),
    /** A control byte other than HTAB, or DEL, in a field value (RFC 9110 §5.5). */
    CONTROL_IN_VALUE(400, "Control character in header value"),
    /** Content-Length is not 1*DIGIT or overflows a long (RFC 9110 §8.6). */
    INVALID_CONTENT_LENGTH(400, "Invalid Content-Length"),
    /** Content-Length appears more than once, even with equal values (RFC 9112 §6.3). */
    DUPLICATE_CONTENT_LENGTH(400, "Duplicate Content-Length"),
    /** Both Content-Length and Transfer-Encoding (RFC 9112 §6.3). */
    CONTENT_LENGTH_WITH_TRANSFER_ENCODING(400, "Content-Length with Transfer-Encoding"),
    /**
     * A well-formed transfer coding other than chunked, before a final chunked, in a request without Content-Length:
     * the framing is certain but the coding is not understood (RFC 9112 §6.1).
     */
    UNSUPPORTED_TRANSFER_CODING(501, "Unsupported transfer coding"),
    /**
     * A Transfer-Encoding element that is not {@code token *( OWS ";" OWS transfer-parameter )}, or chunked with
     * parameters, which it does not take (RFC 9112 §6.1, §7).
     */
    INVALID_TRANSFER_ENCODING(400, "Invalid Transfer-Encoding"),
    /** Transfer-Encoding whose final coding is not chunked (RFC 9112 §6.3). */
    CHUNKED_NOT_FINAL(400, "Chunked is not the final transfer coding"),
    /** Chunked applied more than once (RFC 9112 §6.1). */
    CHUNKED_TWICE(400, "Chunked applied more than once"),
    /** Transfer-Encoding in an HTTP/1.0 request, whose framing is then faulty (RFC 9112 §6.1). */
    TRANSFER_ENCODING_IN_HTTP10(400, "Transfer-Encoding in HTTP/1.0 request"),
    /** An HTTP/1.1 request without Host (RFC 9112 §3.2). */
    MISSING_HOST(400, "Missing Host header"),
    /** More than one Host field (RFC 9112 §3.2). */
    DUPLICATE_HOST(400, "Duplicate Host header"),
    /** A Host value or absolute-form authority that is not {@code uri-host [":" port]} (RFC 9110 §7.2). */
    INVALID_HOST(400, "Invalid Host header"),
    /** An Expect value other than 100-continue (RFC 9110 §10.1.1). */
    UNSUPPORTED_EXPECTATION(417, "Unsupported expectation"),
    /** Chunked framing that does not follow RFC 9112 §7.1. */
    BAD_CHUNK(400, "Malformed chunked encoding"),
    /** A chunk-size with more significant hex digits than a 64-bit length holds: malformed, not large (RFC 9112 §7.1). */
    CHUNK_SIZE_OVERFLOW(400, "Chunk size out of range"),
    /**
     * Chunk extensions and leading zeros of chunk sizes beyond the decoder's fixed budget per body: framing overhead
     * that the body limit does not count (RFC 9112 §7.1.1).
     */
    CHUNK_LINES_TOO_LONG(400, "Chunk-size lines too long"),
    /** One chunk larger than the configured limit. */
    CHUNK_TOO_LARGE(413, "Chunk too large"),
    /** A body larger than the configured limit. */
    BODY_TOO_LARGE(413, "Body too large"),
    /** A trailer section larger than the configured limit. */
    TRAILERS_TOO_LARGE(431, "Trailer section too large"),
    /** More trailer fields than the configured limit. */
    TOO_MANY_TRAILERS(431, "Too many trailer fields");

    private final int status;
    private final String message;

    ParseError(int status, String message) {
        this.status = status;
        this.message = message;
    }

    /** @return the HTTP status code to answer with */
    public int status() {
        return status;
    }

    /** @return a short plain-text description of the problem, fit for a response body */
    public String message() {
        return message;
    }
}
