package dev.pronto.test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A {@code multipart/form-data} body being built (RFC 7578), and the percent-encoding of queries and forms. */
final class Multipart {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    /** One part: its field name, file name (null for a plain field), media type (null for a plain field), bytes. */
    private record Part(String name, String filename, String contentType, byte[] content) {
    }

    private final List<Part> parts = new ArrayList<>();
    private String boundary;

    void field(String name, String value) {
        parts.add(new Part(name, null, null, value.getBytes(StandardCharsets.UTF_8)));
    }

    void file(String name, String filename, String contentType, byte[] content) {
        parts.add(new Part(name, filename, contentType, content.clone()));
    }

    String contentType() {
        return "multipart/form-data; boundary=" + boundary();
    }

    byte[] encode() {
        String b = boundary();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Part p : parts) {
            StringBuilder head = new StringBuilder("--").append(b).append("\r\n")
                    .append("Content-Disposition: form-data; name=\"").append(quoted(p.name())).append('"');
            if (p.filename() != null) {
                head.append("; filename=\"").append(quoted(p.filename())).append('"');
            }
            head.append("\r\n");
            if (p.contentType() != null) {
                head.append("Content-Type: ").append(p.contentType()).append("\r\n");
            }
            head.append("\r\n");
            out.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
            out.writeBytes(p.content());
            out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        out.writeBytes(("--" + b + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    /** @return a boundary that occurs in no part (RFC 2046 §5.1.1), the same for the same parts */
    private String boundary() {
        if (boundary == null) {
            String candidate = "pronto-test-boundary";
            for (int n = 0; occurs(candidate); n++) {
                candidate = "pronto-test-boundary-" + n;
            }
            boundary = candidate;
        }
        return boundary;
    }

    private boolean occurs(String candidate) {
        for (Part p : parts) {
            if (new String(p.content(), StandardCharsets.ISO_8859_1).contains(candidate)) {
                return true;
            }
        }
        return false;
    }

    /** A name in a quoted string: the HTML standard's multipart encoding turns {@code "}, CR and LF into escapes. */
    private static String quoted(String s) {
        return s.replace("\"", "%22").replace("\r", "%0D").replace("\n", "%0A");
    }

    /**
     * Percent-encodes text as UTF-8: every byte but the unreserved characters of RFC 3986 §2.3.
     *
     * @param s the text
     * @return the encoded text, a space as {@code %20}
     */
    static String percentEncode(String s) {
        StringBuilder out = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.'
                    || c == '_' || c == '~') {
                out.append((char) c);
            } else {
                out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xF]);
            }
        }
        return out.toString();
    }
}
