package dev.pronto.parser;

import static dev.pronto.parser.Bytes.CR;
import static dev.pronto.parser.Bytes.HTAB;
import static dev.pronto.parser.Bytes.LF;
import static dev.pronto.parser.Bytes.SP;

import dev.pronto.http.Methods;

import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * Parses a request head (RFC 9112 §2–§6) from a range of the caller's buffer into a {@link RequestHead}. The parser
 * is immutable and keeps no per-request state, so one instance can serve every connection of a loop.
 *
 * <p>Every decision depends only on bytes already seen, in order, and a limit fires at the first byte past it; so a
 * prefix of the input yields either {@link #NEED_MORE} or exactly the error that the whole input yields, however the
 * bytes are split.
 */
public final class RequestParser {
    /** Returned when the head is not complete yet; call again from the same start once more bytes arrived. */
    public static final int NEED_MORE = -1;
    /** Returned when the head is rejected; {@link RequestHead#error()} says why. */
    public static final int ERROR = -2;

    // "HTTP/" as the low five bytes of a little-endian long (RFC 9112 §2.3: HTTP-name is case-sensitive).
    private static final long HTTP_SLASH = Bytes.pack8("HTTP/\0\0\0");
    private static final long LOW_FIVE_BYTES = 0xFF_FFFF_FFFFL;

    private final int maxRequestLineBytes;
    private final int maxHeaderBytes;
    private final int maxHeaderCount;

    /**
     * Creates a parser.
     *
     * @param limits the limits it enforces
     */
    public RequestParser(HeadLimits limits) {
        maxRequestLineBytes = limits.maxRequestLineBytes();
        maxHeaderBytes = limits.maxHeaderBytes();
        maxHeaderCount = limits.maxHeaderCount();
    }

    /**
     * Parses the head that starts at {@code start}. Reads only [start, end) with absolute gets and never writes. After
     * {@link #NEED_MORE}, calling again with the same head, buffer and start resumes at the first unfinished header
     * line; {@link RequestHead#reset()} (or another buffer or start) makes it start afresh. After a complete head or
     * an error the next call starts afresh by itself, so pipelined requests need no reset in between.
     *
     * @param buf   the bytes, heap or direct; its position and limit are ignored except that {@code end <= limit}
     * @param start index of the first byte of the request (leading empty lines allowed)
     * @param end   index just after the last byte received
     * @param head  receives the result
     * @return the bytes consumed from {@code start} when a head is complete, else {@link #NEED_MORE} or {@link #ERROR}
     */
    public int parse(ByteBuffer buf, int start, int end, RequestHead head) {
        Objects.checkFromToIndex(start, end, buf.limit());
        if (!head.resumes(buf, start, end)) {
            head.begin(buf, start);
            int headersStart = requestLine(buf, start, end, head);
            if (headersStart < 0) {
                return headersStart;
            }
            head.stage = RequestHead.IN_HEADERS;
            head.headersStart = headersStart;
            head.resumeAt = headersStart;
        }
        int r = headers(buf, start, end, head);
        if (r == NEED_MORE) {
            head.progressEnd = end;
        }
        return r;
    }

    /** @return the index just after the request line's CRLF, or NEED_MORE / ERROR */
    private int requestLine(ByteBuffer buf, int start, int end, RequestHead h) {
        int limit = (int) Math.min((long) start + maxRequestLineBytes, Integer.MAX_VALUE);
        int bound = Math.min(end, limit);
        int p = start;
        // RFC 9112 §2.2: a server SHOULD ignore empty lines received before the request-line; they count against
        // the request-line limit so that a stream of CRLFs cannot keep a connection busy for free.
        while (true) {
            if (p >= bound) {
                return outOfRange(h, bound, limit, ParseError.TOO_MANY_EMPTY_LINES);
            }
            byte b = buf.get(p);
            if (b == LF) {
                return h.fail(ParseError.BARE_LF);
            }
            if (b != CR) {
                break;
            }
            if (p + 1 >= bound) {
                return outOfRange(h, bound, limit, ParseError.TOO_MANY_EMPTY_LINES);
            }
            if (buf.get(p + 1) != LF) {
                return h.fail(ParseError.BARE_CR);
            }
            p += 2;
        }
        h.start = p;
        h.methodStart = p;
        // method = token (RFC 9110 §9.1); the standard methods are recognised by a packed compare, which also
        // proves they are tokens, so only extension methods need the per-byte check.
        p = Bytes.scanToken(buf, p, bound);
        if (p >= bound) {
            // 414 is about the target (RFC 9112 §3): a limit reached before the first SP is a malformed method.
            return outOfRange(h, bound, limit, ParseError.METHOD_TOO_LONG);
        }
        byte b = buf.get(p);
        int methodLength = p - h.methodStart;
        if (b != SP || methodLength == 0) {
            boolean lineBroken = methodLength == 0
                    || ((b == CR || b == LF) && Bytes.isToken(buf, h.methodStart, p));
            return h.fail(lineBroken ? ParseError.MALFORMED_REQUEST_LINE : ParseError.INVALID_METHOD);
        }
        h.method = MethodTokens.identify(buf, h.methodStart, methodLength);
        if (h.method == Methods.OTHER && !Bytes.isToken(buf, h.methodStart, p)) {
            return h.fail(ParseError.INVALID_METHOD);
        }
        h.methodEnd = p;
        p++;
        // request-target: exactly one SP on each side (RFC 9112 §3), no control bytes, SP, DEL, non-ASCII or '#'.
        h.targetStart = p;
        int query = -1;
        while (true) {
            p = Bytes.scanTarget(buf, p, bound);
            if (p >= bound) {
                return outOfRange(h, bound, limit, ParseError.REQUEST_LINE_TOO_LONG);
            }
            b = buf.get(p);
            if (b != '?') {
                break;
            }
            if (query < 0) {
                query = p + 1;
            }
            p++;
        }
        if (b != SP) {
            boolean lineBroken = b == CR || b == LF;
            return h.fail(lineBroken ? ParseError.MALFORMED_REQUEST_LINE : ParseError.INVALID_TARGET);
        }
        if (p == h.targetStart) {
            return h.fail(ParseError.MALFORMED_REQUEST_LINE);
        }
        h.targetEnd = p;
        ParseError targetError = targetForm(buf, h, query);
        if (targetError != null) {
            return h.fail(targetError);
        }
        p++;
        // HTTP-version = "HTTP/" DIGIT "." DIGIT (RFC 9112 §2.3), read as one long. Until all eight bytes are here,
        // the ones that are must already fit it, so that a broken version is answered at once, not at the timeout.
        if (p + 8 > bound) {
            if (!Bytes.isVersionPrefix(buf, p, bound)) {
                return h.fail(ParseError.MALFORMED_VERSION);
            }
            return outOfRange(h, bound, limit, ParseError.REQUEST_LINE_TOO_LONG);
        }
        long w = Bytes.getLong(buf, p);
        int major = (int) (w >>> 40) & 0xFF;
        int dot = (int) (w >>> 48) & 0xFF;
        int minor = (int) (w >>> 56) & 0xFF;
        if ((w & LOW_FIVE_BYTES) != HTTP_SLASH || !Bytes.isDigit(major) || dot != '.' || !Bytes.isDigit(minor)) {
            return h.fail(ParseError.MALFORMED_VERSION);
        }
        p += 8;
        if (p >= bound) {
            return outOfRange(h, bound, limit, ParseError.REQUEST_LINE_TOO_LONG);
        }
        b = buf.get(p);
        if (b != CR) {
            return h.fail(b == LF ? ParseError.BARE_LF : ParseError.MALFORMED_VERSION);
        }
        if (p + 1 >= bound) {
            return outOfRange(h, bound, limit, ParseError.REQUEST_LINE_TOO_LONG);
        }
        if (buf.get(p + 1) != LF) {
            return h.fail(ParseError.BARE_CR);
        }
        if (major != '1') {
            return h.fail(ParseError.UNSUPPORTED_VERSION);
        }
        if (h.method == Methods.CONNECT) {
            // A tunnel is a different protocol, not a request for a route: no handler may take it for one.
            return h.fail(ParseError.CONNECT_NOT_SUPPORTED);
        }
        // RFC 9110 §6.2: a 1.x minor version above ours is answered as the highest we support, HTTP/1.1.
        h.minorVersion = minor == '0' ? 0 : 1;
        return p + 2;
    }

    /** Sorts the target into one of the four forms of RFC 9112 §3.2 and records path, query and authority. */
    private static ParseError targetForm(ByteBuffer buf, RequestHead h, int query) {
        int from = h.targetStart;
        int to = h.targetEnd;
        int pathEnd = query < 0 ? to : query - 1;
        if (query >= 0) {
            h.queryStart = query;
            h.queryEnd = to;
        }
        byte first = buf.get(from);
        if (h.method == Methods.CONNECT) {
            // RFC 9112 §3.2.3: CONNECT takes authority-form, uri-host ":" port, and nothing else.
            if (query >= 0 || !FieldValues.isHost(buf, from, to, true, true)) {
                return ParseError.INVALID_TARGET;
            }
            h.authorityStart = from;
            h.authorityEnd = to;
            h.pathStart = h.pathEnd = to;
            return null;
        }
        if (first == '/') {
            h.pathStart = from;
            h.pathEnd = pathEnd;
            return null;
        }
        if (first == '*') {
            // RFC 9112 §3.2.4: asterisk-form is a lone "*" and only for OPTIONS.
            if (to - from != 1 || h.method != Methods.OPTIONS) {
                return ParseError.INVALID_TARGET;
            }
            h.pathStart = from;
            h.pathEnd = to;
            return null;
        }
        // RFC 9112 §3.2.2: absolute-form; we serve http and https URIs only, which must have an authority.
        int schemeEnd = from;
        while (schemeEnd < pathEnd && buf.get(schemeEnd) != ':') {
            schemeEnd++;
        }
        boolean http = Bytes.equalsIgnoreCase(buf, from, schemeEnd, "http")
                || Bytes.equalsIgnoreCase(buf, from, schemeEnd, "https");
        if (!http || pathEnd - schemeEnd < 3 || buf.get(schemeEnd + 1) != '/' || buf.get(schemeEnd + 2) != '/') {
            return ParseError.INVALID_TARGET;
        }
        int authorityStart = schemeEnd + 3;
        int authorityEnd = authorityStart;
        while (authorityEnd < pathEnd && buf.get(authorityEnd) != '/') {
            authorityEnd++;
        }
        if (!FieldValues.isHost(buf, authorityStart, authorityEnd, true, false)) {
            return ParseError.INVALID_TARGET;
        }
        h.authorityStart = authorityStart;
        h.authorityEnd = authorityEnd;
        h.pathStart = authorityEnd;
        h.pathEnd = pathEnd;
        return null;
    }

    /** Parses header lines from {@code head.resumeAt} until the empty line; each complete line is committed. */
    private int headers(ByteBuffer buf, int start, int end, RequestHead h) {
        int limit = (int) Math.min((long) h.headersStart + maxHeaderBytes, Integer.MAX_VALUE);
        int bound = Math.min(end, limit);
        int maxCount = Math.min(maxHeaderCount, h.capacity());
        int p = h.resumeAt;
        while (true) {
            if (p >= bound) {
                return outOfRange(h, bound, limit, ParseError.HEADERS_TOO_LARGE);
            }
            byte b = buf.get(p);
            if (b == CR) {
                if (p + 1 >= bound) {
                    return outOfRange(h, bound, limit, ParseError.HEADERS_TOO_LARGE);
                }
                if (buf.get(p + 1) != LF) {
                    return h.fail(ParseError.BARE_CR);
                }
                return finish(h, start, p + 2);
            }
            if (b == LF) {
                return h.fail(ParseError.BARE_LF);
            }
            if (b == SP || b == HTAB) {
                // RFC 9112 §5.2: obs-fold must be rejected (or replaced) outside message/http; we reject. The same
                // bytes before the first field are whitespace after the start-line, rejected per RFC 9112 §2.2.
                return h.fail(ParseError.OBS_FOLD);
            }
            if (h.headerCount == maxCount) {
                return h.fail(ParseError.TOO_MANY_HEADERS);
            }
            int nameStart = p;
            p = Bytes.scanToken(buf, p, bound);
            if (p >= bound) {
                return outOfRange(h, bound, limit, ParseError.HEADERS_TOO_LARGE);
            }
            b = buf.get(p);
            if (b != ':' || p == nameStart) {
                if (p == nameStart || (b != SP && b != HTAB) || !Bytes.isToken(buf, nameStart, p)) {
                    return h.fail(ParseError.INVALID_HEADER_NAME);
                }
                // RFC 9112 §5.1: whitespace between name and colon MUST be rejected with 400. Look past it to tell
                // "Name : v" from a name with a space inside.
                do {
                    p++;
                    if (p >= bound) {
                        return outOfRange(h, bound, limit, ParseError.HEADERS_TOO_LARGE);
                    }
                    b = buf.get(p);
                } while (b == SP || b == HTAB);
                return h.fail(b == ':' ? ParseError.WHITESPACE_BEFORE_COLON : ParseError.INVALID_HEADER_NAME);
            }
            // A recognised name is a token already (see Bytes.lower4); only the others need the per-byte check.
            int id = HeaderNames.identify(buf, nameStart, p - nameStart);
            if (id == HeaderNames.UNKNOWN && !Bytes.isToken(buf, nameStart, p)) {
                return h.fail(ParseError.INVALID_HEADER_NAME);
            }
            int nameEnd = p++;
            // field-line = field-name ":" OWS field-value OWS (RFC 9112 §5)
            while (true) {
                if (p >= bound) {
                    return outOfRange(h, bound, limit, ParseError.HEADERS_TOO_LARGE);
                }
                b = buf.get(p);
                if (b != SP && b != HTAB) {
                    break;
                }
                p++;
            }
            int valueStart = p;
            while (true) {
                p = Bytes.scanValue(buf, p, bound);
                if (p >= bound) {
                    return outOfRange(h, bound, limit, ParseError.HEADERS_TOO_LARGE);
                }
                b = buf.get(p);
                if (b != HTAB) {
                    break;
                }
                p++;
            }
            if (b != CR) {
                return h.fail(b == LF ? ParseError.BARE_LF : ParseError.CONTROL_IN_VALUE);
            }
            if (p + 1 >= bound) {
                return outOfRange(h, bound, limit, ParseError.HEADERS_TOO_LARGE);
            }
            if (buf.get(p + 1) != LF) {
                return h.fail(ParseError.BARE_CR);
            }
            int valueEnd = p;
            while (valueEnd > valueStart && Bytes.isOws(buf.get(valueEnd - 1))) {
                valueEnd--;
            }
            h.addHeader(nameStart, nameEnd, valueStart, valueEnd, id);
            if (id != HeaderNames.UNKNOWN) {
                ParseError e = knownHeader(buf, h, id, valueStart, valueEnd);
                if (e != null) {
                    return h.fail(e);
                }
            }
            p += 2;
            h.resumeAt = p;
        }
    }

    /** Applies the rules of the header fields that frame the message or steer the connection. */
    private static ParseError knownHeader(ByteBuffer buf, RequestHead h, int id, int from, int to) {
        switch (id) {
            case HeaderNames.CONTENT_LENGTH -> {
                // RFC 9112 §6.3: duplicate or conflicting lengths are unrecoverable; we treat equal ones the same.
                if (h.contentLength >= 0) {
                    return ParseError.DUPLICATE_CONTENT_LENGTH;
                }
                if (h.transferEncodingSeen) {
                    return ParseError.CONTENT_LENGTH_WITH_TRANSFER_ENCODING;
                }
                long n = FieldValues.contentLength(buf, from, to);
                if (n < 0) {
                    return ParseError.INVALID_CONTENT_LENGTH;
                }
                h.contentLength = n;
            }
            case HeaderNames.TRANSFER_ENCODING -> {
                // RFC 9112 §6.1: an HTTP/1.0 message with Transfer-Encoding has faulty framing.
                if (h.minorVersion == 0) {
                    return ParseError.TRANSFER_ENCODING_IN_HTTP10;
                }
                // RFC 9112 §6.3: Content-Length with Transfer-Encoding is a smuggling attempt; reject, not override.
                if (h.contentLength >= 0) {
                    return ParseError.CONTENT_LENGTH_WITH_TRANSFER_ENCODING;
                }
                h.transferEncodingSeen = true;
                return FieldValues.transferCodings(buf, from, to, h);
            }
            case HeaderNames.HOST -> {
                // RFC 9112 §3.2: more than one Host field, or an invalid value, gets 400.
                if (h.hostIndex >= 0) {
                    return ParseError.DUPLICATE_HOST;
                }
                // RFC 9110 §4.2.1: an http URI with an empty host is invalid, so an empty Host is one unless the
                // target is absolute-form, whose own authority is used and checked (RFC 9112 §3.2.2).
                if (!FieldValues.isHost(buf, from, to, h.authorityStart < 0, false)) {
                    return ParseError.INVALID_HOST;
                }
                h.hostIndex = h.headerCount - 1;
            }
            case HeaderNames.CONNECTION -> FieldValues.connectionOptions(buf, from, to, h);
            case HeaderNames.EXPECT -> {
                if (!FieldValues.isContinue(buf, from, to)) {
                    // Not a framing error: answered once the whole head is known to be well framed (see finish).
                    h.unsupportedExpectation = true;
                    return null;
                }
                // RFC 9110 §10.1.1: a 100-continue expectation in an HTTP/1.0 request MUST be ignored.
                h.expectContinue = h.minorVersion == 1;
            }
            default -> {
                // Recognised for the engine's convenience; nothing to enforce.
            }
        }
        return null;
    }

    /** Completes a head whose empty line ends just before {@code end}. */
    private static int finish(RequestHead h, int start, int end) {
        // Framing and Host first, then what is merely not implemented: a 501 or 417 must never stand in for the 400
        // that an ambiguous request gets (RFC 9112 §6.3).
        if (h.transferEncodingSeen && !h.chunked) {
            // RFC 9112 §6.3: Transfer-Encoding whose final coding is not chunked (or no coding at all) leaves the
            // length undeterminable; the server MUST answer 400 and close.
            return h.fail(ParseError.CHUNKED_NOT_FINAL);
        }
        if (h.minorVersion == 1 && h.hostIndex < 0) {
            // RFC 9112 §3.2: a server MUST answer 400 to an HTTP/1.1 request without Host.
            return h.fail(ParseError.MISSING_HOST);
        }
        if (h.unknownCoding) {
            return h.fail(ParseError.UNSUPPORTED_TRANSFER_CODING);
        }
        if (h.unsupportedExpectation) {
            return h.fail(ParseError.UNSUPPORTED_EXPECTATION);
        }
        // RFC 9112 §9.3: HTTP/1.1 persists unless "close"; HTTP/1.0 only with "keep-alive" (RFC 9112 §C.2.2).
        h.keepAlive = !h.connectionClose && (h.minorVersion == 1 || h.connectionKeepAlive);
        h.end = end;
        h.stage = RequestHead.FINISHED;
        h.progressBuf = null;
        return end - start;
    }

    /**
     * The scan needs a byte at {@code bound} or beyond: when that is past the limit the head is too large whatever
     * follows, otherwise the bytes simply have not arrived yet.
     */
    private static int outOfRange(RequestHead h, int bound, int limit, ParseError tooLarge) {
        return bound >= limit ? h.fail(tooLarge) : NEED_MORE;
    }
}
