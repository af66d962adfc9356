package dev.pronto.codec;

import dev.pronto.FilePart;
import dev.pronto.HttpException;
import dev.pronto.Params;
import dev.pronto.http.Tokens;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Parses a {@code multipart/form-data} body (RFC 7578, framed as in RFC 2046 §5.1.1). Strict: every delimiter line
 * ends with CRLF (a body framed with bare LFs is refused), a part's header section ends with a blank line within
 * {@value #MAX_HEADER_BYTES} bytes, every part has {@code Content-Disposition: form-data} with a {@code name}, and a
 * delimiter followed by anything but padding and CRLF, or {@code --}, is an error rather than content. Throws nothing
 * but {@link HttpException} whatever the bytes.
 */
public final class Multipart {
    /** The most bytes of one part's header section, its blank line included. */
    public static final int MAX_HEADER_BYTES = 8192;
    // RFC 2046 §5.1.1: boundary := 0*69<bchars> bcharsnospace.
    private static final int MAX_BOUNDARY = 70;
    private static final String BCHARS_NOSPACE = "'()+_,-./:=?";
    // RFC 7578 §4.4: file data of no known media type is application/octet-stream.
    private static final String OCTET_STREAM = "application/octet-stream";

    private Multipart() {
    }

    /** What a part's header section says, and where its content starts. */
    private record Head(String name, String filename, String contentType, int contentStart) {
    }

    /**
     * Parses a body.
     *
     * @param body         the bytes holding the body
     * @param offset       where the body starts
     * @param length       the body's length
     * @param boundary     the {@code boundary} parameter of the {@code Content-Type}, unquoted; {@code null} when
     *                     there was none
     * @param maxParts     the most parts accepted
     * @param maxFileBytes the most bytes accepted in one file
     * @return the text fields and files, in order; the file bytes are copies
     * @throws HttpException 400 if the body or boundary is malformed, 413 past {@code maxParts} parts or
     *                       {@code maxFileBytes} in one file
     * @throws IndexOutOfBoundsException if the range is not within the array
     */
    public static MultipartBody parse(byte[] body, int offset, int length, String boundary, int maxParts,
                                      long maxFileBytes) {
        Objects.checkFromIndexSize(offset, length, body.length);
        if (maxParts < 0 || maxFileBytes < 0) {
            throw new IllegalArgumentException("Limits must not be negative: " + maxParts + ", " + maxFileBytes);
        }
        byte[] delimiter = delimiter(boundary);
        int end = offset + length;
        // multipart-body := [preamble CRLF] dash-boundary ..., where dash-boundary is the delimiter without its CRLF.
        int p;
        if (matches(body, offset, end, delimiter, 2)) {
            p = offset + delimiter.length - 2; // no preamble
        } else {
            int first = find(body, offset, end, delimiter);
            if (first < 0) {
                throw malformed("no boundary delimiter");
            }
            p = first + delimiter.length;
        }
        Params.Builder fields = Params.builder("Form field");
        List<FilePart> files = new ArrayList<>();
        int parts = 0;
        while (true) {
            // p is just past a delimiter: "--" closes the body; otherwise transport-padding CRLF opens a part.
            if (p + 1 < end && body[p] == '-' && body[p + 1] == '-') {
                p = skipPadding(body, p + 2, end);
                if (p < end && !isCrlf(body, p, end)) {
                    throw malformed("close delimiter not followed by CRLF");
                }
                return new MultipartBody(fields.build(), files); // anything after CRLF is the epilogue
            }
            p = skipPadding(body, p, end);
            if (!isCrlf(body, p, end)) {
                throw malformed(p == end ? "missing close delimiter" : "delimiter line not ended by CRLF");
            }
            if (++parts > maxParts) {
                throw new HttpException(413, "Too many multipart parts (more than " + maxParts + ")");
            }
            Head head = readHead(body, p + 2, end);
            int contentEnd = find(body, head.contentStart(), end, delimiter);
            if (contentEnd < 0) {
                throw malformed("missing close delimiter");
            }
            addPart(head, body, contentEnd, maxFileBytes, fields, files);
            p = contentEnd + delimiter.length;
        }
    }

    private static void addPart(Head head, byte[] body, int contentEnd, long maxFileBytes, Params.Builder fields,
                                List<FilePart> files) {
        int start = head.contentStart();
        if (head.filename() != null) {
            if (contentEnd - start > maxFileBytes) {
                throw new HttpException(413, "File too large (more than " + maxFileBytes + " bytes)");
            }
            String type = head.contentType() == null || head.contentType().isEmpty()
                    ? OCTET_STREAM : head.contentType();
            files.add(new FilePart(head.name(), head.filename(), type, Arrays.copyOfRange(body, start, contentEnd)));
        } else {
            Charset charset = head.contentType() == null ? StandardCharsets.UTF_8
                    : ContentType.parse(head.contentType()).charset().orElse(StandardCharsets.UTF_8);
            fields.add(head.name(), new String(body, start, contentEnd - start, charset));
        }
    }

    private static Head readHead(byte[] b, int from, int end) {
        int limit = (int) Math.min(end, (long) from + MAX_HEADER_BYTES);
        String disposition = null;
        String contentType = null;
        int p = from;
        while (true) {
            int eol = lineEnd(b, p, limit);
            if (eol < 0) {
                throw malformed(limit < end ? "part header section longer than " + MAX_HEADER_BYTES + " bytes"
                        : "part headers not ended by a blank line");
            }
            if (eol == p) {
                p += 2;
                break;
            }
            int colon = p;
            while (colon < eol && b[colon] != ':') {
                colon++;
            }
            // RFC 9112 §5.1: no whitespace before the colon; a line starting with whitespace is an obs-fold.
            if (colon == p || colon == eol || !Tokens.isToken(b, p, colon)) {
                throw malformed("invalid part header line");
            }
            String name = new String(b, p, colon - p, StandardCharsets.US_ASCII).toLowerCase(Locale.ROOT);
            String value = fieldValue(b, colon + 1, eol);
            if (name.equals("content-disposition")) {
                disposition = once(disposition, value, "Content-Disposition");
            } else if (name.equals("content-type")) {
                contentType = once(contentType, value, "Content-Type");
            }
            p = eol + 2;
        }
        if (disposition == null) {
            throw malformed("part without Content-Disposition");
        }
        int semi = disposition.indexOf(';');
        String type = semi < 0 ? disposition : disposition.substring(0, semi);
        // RFC 7578 §4.2: each part has Content-Disposition: form-data, with a name.
        if (!type.strip().equalsIgnoreCase("form-data")) {
            throw malformed("part not of Content-Disposition form-data");
        }
        Map<String, String> params = ParameterList.parse(disposition, semi < 0 ? disposition.length() : semi);
        if (params.get("name") == null) {
            throw malformed("part without a name");
        }
        return new Head(params.get("name"), params.get("filename"), contentType, p);
    }

    private static String once(String previous, String value, String header) {
        if (previous != null) {
            throw malformed("part with two " + header + " headers");
        }
        return value;
    }

    /** @return the index of the CR of the first CRLF in [from, limit), or -1; a bare CR or LF is an error */
    private static int lineEnd(byte[] b, int from, int limit) {
        for (int i = from; i < limit; i++) {
            if (b[i] == '\n' || (b[i] == '\r' && i + 1 < limit && b[i + 1] != '\n')) {
                throw malformed("bare CR or LF in part headers");
            }
            if (b[i] == '\r') {
                return i + 1 < limit ? i : -1;
            }
        }
        return -1;
    }

    private static String fieldValue(byte[] b, int from, int to) {
        while (from < to && (b[from] == ' ' || b[from] == '\t')) {
            from++;
        }
        while (to > from && (b[to - 1] == ' ' || b[to - 1] == '\t')) {
            to--;
        }
        for (int i = from; i < to; i++) {
            // RFC 9110 §5.5: no controls but HTAB. Bytes past ASCII are kept: browsers send UTF-8 filenames.
            if ((b[i] >= 0 && b[i] < 0x20 && b[i] != '\t') || b[i] == 0x7f) {
                throw malformed("control character in a part header");
            }
        }
        return new String(b, from, to - from, StandardCharsets.UTF_8);
    }

    private static byte[] delimiter(String boundary) {
        if (boundary == null || boundary.isEmpty()) {
            throw malformed("missing boundary");
        }
        if (boundary.length() > MAX_BOUNDARY) {
            throw malformed("boundary longer than " + MAX_BOUNDARY + " characters");
        }
        for (int i = 0; i < boundary.length(); i++) {
            char c = boundary.charAt(i);
            boolean ok = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                    || BCHARS_NOSPACE.indexOf(c) >= 0 || c == ' ' && i < boundary.length() - 1;
            if (!ok) {
                throw malformed("invalid boundary");
            }
        }
        // delimiter := CRLF dash-boundary, dash-boundary := "--" boundary
        return ("\r\n--" + boundary).getBytes(StandardCharsets.US_ASCII);
    }

    /** @return the first index of the pattern in [from, end), or -1: a scan for its first byte, then a compare */
    private static int find(byte[] b, int from, int end, byte[] pattern) {
        int last = end - pattern.length;
        for (int i = from; i <= last; i++) {
            if (b[i] == pattern[0] && matches(b, i, end, pattern, 0)) {
                return i;
            }
        }
        return -1;
    }

    /** @return whether b at {@code at} holds the pattern from its byte {@code skip} on */
    private static boolean matches(byte[] b, int at, int end, byte[] pattern, int skip) {
        int n = pattern.length - skip;
        return end - at >= n && Arrays.equals(b, at, at + n, pattern, skip, pattern.length);
    }

    private static int skipPadding(byte[] b, int p, int end) {
        // transport-padding := *LWSP-char (RFC 2046 §5.1.1), which RFC 7578 §4.1 says receivers accept.
        while (p < end && (b[p] == ' ' || b[p] == '\t')) {
            p++;
        }
        return p;
    }

    private static boolean isCrlf(byte[] b, int p, int end) {
        return p + 1 < end && b[p] == '\r' && b[p + 1] == '\n';
    }

    private static HttpException malformed(String why) {
        return new HttpException(400, "Malformed multipart body: " + why);
    }
}
