package dev.pronto.parser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pronto.http.Methods;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Renders a parsed head as the fields that tests and the conformance corpus check ({@code method: GET},
 * {@code header: Host: a}, …), after checking the head's own invariants.
 */
final class HeadView {
    private HeadView() {
    }

    /**
     * @param base index of the input's first byte in {@code buf}, so that {@code consumed} and {@code start} are
     *             relative to the input
     * @return every field by key; {@code header} holds one "Name: value" line per field, in order
     */
    static Map<String, List<String>> fields(RequestHead h, ByteBuffer buf, int base) {
        checkInvariants(h, buf);
        Map<String, List<String>> m = new LinkedHashMap<>();
        put(m, "method", text(buf, h.methodStart(), h.methodEnd()));
        put(m, "method-id", Methods.name(h.method()));
        put(m, "target", text(buf, h.targetStart(), h.targetEnd()));
        put(m, "path", text(buf, h.pathStart(), h.pathEnd()));
        put(m, "query", h.queryStart() < 0 ? "none" : text(buf, h.queryStart(), h.queryEnd()));
        put(m, "authority", h.authorityStart() < 0 ? "none" : text(buf, h.authorityStart(), h.authorityEnd()));
        put(m, "version", "1." + h.minorVersion());
        put(m, "headers", Integer.toString(h.headerCount()));
        put(m, "content-length", h.contentLength() < 0 ? "none" : Long.toString(h.contentLength()));
        put(m, "chunked", Boolean.toString(h.chunked()));
        put(m, "keep-alive", Boolean.toString(h.keepAlive()));
        put(m, "expect-continue", Boolean.toString(h.expectContinue()));
        put(m, "host", h.hostIndex() < 0 ? "none"
                : text(buf, h.valueStart(h.hostIndex()), h.valueEnd(h.hostIndex())));
        put(m, "start", Integer.toString(h.start() - base));
        put(m, "end", Integer.toString(h.end() - base));
        List<String> headers = new ArrayList<>();
        for (int i = 0; i < h.headerCount(); i++) {
            headers.add(text(buf, h.nameStart(i), h.nameEnd(i)) + ": " + text(buf, h.valueStart(i), h.valueEnd(i)));
        }
        m.put("header", headers);
        return m;
    }

    /** Asserts that each expected field (key, value) is what the head holds; "header" lines must be present. */
    static void assertFields(Map<String, List<String>> actual, List<ConformanceCorpus.Field> expected, String what) {
        for (ConformanceCorpus.Field f : expected) {
            if (f.key().equals("body") || f.key().equals("error") || f.key().equals("consumed")) {
                continue;
            }
            assertThat(actual).as("%s: unknown field %s", what, f.key()).containsKey(f.key());
            String value = new String(ConformanceCorpus.unescape(f.value()), StandardCharsets.ISO_8859_1);
            if (f.key().equals("header")) {
                assertThat(actual.get("header")).as("%s: headers", what).contains(value);
            } else {
                assertThat(actual.get(f.key())).as("%s: %s", what, f.key()).containsExactly(value);
            }
        }
    }

    static String text(ByteBuffer buf, int from, int to) {
        byte[] b = new byte[to - from];
        buf.get(from, b);
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    private static void put(Map<String, List<String>> m, String key, String value) {
        m.put(key, List.of(value));
    }

    /** Offsets are ordered and inside the head, and the recognised ids agree with the bytes. */
    private static void checkInvariants(RequestHead h, ByteBuffer buf) {
        assertThat(h.error()).isNull();
        assertThat(h.start()).isLessThanOrEqualTo(h.methodStart());
        assertThat(h.methodStart()).isLessThan(h.methodEnd());
        assertThat(h.methodEnd() + 1).isEqualTo(h.targetStart());
        assertThat(h.targetStart()).isLessThan(h.targetEnd());
        assertThat(h.pathStart()).isBetween(h.targetStart(), h.targetEnd());
        assertThat(h.pathEnd()).isBetween(h.pathStart(), h.targetEnd());
        assertThat(h.end()).isGreaterThan(h.targetEnd());
        assertThat(text(buf, h.end() - 4, h.end())).isEqualTo("\r\n\r\n");
        String method = text(buf, h.methodStart(), h.methodEnd());
        assertThat(Methods.name(h.method())).isEqualTo(isStandardMethod(method) ? method : "OTHER");
        for (int i = 0; i < h.headerCount(); i++) {
            assertThat(h.nameStart(i)).isLessThan(h.nameEnd(i));
            assertThat(h.nameEnd(i)).isLessThan(h.valueStart(i));
            assertThat(h.valueStart(i)).isLessThanOrEqualTo(h.valueEnd(i));
            assertThat(h.valueEnd(i)).isLessThan(h.end());
            String name = text(buf, h.nameStart(i), h.nameEnd(i)).toLowerCase(Locale.ROOT);
            String known = HeaderNames.name(h.headerId(i));
            assertThat(known).as("id of header %s", name).isEqualTo(isKnownHeader(name) ? name : "");
        }
    }

    private static boolean isStandardMethod(String m) {
        return List.of("GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH").contains(m);
    }

    static boolean isKnownHeader(String lowerCaseName) {
        for (int id = 1; !HeaderNames.name(id).isEmpty(); id++) {
            if (HeaderNames.name(id).equals(lowerCaseName)) {
                return true;
            }
        }
        return false;
    }
}
