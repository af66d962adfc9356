package dev.pronto.parser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pronto.http.Methods;

import java.nio.ByteBuffer;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** Methods and header names are recognised by packed compares exactly, and nothing else is. */
class TokenRecognitionTest {
    private static final String[] METHODS = {"GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE",
        "PATCH"};

    @Test
    void recognisesEveryStandardMethodAndNoVariant() {
        for (int id = 1; id <= 9; id++) {
            String m = METHODS[id - 1];
            assertThat(Methods.name(id)).isEqualTo(m);
            assertThat(method(m)).isEqualTo(id);
            assertThat(method(m.toLowerCase(Locale.ROOT))).isEqualTo(Methods.OTHER);
            for (int i = 0; i < m.length(); i++) {
                char[] c = m.toCharArray();
                c[i] ^= 1;
                assertThat(method(new String(c))).as(new String(c)).isEqualTo(Methods.OTHER);
            }
        }
        assertThat(Methods.name(Methods.OTHER)).isEqualTo("OTHER");
    }

    @Test
    void recognisesEveryHeaderNameInAnyCaseAndNoVariant() {
        for (int id = 1; !HeaderNames.name(id).isEmpty(); id++) {
            String n = HeaderNames.name(id);
            assertThat(header(n)).as(n).isEqualTo(id);
            assertThat(header(n.toUpperCase(Locale.ROOT))).as(n).isEqualTo(id);
            assertThat(header(alternateCase(n))).as(n).isEqualTo(id);
            for (int i = 0; i < n.length(); i++) {
                char[] c = n.toCharArray();
                c[i] = c[i] == '-' ? '_' : c[i] == 'z' ? 'y' : (char) (c[i] + 1);
                assertThat(header(new String(c))).as(new String(c)).isEqualTo(HeaderNames.UNKNOWN);
            }
            assertThat(header(n + "s")).isEqualTo(HeaderNames.UNKNOWN);
            assertThat(header(n.substring(1))).isEqualTo(HeaderNames.UNKNOWN);
        }
        assertThat(HeaderNames.name(HeaderNames.UNKNOWN)).isEmpty();
        assertThat(HeaderNames.name(999)).isEmpty();
    }

    private static int method(String m) {
        // The SP that ends a method on the wire follows it here too; garbage after it must not matter.
        ByteBuffer buf = ByteBuffer.wrap(TestBuffers.bytes("\0" + m + " /xyz"));
        return MethodTokens.identify(buf, 1, m.length());
    }

    private static int header(String name) {
        ByteBuffer buf = ByteBuffer.allocateDirect(name.length() + 2).put(0, TestBuffers.bytes("\0" + name + ":"));
        return HeaderNames.identify(buf, 1, name.length());
    }

    private static String alternateCase(String s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            sb.append(i % 2 == 0 ? Character.toUpperCase(c) : c);
        }
        return sb.toString();
    }
}
