package dev.pronto;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MediaTypesTest {
    @Test
    void mapsCommonExtensionsWithoutCase() {
        assertThat(MediaTypes.forFileName("index.html")).isEqualTo("text/html; charset=utf-8");
        assertThat(MediaTypes.forFileName("LOGO.PNG")).isEqualTo("image/png");
        assertThat(MediaTypes.forFileName("app.min.js")).isEqualTo("text/javascript; charset=utf-8");
        assertThat(MediaTypes.forFileName("site.tar.gz")).isEqualTo("application/gzip");
    }

    @Test
    void fallsBackToOctetStream() {
        assertThat(MediaTypes.forFileName("README")).isEqualTo("application/octet-stream");
        assertThat(MediaTypes.forFileName("name.")).isEqualTo("application/octet-stream");
        assertThat(MediaTypes.forFileName("data.unknownext")).isEqualTo("application/octet-stream");
        assertThat(MediaTypes.forFileName("")).isEqualTo("application/octet-stream");
    }
}
