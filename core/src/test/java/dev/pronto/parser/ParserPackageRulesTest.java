package dev.pronto.parser;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The parser stays pure: it imports nothing of ours but the grammar facts of {@code dev.pronto.http} (the one leaf
 * every package may share, see ArchitectureTest), no I/O, and every class in it is final.
 */
class ParserPackageRulesTest {
    private static final Path SOURCES = Path.of("src/main/java/dev/pronto/parser");
    private static final List<String> FORBIDDEN = List.of("java.io.", "java.nio.channels.", "java.nio.file.",
            "java.net.", "sun.", "jdk.internal.", "jdk.incubator.", "java.util.concurrent.");
    private static final Pattern IMPORT = Pattern.compile("^import (static )?([\\w.]+)", Pattern.MULTILINE);
    private static final Pattern CLASS = Pattern.compile("^(public )?((final|abstract|sealed|non-sealed) )?class ",
            Pattern.MULTILINE);

    @Test
    void importsNothingOfOursAndNoIo() throws IOException {
        for (Path f : sources()) {
            String text = Files.readString(f);
            Matcher m = IMPORT.matcher(text);
            while (m.find()) {
                String imported = m.group(2);
                assertThat(imported.startsWith("dev.pronto.") && !imported.startsWith("dev.pronto.parser.")
                        && !imported.startsWith("dev.pronto.http."))
                        .as("%s imports %s", f.getFileName(), imported).isFalse();
                assertThat(FORBIDDEN).as("%s imports %s", f.getFileName(), imported)
                        .noneMatch(imported::startsWith);
            }
            assertThat(text.replace("dev.pronto.parser", "").replace("dev.pronto.http", ""))
                    .as(f.getFileName().toString())
                    .doesNotContain("dev.pronto.");
        }
    }

    @Test
    void declaresOnlyFinalClasses() throws IOException {
        for (Path f : sources()) {
            Matcher m = CLASS.matcher(Files.readString(f));
            while (m.find()) {
                assertThat(m.group(3)).as("%s: %s", f.getFileName(), m.group()).isEqualTo("final");
            }
        }
    }

    private static List<Path> sources() throws IOException {
        assertThat(SOURCES).isDirectory();
        try (Stream<Path> files = Files.list(SOURCES)) {
            return files.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        }
    }
}
