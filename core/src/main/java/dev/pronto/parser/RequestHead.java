package dev.pronto.parser;

import dev.pronto.http.Methods;

import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * A parsed request head as a reused table of int offsets into the caller's buffer (absolute indices); nothing is
 * copied or decoded, so a String is only made when someone asks for one.
 */
public final class RequestHead {
    // Where a parse stands, so that a call after NEED_MORE resumes at the first unfinished header line.
    static final int IDLE = 0;
    static final int IN_HEADERS = 1;
    static final int FINISHED = 2;

    // One row of FIELD_SLOTS ints per header field, so that storing a field touches one array.
    private static final int NAME_START = 0;
    private static final int NAME_END = 1;
    private static final int VALUE_START = 2;
    private static final int VALUE_END = 3;
    private static final int ID = 4;
    private static final int FIELD_SLOTS = 5;

    private final int[] fields;

    int start;
    int end;
    int methodStart;
    int methodEnd;
    int method;
    int targetStart;
    int targetEnd;
    int pathStart;
    int pathEnd;
    int queryStart;
    int queryEnd;
    int authorityStart;
    int authorityEnd;
    int minorVersion;
    int headerCount;
    long contentLength;
    boolean chunked;
    boolean keepAlive;
    boolean expectContinue;
    int hostIndex;
    ParseError error;

    // Parse progress: valid while stage == IN_HEADERS, for this buffer and this start only.
    int stage;
    ByteBuffer progressBuf;
    int progressStart;
    int progressEnd;
    int headersStart;
    int resumeAt;
    boolean transferEncodingSeen;
    boolean unknownCoding;           // a coding other than chunked, judged when the head ends (RFC 9112 §6.1)
    boolean unsupportedExpectation;  // judged when the head ends, after every framing check (RFC 9110 §10.1.1)
    boolean connectionClose;
    boolean connectionKeepAlive;

    /**
     * Creates an empty head.
     *
     * @param maxHeaders how many header fields it can hold; a parser never stores more than this
     */
    public RequestHead(int maxHeaders) {
        if (maxHeaders <= 0) {
            throw new IllegalArgumentException("maxHeaders must be positive, was " + maxHeaders);
        }
        fields = new int[maxHeaders * FIELD_SLOTS];
        reset();
    }

    /**
     * Forgets the previous request, including any unfinished parse, so that the next parse starts afresh. Not needed
     * between requests (a parse after a finished one starts afresh by itself), only when the head is reused for
     * another connection or its unfinished parse is abandoned.
     */
    public void reset() {
        start = end = 0;
        methodStart = methodEnd = 0;
        method = Methods.OTHER;
        targetStart = targetEnd = pathStart = pathEnd = 0;
        queryStart = queryEnd = -1;
        authorityStart = authorityEnd = -1;
        minorVersion = 1;
        headerCount = 0;
        contentLength = -1;
        chunked = keepAlive = expectContinue = false;
        hostIndex = -1;
        error = null;
        stage = IDLE;
        progressBuf = null;
        progressStart = progressEnd = headersStart = resumeAt = 0;
        transferEncodingSeen = unknownCoding = unsupportedExpectation = false;
        connectionClose = connectionKeepAlive = false;
    }

    /** @return how many header fields this head can hold */
    public int capacity() {
        return fields.length / FIELD_SLOTS;
    }

    /** @return index of the first byte of the request line, after skipped leading empty lines */
    public int start() {
        return start;
    }

    /** @return index just after the CRLFCRLF that ends the head */
    public int end() {
        return end;
    }

    /** @return index of the method's first byte */
    public int methodStart() {
        return methodStart;
    }

    /** @return index just after the method */
    public int methodEnd() {
        return methodEnd;
    }

    /** @return a {@link Methods} constant, {@link Methods#OTHER} for an extension method */
    public int method() {
        return method;
    }

    /** @return index of the request-target's first byte */
    public int targetStart() {
        return targetStart;
    }

    /** @return index just after the request-target */
    public int targetEnd() {
        return targetEnd;
    }

    /**
     * Where the path starts: the whole path of origin-form, the part after the authority of absolute-form (possibly
     * empty), the star of asterisk-form, an empty range at {@link #targetEnd()} for authority-form.
     *
     * @return index of the path's first byte
     */
    public int pathStart() {
        return pathStart;
    }

    /** @return index just after the path */
    public int pathEnd() {
        return pathEnd;
    }

    /** @return index just after the '?' of the target, −1 when it has none */
    public int queryStart() {
        return queryStart;
    }

    /** @return index just after the query (the target's end), −1 when the target has no '?' */
    public int queryEnd() {
        return queryEnd;
    }

    /** @return index of the authority of an absolute-form or authority-form target, −1 for the other forms */
    public int authorityStart() {
        return authorityStart;
    }

    /** @return index just after that authority, −1 when there is none */
    public int authorityEnd() {
        return authorityEnd;
    }

    /** @return 0 for HTTP/1.0, 1 for HTTP/1.1 (and HTTP/1.2..1.9, which RFC 9110 §6.2 lets us treat as 1.1) */
    public int minorVersion() {
        return minorVersion;
    }

    /** @return the number of header fields */
    public int headerCount() {
        return headerCount;
    }

    /**
     * @param i a header index below {@link #headerCount()}
     * @return index of the header name's first byte
     */
    public int nameStart(int i) {
        return fields[Objects.checkIndex(i, headerCount) * FIELD_SLOTS + NAME_START];
    }

