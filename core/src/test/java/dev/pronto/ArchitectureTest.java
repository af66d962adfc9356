package dev.pronto;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keeps the arrows pointing one way: parser → nothing; router → codecs; transport → no HTTP; response and codecs → the
 * public API only.
 */
class ArchitectureTest {
    private static final Path MAIN = Path.of("src/main/java/dev/pronto");
    private static final Pattern IMPORT = Pattern.compile("^import (?:static )?([\\w.]+)\\.[\\w*]+;", Pattern.MULTILINE);

    private static List<String> importsOf(String pkg) {
        Path dir = MAIN.resolve(pkg.replace('.', '/'));
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(f -> f.toString().endsWith(".java")).flatMap(f -> {
                try {
                    Matcher m = IMPORT.matcher(Files.readString(f));
                    return m.results().map(r -> f.getFileName() + ": " + r.group(1)).toList().stream();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void parserImportsNothingOfOursAndNoIo() {
        assertThat(importsOf("parser")).allSatisfy(i -> assertThat(i.replaceAll(": dev\\.pronto\\.parser.*", ""))
                .doesNotContain(": dev.pronto").doesNotContain(": java.io").doesNotContain(": java.net")
                .doesNotContain(": java.nio.channels").doesNotContain(": sun."));
    }

    @Test
    void transportKnowsNoHttp() {
        assertThat(importsOf("transport")).allSatisfy(i -> assertThat(i.replaceAll(": dev\\.pronto\\.transport.*", ""))
                .doesNotContain(": dev.pronto"));
    }

    @Test
    void responseEncoderKnowsOnlyThePublicApi() {
        assertThat(importsOf("response")).allSatisfy(i -> assertThat(i).doesNotContainPattern(
                ": dev\\.pronto\\.(parser|connection|transport)"));
    }

    @Test
    void routerImportsOnlyTheCodecs() {
        assertThat(importsOf("router")).allSatisfy(i -> assertThat(i.replaceAll(": dev\\.pronto\\.(router|codec).*", ""))
                .doesNotContain(": dev.pronto"));
    }

    @Test
    void codecsKnowOnlyThePublicApi() {
        assertThat(importsOf("codec")).allSatisfy(i -> assertThat(i).doesNotContainPattern(
                ": dev\\.pronto\\.(parser|connection|transport|router|response)"));
    }

    @Test
    void apiPackageDoesNotImportTheEncoder() throws IOException {
        // The encoder reads a response through its public methods and keeps the cached heads itself: no accessor from
        // the value into the engine, so no file cycle between Response and ResponseEncoder.
        List<String> imports = importsOf("");
        try (Stream<Path> api = Files.list(MAIN)) {
            assertThat(api.map(f -> f.getFileName() + ": dev.pronto.response")).noneMatch(imports::contains);
        }
    }
}
