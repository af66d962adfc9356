package dev.pronto;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FilePartTest {
    @Test
    void givesItsSize() {
        assertThat(new FilePart("f", "a.bin", "application/octet-stream", new byte[] {0, 1, 2}).size()).isEqualTo(3);
        assertThat(new FilePart("f", "", "application/octet-stream", new byte[0]).size()).isZero();
    }

    @Test
    void decodesTextAsUtf8ByDefault() {
        assertThat(new FilePart("f", "a.txt", "text/plain", "héllo".getBytes(UTF_8)).text()).isEqualTo("héllo");
        assertThat(new FilePart("f", "a", "application/octet-stream", "é".getBytes(UTF_8)).text()).isEqualTo("é");
    }

    @Test
    void decodesTextWithTheCharsetOfItsContentType() {
        FilePart p = new FilePart("f", "a.txt", "text/plain; Charset=\"ISO-8859-1\"", "café".getBytes(ISO_8859_1));
        assertThat(p.text()).isEqualTo("café");
    }

    @Test
    void fallsBackToUtf8ForAnUnknownCharset() {
        FilePart p = new FilePart("f", "a.txt", "text/plain; charset=x-unknown", "é".getBytes(UTF_8));
        assertThat(p.text()).isEqualTo("é");
    }

    @Test
    void equalsByContentOfItsBytes() {
        FilePart a = new FilePart("f", "a", "t/s", new byte[] {1, 2});
        FilePart b = new FilePart("f", "a", "t/s", new byte[] {1, 2});
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a).isNotEqualTo(new FilePart("f", "a", "t/s", new byte[] {1, 3}));
        assertThat(a).isNotEqualTo(new FilePart("g", "a", "t/s", new byte[] {1, 2}));
    }

    @Test
    void showsItsSizeNotItsContent() {
        assertThat(new FilePart("f", "a.txt", "text/plain", "secret".getBytes(UTF_8)))
                .hasToString("FilePart[field=f, filename=a.txt, contentType=text/plain, size=6]");
    }

    @Test
    void refusesNulls() {
        assertThatThrownBy(() -> new FilePart(null, "a", "t/s", new byte[0])).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new FilePart("f", null, "t/s", new byte[0])).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new FilePart("f", "a", null, new byte[0])).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new FilePart("f", "a", "t/s", null)).isInstanceOf(NullPointerException.class);
    }
}
