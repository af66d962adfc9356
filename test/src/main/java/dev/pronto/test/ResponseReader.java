package dev.pronto.test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Splits the bytes a server sent into HTTP/1.1 responses, framed as RFC 9112 §6.3 says. Lenient where the server is
 * the one under test: it reads what arrived, and whatever it cannot frame stays unparsed instead of failing.
 */
final class ResponseReader {
    private static final byte[] CRLF = {'\r', '\n'};

    /**
     * The responses complete in a prefix of the bytes.
     *
     * @param responses the final responses, in order (interim 1xx ones are skipped)
     * @param end       the index after the last byte of the last complete response
     */
    record Parsed(List<TestResponse> responses, int end) {
    }

    private ResponseReader() {
    }

    /**
     * Parses every complete response in {@code b[0, length)}.
     *
     * @param b      the bytes received
     * @param length how many of them
     * @param closed whether the server has closed: a response framed by the close (no length) ends there
     * @param head   whether the responses answer {@code HEAD}, which carry no body whatever their fields say
     * @return the complete responses and where they end
     */
    static Parsed parse(byte[] b, int length, boolean closed, boolean head) {
        List<TestResponse> responses = new ArrayList<>();
        int at = 0;
        while (at < length) {
            int next = one(b, at, length, closed, head, responses);
            if (next < 0) {
                break;
            }
            at = next;
        }
        return new Parsed(responses, at);
    }

    /** @return the index after the response at {@code from}, or -1 if it is not complete (or not a response) */
    private static int one(byte[] b, int from, int length, boolean closed, boolean head, List<TestResponse> out) {
        int headEnd = indexOf(b, from, length, new byte[] {'\r', '\n', '\r', '\n'});
        if (headEnd < 0) {
            return -1;
        }
        String[] lines = new String(b, from, headEnd - from, StandardCharsets.ISO_8859_1).split("\r\n", -1);
        String statusLine = lines[0];
        // status-line = HTTP-version SP status-code SP [ reason-phrase ] (RFC 9112 §4)
        if (!statusLine.startsWith("HTTP/") || statusLine.length() < 12 || statusLine.charAt(8) != ' ') {
            return -1;
        }
        int status;
        try {
            status = Integer.parseInt(statusLine.substring(9, 12));
        } catch (NumberFormatException e) {
            return -1;
        }
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon <= 0) {
                return -1;
            }
            headers.computeIfAbsent(lines[i].substring(0, colon).toLowerCase(Locale.ROOT), n -> new ArrayList<>())
                    .add(lines[i].substring(colon + 1).strip());
        }
        int bodyStart = headEnd + 4;
        if (status >= 100 && status < 200 && status != 101) {
            return bodyStart; // interim: the final response follows (RFC 9110 §15.2)
        }
        if (head || status < 200 || status == 204 || status == 304) {
            out.add(new TestResponse(status, headers, new byte[0]));
            return bodyStart;
        }
        String coding = String.join(",", headers.getOrDefault("transfer-encoding", List.of()))
                .toLowerCase(Locale.ROOT);
        if (coding.strip().endsWith("chunked")) {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            int end = chunked(b, bodyStart, length, body);
            if (end < 0) {
                return -1;
            }
            out.add(new TestResponse(status, headers, body.toByteArray()));
            return end;
        }
        List<String> lengths = headers.get("content-length");
        if (lengths != null) {
            long n;
            try {
                n = Long.parseLong(lengths.get(0));
            } catch (NumberFormatException e) {
                return -1;
            }
            if (length - bodyStart < n) {
                return -1;
            }
            out.add(new TestResponse(status, headers, Arrays.copyOfRange(b, bodyStart,
                    bodyStart + (int) n)));
            return bodyStart + (int) n;
        }
        if (!closed) {
            return -1; // the body runs until the server closes (RFC 9112 §6.3, last rule)
        }
        out.add(new TestResponse(status, headers, Arrays.copyOfRange(b, bodyStart, length)));
        return length;
    }

    /** Decodes a chunked body (RFC 9112 §7.1); @return the index after its trailer section, or -1 if incomplete */
    private static int chunked(byte[] b, int from, int length, ByteArrayOutputStream body) {
        int at = from;
        while (true) {
            int lineEnd = indexOf(b, at, length, CRLF);
            if (lineEnd < 0) {
                return -1;
            }
            String sizeLine = new String(b, at, lineEnd - at, StandardCharsets.ISO_8859_1);
            int semicolon = sizeLine.indexOf(';');
            long size;
            try {
                size = Long.parseLong((semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).strip(), 16);
            } catch (NumberFormatException e) {
                return -1;
            }
            at = lineEnd + 2;
            if (size == 0) {
                // trailer-section CRLF: header lines until an empty one
                while (true) {
                    int trailerEnd = indexOf(b, at, length, CRLF);
                    if (trailerEnd < 0) {
                        return -1;
                    }
                    boolean empty = trailerEnd == at;
                    at = trailerEnd + 2;
                    if (empty) {
                        return at;
                    }
                }
            }
            if (length - at < size + 2) {
                return -1;
            }
            body.write(b, at, (int) size);
            at += (int) size + 2;
        }
    }

    private static int indexOf(byte[] b, int from, int to, byte[] needle) {
        outer:
        for (int i = from; i <= to - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (b[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