    /**
     * @param i a header index below {@link #headerCount()}
     * @return index just after the header name
     */
    public int nameEnd(int i) {
        return fields[Objects.checkIndex(i, headerCount) * FIELD_SLOTS + NAME_END];
    }

    /**
     * @param i a header index below {@link #headerCount()}
     * @return index of the value's first byte, leading SP/HTAB skipped
     */
    public int valueStart(int i) {
        return fields[Objects.checkIndex(i, headerCount) * FIELD_SLOTS + VALUE_START];
    }

    /**
     * @param i a header index below {@link #headerCount()}
     * @return index just after the value, trailing SP/HTAB trimmed
     */
    public int valueEnd(int i) {
        return fields[Objects.checkIndex(i, headerCount) * FIELD_SLOTS + VALUE_END];
    }

    /**
     * @param i a header index below {@link #headerCount()}
     * @return a {@link HeaderNames} constant, {@link HeaderNames#UNKNOWN} (0) for other names
     */
    public int headerId(int i) {
        return fields[Objects.checkIndex(i, headerCount) * FIELD_SLOTS + ID];
    }

    /** @return the Content-Length value, −1 when absent */
    public long contentLength() {
        return contentLength;
    }

    /** @return whether the body is chunked (Transfer-Encoding ends in chunked) */
    public boolean chunked() {
        return chunked;
    }

    /** @return whether the connection may stay open after this request (RFC 9112 §9.3) */
    public boolean keepAlive() {
        return keepAlive;
    }

    /** @return whether an HTTP/1.1 client waits for 100 Continue before sending the body (RFC 9110 §10.1.1) */
    public boolean expectContinue() {
        return expectContinue;
    }

    /** @return the header index of Host, −1 if there is none */
    public int hostIndex() {
        return hostIndex;
    }

    /** @return why the head was rejected, null when it was not */
    public ParseError error() {
        return error;
    }

    /**
     * Copies another head with every offset shifted, e.g. to detach a request into a byte array of its own.
     *
     * @param other a head with at most {@link #capacity()} header fields
     * @param delta what to add to every offset of {@code other}
     */
    public void copyFrom(RequestHead other, int delta) {
        int n = other.headerCount;
        if (n > capacity()) {
            throw new IllegalArgumentException(n + " headers do not fit a head of capacity " + capacity());
        }
        start = other.start + delta;
        end = other.end + delta;
        methodStart = other.methodStart + delta;
        methodEnd = other.methodEnd + delta;
        method = other.method;
        targetStart = other.targetStart + delta;
        targetEnd = other.targetEnd + delta;
        pathStart = other.pathStart + delta;
        pathEnd = other.pathEnd + delta;
        queryStart = shiftOptional(other.queryStart, delta);
        queryEnd = shiftOptional(other.queryEnd, delta);
        authorityStart = shiftOptional(other.authorityStart, delta);
        authorityEnd = shiftOptional(other.authorityEnd, delta);
        minorVersion = other.minorVersion;
        headerCount = n;
        for (int row = 0; row < n * FIELD_SLOTS; row += FIELD_SLOTS) {
            fields[row + NAME_START] = other.fields[row + NAME_START] + delta;
            fields[row + NAME_END] = other.fields[row + NAME_END] + delta;
            fields[row + VALUE_START] = other.fields[row + VALUE_START] + delta;
            fields[row + VALUE_END] = other.fields[row + VALUE_END] + delta;
            fields[row + ID] = other.fields[row + ID];
        }
        contentLength = other.contentLength;
        chunked = other.chunked;
        keepAlive = other.keepAlive;
        expectContinue = other.expectContinue;
        hostIndex = other.hostIndex;
        error = other.error;
        // A copy is a finished result over other bytes: it never resumes a parse.
        stage = FINISHED;
        progressBuf = null;
        progressStart = progressEnd = 0;
        headersStart = other.headersStart + delta;
        resumeAt = other.resumeAt + delta;
        transferEncodingSeen = other.transferEncodingSeen;
        unknownCoding = other.unknownCoding;
        unsupportedExpectation = other.unsupportedExpectation;
        connectionClose = other.connectionClose;
        connectionKeepAlive = other.connectionKeepAlive;
    }

    private static int shiftOptional(int offset, int delta) {
        return offset < 0 ? offset : offset + delta;
    }

    /** @return whether a parse of {@code buf} from {@code from} up to {@code to} can resume this unfinished one */
    boolean resumes(ByteBuffer buf, int from, int to) {
        return stage == IN_HEADERS && buf == progressBuf && from == progressStart && to >= progressEnd;
    }

    /** Starts a fresh parse of {@code buf} from {@code from}. */
    void begin(ByteBuffer buf, int from) {
        reset();
        progressBuf = buf;
        progressStart = from;
    }

    /** Stores a complete header line. */
    void addHeader(int nameStart, int nameEnd, int valueStart, int valueEnd, int id) {
        int row = headerCount++ * FIELD_SLOTS;
        fields[row + NAME_START] = nameStart;
        fields[row + NAME_END] = nameEnd;
        fields[row + VALUE_START] = valueStart;
        fields[row + VALUE_END] = valueEnd;
        fields[row + ID] = id;
    }

    /** Marks the head rejected. */
    int fail(ParseError e) {
        error = e;
        stage = FINISHED;
        progressBuf = null;
        return RequestParser.ERROR;
    }
}
