package dev.pronto.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The codecs stay pure: no I/O, and of ours only the public API and the grammar facts of {@code dev.pronto.http}. */
class CodecPackageRulesTest {
    private static final Path SOURCES = Path.of("src/main/java/dev/pronto/codec");
    private static final List<String> FORBIDDEN = List.of("java.io.", "java.nio.channels.", "java.nio.file.",
            "java.net.", "sun.", "jdk.internal.", "java.util.concurrent.");
    private static final Pattern IMPORT = Pattern.compile("^import (static )?([\\w.]+)", Pattern.MULTILINE);

    @Test
    void importsNoIoAndOfOursOnlyThePublicApi() throws IOException {
        List<Path> sources;
        try (Stream<Path> files = Files.list(SOURCES)) {
            sources = files.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        }
        assertThat(sources).isNotEmpty();
        for (Path f : sources) {
            Matcher m = IMPORT.matcher(Files.readString(f));
            while (m.find()) {
                String imported = m.group(2);
                assertThat(FORBIDDEN).as("%s imports %s", f.getFileName(), imported).noneMatch(imported::startsWith);
                if (imported.startsWith("dev.pronto.")) {
                    assertThat(imported).as("%s imports %s", f.getFileName(), imported)
                            .matches("dev\\.pronto\\.([A-Z]\\w*|http\\.[A-Z]\\w*)");
                }
            }
        }
    }
}
