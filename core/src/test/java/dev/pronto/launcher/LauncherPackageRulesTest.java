package dev.pronto.launcher;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The launcher sits beside the engine, not inside it: of ours it uses the public API only (an application runs the
 * same way in a worker as in a test), and nothing of the engine uses it.
 */
class LauncherPackageRulesTest {
    private static final Path MAIN = Path.of("src/main/java/dev/pronto");
    private static final Pattern IMPORT = Pattern.compile("^import (static )?([\\w.]+)", Pattern.MULTILINE);

    @Test
    void usesOnlyThePublicApiOfOurs() throws IOException {
        for (Path f : javaFiles(MAIN.resolve("launcher"))) {
            Matcher m = IMPORT.matcher(Files.readString(f));
            while (m.find()) {
                String imported = m.group(2);
                if (imported.startsWith("dev.pronto.")) {
                    assertThat(imported).as("%s imports %s", f.getFileName(), imported)
                            .matches("dev\\.pronto\\.[A-Z]\\w*");
                }
            }
        }
    }

    @Test
    void onlyTheLauncherFacadeUsesIt() throws IOException {
        for (Path f : javaFiles(MAIN)) {
            if (f.startsWith(MAIN.resolve("launcher")) || f.equals(MAIN.resolve("Launcher.java"))) {
                continue;
            }
            assertThat(Files.readString(f)).as("%s", f).doesNotContain("dev.pronto.launcher");
        }
    }

    private static List<Path> javaFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            List<Path> found = files.filter(p -> p.toString().endsWith(".java")).sorted().toList();
            assertThat(found).isNotEmpty();
            return found;
        }
    }
}
