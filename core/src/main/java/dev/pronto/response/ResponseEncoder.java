package dev.pronto.response;

import dev.pronto.Response;
import dev.pronto.Status;
import dev.pronto.http.Statuses;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Writes response heads; one per event loop. A head is the status line and fixed fields (kept by this encoder the
 * second time a response is encoded, so a constant response costs one copy), then {@code Date}, then
 * {@code Connection} when needed, then CRLF. The body is placed by the caller, who decides between copying it and a
 * gathering write. Used by one thread at a time.
 */
public final class ResponseEncoder {
    /** No {@code Connection} field: the default of HTTP/1.1 keep-alive. */
    public static final int KEEP_ALIVE_DEFAULT = 0;
    /** {@code Connection: close}: the connection closes after this response (RFC 9112 §9.6). */
    public static final int CLOSE = 1;
    /** {@code Connection: keep-alive}: an HTTP/1.0 client asked to keep the connection (RFC 9112 §9.3). */
    public static final int KEEP_ALIVE_HTTP10 = 2;

    /** The interim response to {@code Expect: 100-continue} (RFC 9110 §10.1.1). */
    public static final byte[] CONTINUE = "HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    private static final byte[][] STATUS_LINES = new byte[600][];
    private static final byte[] CONTENT_TYPE = "Content-Type: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CONTENT_LENGTH = "Content-Length: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CONNECTION_CLOSE = "Connection: close\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CONNECTION_KEEP_ALIVE =
            "Connection: keep-alive\r\n".getBytes(StandardCharsets.US_ASCII);
    /** Room for Date, the longest Connection line and the final CRLF. */
    private static final int TAIL_MAX = HttpDate.LINE_LENGTH + 24 + 2;

    static {
        for (int code = 100; code < 600; code++) {
            STATUS_LINES[code] = ("HTTP/1.1 " + code + " " + Status.reasonPhrase(code) + "\r\n")
                    .getBytes(StandardCharsets.US_ASCII);
        }
    }

    private final HeadCache heads = new HeadCache();

    /** An encoder with no head kept yet, for one event loop. */
    public ResponseEncoder() {
    }

    /**
     * Writes a response's head into {@code out}, or nothing if it does not fit.
     *
     * @param response   the response
     * @param connection {@link #KEEP_ALIVE_DEFAULT}, {@link #CLOSE} or {@link #KEEP_ALIVE_HTTP10}
     * @param date       the loop's date line
     * @param out        the buffer, written from its position
     * @return false, with {@code out} untouched, when the head needs more room than {@code out} has left
     */
    public boolean encodeHead(Response response, int connection, HttpDate date, ByteBuffer out) {
        byte[] cached = heads.find(response);
        if (cached != null) {
            if (out.remaining() < cached.length + TAIL_MAX) {
                return false;
            }
            out.put(cached);
        } else {
            int start = out.position();
            if (out.remaining() < fixedLength(response) + TAIL_MAX) {
                return false;
            }
            writeFixed(response, out);
            heads.encoded(response, out, start);
        }
        out.put(date.line());
        if (connection == CLOSE) {
            out.put(CONNECTION_CLOSE);
        } else if (connection == KEEP_ALIVE_HTTP10) {
            out.put(CONNECTION_KEEP_ALIVE);
        }
        out.put((byte) '\r').put((byte) '\n');
        return true;
    }

    private static int fixedLength(Response r) {
        int status = r.status();
        int n = STATUS_LINES[status].length;
        Optional<String> type = r.contentType();
        if (type.isPresent()) {
            n += CONTENT_TYPE.length + type.get().length() + 2;
        }
        if (Statuses.permitsBody(status)) {
            n += CONTENT_LENGTH.length + 19 + 2;
        }
        List<Map.Entry<String, String>> headers = r.headers(); // not copied; indexed, so no iterator either
        for (int i = 0, count = headers.size(); i < count; i++) {
            Map.Entry<String, String> field = headers.get(i);
            n += field.getKey().length() + 2 + field.getValue().length() + 2;
        }
        return n;
    }

    private static void writeFixed(Response r, ByteBuffer out) {
        int status = r.status();
        out.put(STATUS_LINES[status]);
        Optional<String> type = r.contentType();
        if (type.isPresent()) {
            out.put(CONTENT_TYPE);
            latin1(type.get(), out);
            crlf(out);
        }
        if (Statuses.permitsBody(status)) {
            // RFC 9110 §8.6: also sent for HEAD, as the length a GET would have had.
            out.put(CONTENT_LENGTH);
            digits(switch (r.body()) {
                case Response.Body.Bytes bytes -> bytes.length();
                case Response.Body.File file -> file.length();
            }, out);
            crlf(out);
        }
        List<Map.Entry<String, String>> headers = r.headers();
        for (int i = 0, count = headers.size(); i < count; i++) {
            Map.Entry<String, String> field = headers.get(i);
            latin1(field.getKey(), out);
            out.put((byte) ':').put((byte) ' ');
            latin1(field.getValue(), out);
            crlf(out);
        }
    }

    private static void latin1(String s, ByteBuffer out) {
        // Names are tokens and values were checked to be at most U+00FF when set.
        for (int i = 0, n = s.length(); i < n; i++) {
            out.put((byte) s.charAt(i));
        }
    }

    private static void digits(long v, ByteBuffer out) {
        if (v == 0) {
            out.put((byte) '0');
            return;
        }
        long div = 1;
        while (div <= v / 10) {
            div *= 10;
        }
        for (; div > 0; div /= 10) {
            out.put((byte) ('0' + (v / div) % 10));
        }
    }

    private static void crlf(ByteBuffer out) {
        out.put((byte) '\r').put((byte) '\n');
    }
}
