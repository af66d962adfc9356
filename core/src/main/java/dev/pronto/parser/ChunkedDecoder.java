package dev.pronto.parser;

import dev.pronto.http.Tokens;

import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * Decodes a chunked body (RFC 9112 §7.1) as a state machine that can stop after any byte and resume with the next
 * range. Chunk data goes to a {@link BodySink}; extensions and trailer fields are validated and discarded. One
 * decoder per connection, {@link #reset()} per body.
 */
public final class ChunkedDecoder {
    /** Returned when the body is rejected; {@link #error()} says why. */
    public static final int ERROR = -2;

    // Extension bytes and leading zeros are overhead that the body limit does not count: cap them per body (as Node
    // did for CVE-2024-22019) so that one-byte chunks with long extensions or padded sizes cannot stream unbounded work.
    private static final int MAX_OVERHEAD_BYTES = 16 * 1024;

    // chunk = chunk-size [ chunk-ext ] CRLF chunk-data CRLF; last-chunk = 1*"0" [ chunk-ext ] CRLF
    private static final int SIZE_FIRST = 0;       // expecting the first HEXDIG of a chunk-size
    private static final int SIZE = 1;             // in the chunk-size
    private static final int EXT_BWS = 2;          // BWS that must be followed by ";"
    private static final int EXT_NAME_START = 3;   // after ";", BWS then a token
    private static final int EXT_NAME = 4;         // in chunk-ext-name
    private static final int EXT_NAME_BWS = 5;     // BWS after the name: "=" or ";" must follow
    private static final int EXT_VALUE_START = 6;  // after "=", BWS then token or quoted-string
    private static final int EXT_TOKEN = 7;        // in a token value
    private static final int EXT_QUOTED = 8;       // inside a quoted-string
    private static final int EXT_QUOTED_PAIR = 9;  // after a backslash inside a quoted-string
    private static final int EXT_AFTER_QUOTED = 10; // after the closing quote
    private static final int SIZE_LF = 11;         // the chunk-size line's CR was seen
    private static final int DATA = 12;            // in chunk-data
    private static final int DATA_CR = 13;         // chunk-data done, CRLF must follow
    private static final int DATA_LF = 14;
    private static final int TRAILER_START = 15;   // start of a trailer line or of the final CRLF
    private static final int TRAILER_NAME = 16;
    private static final int TRAILER_NAME_WS = 17; // whitespace after a trailer name: only an error can follow
    private static final int TRAILER_VALUE = 18;
    private static final int TRAILER_LF = 19;
    private static final int FINAL_LF = 20;
    private static final int DONE = 21;

    private final long maxChunkSize;
    private final long maxBodySize;
    private final int maxTrailerBytes;
    private final int maxTrailerCount;

    private int state;
    private long size;
    private long remaining;
    private long bodyBytes;
    private int overheadBytes;
    private int trailerBytes;
    private int trailerCount;
    private ParseError error;

    /**
     * Creates a decoder.
     *
     * @param maxChunkSize    largest chunk-size accepted; larger ones fail with {@link ParseError#CHUNK_TOO_LARGE}
     * @param maxBodySize     largest total of chunk data; beyond it {@link ParseError#BODY_TOO_LARGE}
     * @param maxTrailerBytes most bytes of trailer field lines (the final CRLF not counted)
     * @param maxTrailerCount most trailer fields
     */
    public ChunkedDecoder(long maxChunkSize, long maxBodySize, int maxTrailerBytes, int maxTrailerCount) {
        if (maxChunkSize < 0 || maxBodySize < 0 || maxTrailerBytes < 0 || maxTrailerCount < 0) {
            throw new IllegalArgumentException("limits must not be negative");
        }
        this.maxChunkSize = maxChunkSize;
        this.maxBodySize = maxBodySize;
        this.maxTrailerBytes = maxTrailerBytes;
        this.maxTrailerCount = maxTrailerCount;
        reset();
    }

    /** Prepares for a new body. */
    public void reset() {
        state = SIZE_FIRST;
        size = 0;
        remaining = 0;
        bodyBytes = 0;
        overheadBytes = 0;
        trailerBytes = 0;
        trailerCount = 0;
        error = null;
    }

    /** @return whether the last chunk, the trailers and the final CRLF have all been consumed */
    public boolean done() {
        return state == DONE;
    }

    /** @return the number of chunk-data bytes decoded so far */
    public long bodyBytes() {
        return bodyBytes;
    }

    /** @return why the body was rejected, null when it was not */
    public ParseError error() {
        return error;
    }

    /**
     * Consumes as much of [start, end) as belongs to the body, handing chunk data to {@code sink}; it stops right
     * after the final CRLF, so bytes beyond it (a pipelined request) stay unconsumed.
     *
     * @param buf   the bytes, heap or direct; read with absolute gets, never written
     * @param start index of the first unconsumed byte
     * @param end   index just after the last byte received
     * @param sink  receives the chunk data, in order
     * @return the number of bytes consumed (possibly 0), or {@link #ERROR}
     */
    public int decode(ByteBuffer buf, int start, int end, BodySink sink) {
        Objects.checkFromToIndex(start, end, buf.limit());
        if (error != null) {
            return ERROR;
        }
        int p = start;
        while (p < end && state != DONE) {
            if (state == DATA) {
                int n = (int) Math.min(remaining, end - p);
                sink.accept(buf, p, p + n);
                p += n;
                remaining -= n;
                if (remaining == 0) {
                    state = DATA_CR;
                }
                continue;
            }
            ParseError e = step(buf.get(p));
            if (e != null) {
                error = e;
                return ERROR;
            }
            p++;
        }
        return p - start;
    }

    /** Advances the state machine by one framing byte; returns the error it reveals, or null. */
    private ParseError step(byte b) {
        if (state >= EXT_BWS && state <= EXT_AFTER_QUOTED && ++overheadBytes > MAX_OVERHEAD_BYTES) {
            return ParseError.CHUNK_LINES_TOO_LONG;
        }
        if (state >= TRAILER_START && state <= TRAILER_LF && !(state == TRAILER_START && b == Bytes.CR)
                && ++trailerBytes > maxTrailerBytes) {
            return ParseError.TRAILERS_TOO_LARGE;
        }
        boolean ows = b == Bytes.SP || b == Bytes.HTAB;
        switch (state) {
            case SIZE_FIRST -> {
                int d = hex(b);
                if (d < 0) {
                    return b == Bytes.LF ? ParseError.BARE_LF : ParseError.BAD_CHUNK;
                }
                size = 0;
                state = SIZE;
                return addDigit(d);
            }
            case SIZE -> {
                int d = hex(b);
                if (d >= 0) {
                    return addDigit(d);
                }
                return ows ? to(EXT_BWS) : endOfSizeOrExtension(b);
            }
            case EXT_BWS -> {
                // BWS is only allowed in front of ";" (RFC 9112 §7.1.1), so "1 \r\n" is malformed.
                return ows ? null : b == ';' ? to(EXT_NAME_START) : ParseError.BAD_CHUNK;
            }
            case EXT_NAME_START -> {
                return ows ? null : Tokens.isTchar(b) ? to(EXT_NAME) : ParseError.BAD_CHUNK;
            }
            case EXT_NAME -> {
                if (Tokens.isTchar(b)) {
                    return null;
                }
                return ows ? to(EXT_NAME_BWS) : b == '=' ? to(EXT_VALUE_START) : endOfSizeOrExtension(b);
            }
            case EXT_NAME_BWS -> {
                return ows ? null : b == '=' ? to(EXT_VALUE_START) : b == ';' ? to(EXT_NAME_START)
                        : ParseError.BAD_CHUNK;
            }
            case EXT_VALUE_START -> {
                return ows ? null : b == '"' ? to(EXT_QUOTED) : Tokens.isTchar(b) ? to(EXT_TOKEN)
                        : ParseError.BAD_CHUNK;
            }
            case EXT_TOKEN -> {
                return Tokens.isTchar(b) ? null : ows ? to(EXT_BWS) : endOfSizeOrExtension(b);
            }
            case EXT_QUOTED -> {
                // qdtext = HTAB / SP / %x21 / %x23-5B / %x5D-7E / obs-text (RFC 9110 §5.6.4)
                if (b == '"') {
                    return to(EXT_AFTER_QUOTED);
                }
                if (b == '\\') {
                    return to(EXT_QUOTED_PAIR);
                }
                return isFieldByte(b) ? null : ParseError.BAD_CHUNK;
            }
            case EXT_QUOTED_PAIR -> {
                // quoted-pair = "\" ( HTAB / SP / VCHAR / obs-text )
                return isFieldByte(b) ? to(EXT_QUOTED) : ParseError.BAD_CHUNK;
            }
            case EXT_AFTER_QUOTED -> {
                return ows ? to(EXT_BWS) : endOfSizeOrExtension(b);
            }
            case SIZE_LF -> {
                if (b != Bytes.LF) {
                    return ParseError.BARE_CR;
                }
                if (size == 0) {
                    return to(TRAILER_START);
                }
                ParseError tooLarge = sizeOverLimit();
                if (tooLarge != null) {
                    return tooLarge;
                }
                remaining = size;
                bodyBytes += size;
                return to(DATA);
            }
            case DATA_CR -> {
                // chunk-data is followed by CRLF (RFC 9112 §7.1); anything else means the size lied.
                return b == Bytes.CR ? to(DATA_LF) : b == Bytes.LF ? ParseError.BARE_LF : ParseError.BAD_CHUNK;
            }
            case DATA_LF -> {
                return b == Bytes.LF ? to(SIZE_FIRST) : ParseError.BARE_CR;
            }
            case TRAILER_START -> {
                return trailerStart(b, ows);
            }
            case TRAILER_NAME -> {
                if (Tokens.isTchar(b)) {
                    return null;
                }
                return b == ':' ? to(TRAILER_VALUE) : ows ? to(TRAILER_NAME_WS) : ParseError.INVALID_HEADER_NAME;
            }
            case TRAILER_NAME_WS -> {
                // RFC 9112 §5.1: whitespace before the colon is rejected, in trailers as in headers.
                return ows ? null : b == ':' ? ParseError.WHITESPACE_BEFORE_COLON : ParseError.INVALID_HEADER_NAME;
            }
            case TRAILER_VALUE -> {
                if (isFieldByte(b)) {
                    return null;
                }
                return b == Bytes.CR ? to(TRAILER_LF) : b == Bytes.LF ? ParseError.BARE_LF
                        : ParseError.CONTROL_IN_VALUE;
            }
            case TRAILER_LF -> {
                return b == Bytes.LF ? to(TRAILER_START) : ParseError.BARE_CR;
            }
            case FINAL_LF -> {
                return b == Bytes.LF ? to(DONE) : ParseError.BARE_CR;
            }
            default -> throw new IllegalStateException("state " + state);
        }
    }

    private ParseError trailerStart(byte b, boolean ows) {
        if (b == Bytes.CR) {
            return to(FINAL_LF);
        }
        if (b == Bytes.LF) {
            return ParseError.BARE_LF;
        }
        if (ows) {
            // RFC 9112 §5.2: obs-fold is rejected in trailers too.
            return ParseError.OBS_FOLD;
        }
        if (!Tokens.isTchar(b)) {
            return ParseError.INVALID_HEADER_NAME;
        }
        if (++trailerCount > maxTrailerCount) {
            return ParseError.TOO_MANY_TRAILERS;
        }
        return to(TRAILER_NAME);
    }

    /** Handles a byte that may end a chunk-size or an extension: ";" starts the next extension, CR ends the line. */
    private ParseError endOfSizeOrExtension(byte b) {
        if (b == ';') {
            return to(EXT_NAME_START);
        }
        if (b == Bytes.CR) {
            return to(SIZE_LF);
        }
        return b == Bytes.LF ? ParseError.BARE_LF : ParseError.BAD_CHUNK;
    }

    private ParseError addDigit(int d) {
        // RFC 9112 §7.1: chunk-size = 1*HEXDIG, so leading zeros are legal; they count as overhead, not as digits.
        if (size == 0 && d == 0) {
            return ++overheadBytes > MAX_OVERHEAD_BYTES ? ParseError.CHUNK_LINES_TOO_LONG : null;
        }
        // Checked before the shift: a size beyond a long is malformed (it has no meaning), and is never wrapped.
        if (size > (Long.MAX_VALUE >>> 4)) {
            return ParseError.CHUNK_SIZE_OVERFLOW;
        }
        size = (size << 4) | d;
        return null;
    }

    /**
     * Judges the size of a complete chunk-size line against the limits. Only a line known to be well-formed is "too
     * large": until its LF it could still turn out malformed (an overflowing size, a broken extension), which is a 400,
     * not a 413. The overhead budget bounds how long that can take.
     */
    private ParseError sizeOverLimit() {
        if (size > maxChunkSize) {
            return ParseError.CHUNK_TOO_LARGE;
        }
        if (size > maxBodySize - bodyBytes) {
            return ParseError.BODY_TOO_LARGE;
        }
        return null;
    }

    private ParseError to(int next) {
        state = next;
        return null;
    }

    /** @return whether {@code b} may appear in a field value or quoted text: HTAB, SP, VCHAR or obs-text */
    private static boolean isFieldByte(byte b) {
        return b == Bytes.HTAB || (b >= 0x20 && b != 0x7F) || b < 0;
    }

    private static int hex(byte b) {
        if (b >= '0' && b <= '9') {
            return b - '0';
        }
        int c = b | 0x20;
        return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
    }
}
